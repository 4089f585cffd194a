package org.asyncio4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.asyncio4j.Asyncio;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The extension used as the README shows it: these tests run in the ordinary build, and pass. */
@AsyncioTest
class AsyncioTestUsageTest {
    private final Greeter greeter = new Greeter("Hello");

    @Test
    void greets(EventLoop loop) {
        assertEquals("Hello, Ada", loop.runUntilComplete(GreeterAsync.greet(greeter, "Ada", 10)));
        assertEquals(10.0, loop.time());
    }

    @Test
    void greetsBothConcurrently(EventLoop loop) {
        assertEquals(List.of("Hello, Ada", "Hello, Bob"), AsyncioTesting.run(GreeterAsync.greetBoth(greeter)));
        assertEquals(0.2, loop.time(), 1e-9);
    }

    @Test
    void theHelperCanBuildWhatNeedsARunningLoop() {
        List<String> both = AsyncioTesting.run(() -> Asyncio.gather(
                GreeterAsync.greet(greeter, "A", 1), GreeterAsync.greet(greeter, "B", 2)));
        assertEquals(List.of("Hello, A", "Hello, B"), both);
        assertEquals(2.0, AsyncioTesting.loop().time());
    }

    @Test
    void theHelperRunsAFutureOfTheLoop(EventLoop loop) {
        Future<String> future = loop.createFuture();
        loop.callLater(3, () -> future.setResult("done"));
        assertEquals("done", AsyncioTesting.run(future));
        assertEquals("done", AsyncioTesting.run(() -> future));
        assertEquals(3.0, loop.time());
    }

    @Test
    void theHelperThrowsWhatTheBodyThrows() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AsyncioTesting.run(() -> {
            throw new IllegalStateException("body failed");
        }));
        assertEquals("body failed", e.getMessage());
    }

    @Test
    void aFailureIsThrownUnwrapped(EventLoop loop) {
        Future<String> future = loop.createFuture();
        loop.callLater(1, () -> future.setException(new UnsupportedOperationException("no")));
        assertThrows(UnsupportedOperationException.class, () -> loop.runUntilComplete(future));
    }

    @Nested
    class WithinANestedClass {
        @Test
        void theLoopIsFreshAndVirtual(EventLoop loop) {
            assertEquals(0.0, loop.time());
            assertSame(loop, AsyncioTesting.loop());
            loop.runUntilComplete(Asyncio.sleep(3600));
            assertEquals(3600.0, loop.time());
        }
    }
}
