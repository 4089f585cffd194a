package org.asyncio4j.subprocess;

import static org.asyncio4j.Script.awaitAnyThen;
import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.asyncio4j.AsyncIterator;
import org.asyncio4j.Asyncio;
import org.asyncio4j.NetTestBase;
import org.asyncio4j.Script;
import org.junit.jupiter.api.Test;

/**
 * A {@link Subprocess} as an {@code AsyncCloseable} ({@code try (Subprocess p = ...)} in an {@code @Async} body) and
 * its output as an {@code AsyncIterable} of lines, with real commands ({@code cat}, {@code sleep}, {@code printf}).
 */
class SubprocessCloseTest extends NetTestBase {

    private Subprocess start(String... command) {
        return runUntilComplete(coro(() -> awaitThen(Asyncio.createSubprocessExec(command), r -> done(r.get()))));
    }

    /** The loop the processor makes of {@code for (String line : lines) out.add(line)}, by hand. */
    private Script.Next collect(AsyncIterator<String> lines, List<String> out) {
        return awaitAnyThen(lines.hasNextAsync(), r -> {
            if (r.<Boolean>get()) {
                out.add(lines.next());
                return collect(lines, out);
            }
            return done(null);
        });
    }

    @Test
    void closeAsync_closesTheInputAndWaitsForTheExit() {
        Subprocess p = start("cat");
        p.stdin().write("one line\n".getBytes(StandardCharsets.US_ASCII));
        List<String> lines = new ArrayList<>();
        runUntilComplete(coro(() -> awaitAnyThen(p.closeAsync(), r -> {
            r.get();
            return collect(p.stdout().lines(StandardCharsets.US_ASCII).asyncIterator(), lines);
        })));
        assertEquals(0, p.returnCode()); // cat saw the end of its input and exited before closeAsync completed
        assertEquals(List.of("one line"), lines);
        runUntilComplete(p.stderr().read(-1));
        runUntilComplete(p.stdin().waitClosed());
    }

    @Test
    void closeAsyncAfterAFailure_killsTheProcess_andLetsTheFailurePropagate() {
        Subprocess p = start("sleep", "100");
        RuntimeException failure = new RuntimeException("the block failed");
        runUntilComplete(p.closeAsync(failure)); // completes normally: the block's failure propagates
        assertEquals(137, p.returnCode());      // SIGKILL
        assertEquals(0, failure.getSuppressed().length);
        runUntilComplete(p.stdout().read(-1));
        runUntilComplete(p.stderr().read(-1));
        p.stdin().close();
        runUntilComplete(p.stdin().waitClosed());
    }

    @Test
    void outputLines_withoutTheirLineEnds_untilTheEnd() {
        Subprocess p = start("printf", "a\\nb\\r\\nlast");
        List<String> lines = new ArrayList<>();
        runUntilComplete(coro(() -> collect(p.stdout().lines(StandardCharsets.US_ASCII).asyncIterator(), lines)));
        assertEquals(List.of("a", "b", "last"), lines);
        assertEquals(0, runUntilComplete(p.waitExit()));
        runUntilComplete(p.stderr().read(-1));
        p.stdin().close();
        runUntilComplete(p.stdin().waitClosed());
    }
}
