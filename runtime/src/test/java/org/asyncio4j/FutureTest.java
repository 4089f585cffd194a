package org.asyncio4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class FutureTest extends LoopTestBase {

    @Test
    void pending_isNotDone_andHasNoResultOrException() {
        Future<String> f = loop.createFuture();
        assertFalse(f.done());
        assertFalse(f.cancelled());
        assertSame(loop, f.getLoop());
        assertThrows(InvalidStateError.class, f::result);
        assertThrows(InvalidStateError.class, f::exception);
        assertEquals("Future[pending]", f.toString());
    }

    @Test
    void finishedWithResult_cannotChangeAgain() {
        Future<String> f = loop.createFuture();
        f.setResult("r");
        assertTrue(f.done());
        assertFalse(f.cancelled());
        assertEquals("r", f.result());
        assertNull(f.exception());
        assertThrows(InvalidStateError.class, () -> f.setResult("again"));
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel());
        assertEquals("r", f.result());
        assertEquals("Future[finished result=r]", f.toString());
    }

    @Test
    void finishedWithException_resultRethrowsItUnwrapped_evenIfChecked() {
        Future<String> f = loop.createFuture();
        IOException io = new IOException("disk");
        f.setException(io);
        assertTrue(f.done());
        assertSame(io, f.exception());
        IOException thrown = assertThrows(IOException.class, f::result);
        assertSame(io, thrown);
        assertThrows(InvalidStateError.class, () -> f.setResult("late"));
        assertFalse(f.cancel());
        assertEquals("Future[finished exception=java.io.IOException: disk]", f.toString());
    }

    @Test
    void cancelled_resultAndExceptionThrowCancelledErrorWithTheMessage() {
        Future<String> f = loop.createFuture();
        assertTrue(f.cancel("stop it"));
        assertTrue(f.done());
        assertTrue(f.cancelled());
        assertEquals("stop it", assertThrows(CancelledError.class, f::result).getMessage());
        assertEquals("stop it", assertThrows(CancelledError.class, f::exception).getMessage());
        assertFalse(f.cancel());
        assertThrows(InvalidStateError.class, () -> f.setResult("late"));
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
    }

    @Test
    void cancelledError_isNotAnException() {
        // asyncio made CancelledError a BaseException so that "except Exception" does not swallow it.
        assertFalse(Exception.class.isAssignableFrom(CancelledError.class));
        assertTrue(Error.class.isAssignableFrom(CancelledError.class));
    }

    @Test
    void setException_null_isRejected() {
        Future<String> f = loop.createFuture();
        assertThrows(NullPointerException.class, () -> f.setException(null));
        assertFalse(f.done());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void doneCallbacks_areScheduledNotRunInline_inRegistrationOrder() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> log.add("first " + x.result()));
        f.addDoneCallback(x -> log.add("second " + x.result()));
        f.addDoneCallback(x -> log.add("third"));
        f.setResult("r");
        assertEquals(List.of(), log);
        runOnePass();
        assertEquals(List.of("first r", "second r", "third"), log);
    }

    @Test
    void doneCallback_runsAfterCallbacksThatWereAlreadyScheduled() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> log.add("done callback"));
        loop.callSoon(() -> log.add("earlier"));
        f.setResult("r");
        runOnePass();
        assertEquals(List.of("earlier", "done callback"), log);
    }

    @Test
    void doneCallback_addedAfterDone_isScheduledAtOnce() {
        Future<String> f = loop.createFuture();
        f.setResult("r");
        f.addDoneCallback(x -> log.add("late " + x.result()));
        assertEquals(List.of(), log);
        runOnePass();
        assertEquals(List.of("late r"), log);
    }

    @Test
    void doneCallback_onCancel_seesTheCancelledFuture() {
        Future<String> f = loop.createFuture();
        f.addDoneCallback(x -> log.add("cancelled=" + x.cancelled()));
        f.cancel();
        runOnePass();
        assertEquals(List.of("cancelled=true"), log);
    }

    @Test
    void removeDoneCallback_removesEveryRegistration_andReturnsTheCount() {
        Future<String> f = loop.createFuture();
        Consumer<Future<String>> a = x -> log.add("a");
        Consumer<Future<String>> b = x -> log.add("b");
        f.addDoneCallback(a);
        f.addDoneCallback(b);
        f.addDoneCallback(a);
        assertEquals(2, f.removeDoneCallback(a));
        assertEquals(0, f.removeDoneCallback(a));
        f.setResult("r");
        runOnePass();
        assertEquals(List.of("b"), log);
        assertEquals(0, f.removeDoneCallback(b), "callbacks already scheduled cannot be removed");
    }

    @Test
    void doneCallbackThatThrows_goesToTheExceptionHandler() {
        Future<String> f = loop.createFuture();
        RuntimeException boom = new RuntimeException("boom");
        f.addDoneCallback(x -> {
            throw boom;
        });
        f.addDoneCallback(x -> log.add("next callback still runs"));
        f.setResult("r");
        runOnePass();
        assertEquals(List.of("next callback still runs"), log);
        assertSame(boom, takeHandledErrors().get(0).get("exception"));
    }
}
