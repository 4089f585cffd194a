package org.asyncio4j;

import static org.asyncio4j.Script.awaitAnyThen;
import static org.asyncio4j.Script.awaitThen;
import static org.asyncio4j.Script.coro;
import static org.asyncio4j.Script.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.asyncio4j.internal.AsyncStateMachine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The frame protocol: the generated-code shape, inline awaits, fast paths, and the non-recursive resume loop. */
class AsyncStateMachineTest extends LoopTestBase {

    /** Exactly the shape the processor generates (docs/internals.md), including the fast-path fall-through. */
    static final class Greet extends AsyncStateMachine<String> {
        private final Greeter self;
        private final double delay;
        private int state;

        Greet(Greeter self, double delay) {
            this.self = self;
            this.delay = delay;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected Object step() throws Throwable {
            for (;;) {
                switch (state) {
                    case 0: {
                        state = 1;
                        if (suspendOn(Asyncio.sleep(delay))) return SUSPENDED;
                    }
                    case 1: {
                        awaitResult();
                        state = -1;
                        return self.greeting + " after " + delay;
                    }
                    default: throw invalidState(state);
                }
            }
        }
    }

    static final class Greeter {
        final String greeting;

        Greeter(String greeting) {
            this.greeting = greeting;
        }
    }

    /** Awaits a future and adds 1; exercises {@code suspendOn(Future)} and a loop with {@code continue}. */
    static final class SumFutures extends AsyncStateMachine<Integer> {
        private final List<Future<Integer>> futures;
        private int i;
        private int sum;
        private int state;

        SumFutures(List<Future<Integer>> futures) {
            this.futures = futures;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected Object step() throws Throwable {
            for (;;) {
                switch (state) {
                    case 0: {
                        if (i == futures.size()) {
                            state = -1;
                            return sum;
                        }
                        state = 1;
                        if (suspendOn(futures.get(i))) return SUSPENDED;
                    }
                    case 1: {
                        int v = awaitResult();
                        sum += v;
                        i++;
                        state = 0;
                        continue;
                    }
                    default: throw invalidState(state);
                }
            }
        }
    }

    @Test
    void generatedShape_runsToCompletion_onVirtualTime() {
        String r = Asyncio.run(new Greet(new Greeter("Hello"), 3.0), loop);
        assertEquals("Hello after 3.0", r);
        assertEquals(3.0, loop.time());
        assertTrue(loop.isClosed());
    }

    @Test
    void generatedShape_fastPathFallsThrough_forDoneFutures() {
        List<Future<Integer>> fs = List.of(loop.createFuture(), loop.createFuture(), loop.createFuture());
        fs.get(0).setResult(1);
        fs.get(2).setResult(100);
        loop.callLater(1, () -> fs.get(1).setResult(10));
        assertEquals(111, Asyncio.run(new SumFutures(fs), loop));
    }

    /** AsyncStateMachine is not abstract (compile time, #14): a subclass without step() fails on its first step. */
    static final class NoStep extends AsyncStateMachine<String> {}

    @Test
    void subclassWithoutStep_failsOnItsFirstStep_namingItself() {
        AbstractMethodError e = assertThrows(AbstractMethodError.class, () -> Asyncio.run(new NoStep(), loop));
        assertEquals(NoStep.class.getName() + " does not override step()", e.getMessage());
    }

    @Test
    void invalidState_namesTheStateAndTheFrame() {
        Greet g = new Greet(new Greeter("x"), 0);
        g.state = 7;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.run(g, loop));
        assertTrue(e.getMessage().startsWith("invalid state 7 in AsyncStateMachineTest.Greet@"), e.getMessage());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void awaitOnACoroutine_runsInline_withoutATripThroughTheLoop() {
        loop.createTask(coro(() -> {
            seq.expect(1);
            return awaitThen(coro(() -> {
                seq.expect(2);
                return done(5);
            }), r -> {
                seq.expect(3);                   // before task B: no loop pass in between
                assertEquals(5, (int) r.get());
                return done(null);
            });
        }));
        loop.createTask(coro(() -> {
            seq.finish(4);
            return done(null);
        }));
        runOnePass();
        seq.assertFinished(4);
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void awaitOnADoneFuture_doesNotSuspend() {
        Future<String> f = loop.createFuture();
        f.setResult("ready");
        loop.createTask(coro(() -> {
            seq.expect(1);
            return awaitThen(f, r -> {
                seq.expect(2);
                assertEquals("ready", r.get());
                return done(null);
            });
        }));
        loop.createTask(coro(() -> {
            seq.finish(3);
            return done(null);
        }));
        runOnePass();
        seq.assertFinished(3);
    }

    @Test
    void awaitOnACancelledDoneFuture_throwsCancelledErrorInline() {
        Future<String> f = loop.createFuture();
        f.cancel("gone");
        Task<String> t = loop.createTask(coro(() -> awaitThen(f, r -> {
            try {
                return done(r.get());
            } catch (CancelledError e) {
                return done("caught " + e.getMessage());
            }
        })));
        assertEquals("caught gone", loop.runUntilComplete(t));
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void awaitOnAPendingFuture_suspendsUntilItIsDone() {
        Future<String> f = loop.createFuture();
        Task<String> t = loop.createTask(coro(() -> {
            seq.expect(1);
            return awaitThen(f, r -> {
                seq.finish(3);
                return done(r.get());
            });
        }));
        loop.createTask(coro(() -> {
            seq.expect(2);
            f.setResult("later");
            return done(null);
        }));
        assertEquals("later", loop.runUntilComplete(t));
        seq.assertFinished(3);
    }

    @Test
    void childFailure_propagatesToTheAwaitingFrame_whichMayCatchIt() {
        IOException io = new IOException("child failed");
        Task<String> t = loop.createTask(coro(() -> awaitThen(failing(1, io), r -> {
            try {
                r.get();
                return done("no");
            } catch (IOException e) {
                assertSame(io, e);
                return done("caught");
            }
        })));
        assertEquals("caught", loop.runUntilComplete(t));
    }

    @Test
    void childFailingWithoutSuspending_isDeliveredInline() {
        RuntimeException boom = new RuntimeException("sync failure");
        Task<String> t = loop.createTask(coro(() -> awaitThen(coro(() -> {
            throw boom;
        }), r -> {
            try {
                r.get();
                return done("no");
            } catch (RuntimeException e) {
                return done(e == boom ? "caught" : "wrong");
            }
        })));
        assertEquals("caught", loop.runUntilComplete(t));
    }

    @Test
    void awaitingACoroutineTwice_throws() {
        Coroutine<Integer> child = immediate(1);
        Task<Object> t = loop.createTask(coro(() -> awaitThen(child, r1 -> awaitThen(child, r2 -> done("no")))));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
        assertTrue(e.getMessage().endsWith("was already awaited or scheduled"), e.getMessage());
    }

    @Test
    void suspendOnAwaitable_dispatchesToFutureAndCoroutine() {
        Future<Integer> f = loop.createFuture();
        loop.callLater(1, () -> f.setResult(2));
        Task<Integer> t = loop.createTask(coro(() -> awaitAnyThen(f, r1 ->
                awaitAnyThen(delayed(1, 3), r2 -> done((int) r1.get() + (int) r2.get())))));
        assertEquals(5, loop.runUntilComplete(t));
        assertEquals(2.0, loop.time());
    }

    @Test

    @Tag(LoopTestBase.EXACT_ORDER)
    void doneCompletableFuture_isReadInline_andFailuresAreUnwrapped() {
        IOException io = new IOException("cf failed");
        CompletableFuture<String> ok = CompletableFuture.completedFuture("cf");
        CompletableFuture<String> bad = CompletableFuture.failedFuture(io);
        Task<String> t = loop.createTask(coro(() -> {
            seq.expect(1);
            return awaitThen(ok, r1 -> {
                seq.expect(2);
                return awaitThen(bad, r2 -> {
                    seq.expect(3);
                    try {
                        r2.get();
                        return done("no");
                    } catch (IOException e) {
                        assertSame(io, e);
                        return done(r1.get());
                    }
                });
            });
        }));
        loop.createTask(coro(() -> {
            seq.finish(4);
            return done(null);
        }));
        assertEquals("cf", loop.runUntilComplete(t));
        seq.assertFinished(4);
    }

    @Test
    void deepChain_isResumedByALoop_notByRecursion() {
        int depth = 200;
        int[] innermostDepth = new int[1];
        int[] rootDepth = new int[1];
        Coroutine<Integer> chain = coro(() -> awaitThen(Asyncio.sleep(1), r -> {
            innermostDepth[0] = Thread.currentThread().getStackTrace().length;
            return done(0);
        }));
        for (int i = 0; i < depth; i++) {
            Coroutine<Integer> child = chain;
            boolean root = i == depth - 1;
            chain = coro(() -> awaitThen(child, r -> {
                if (root) {
                    rootDepth[0] = Thread.currentThread().getStackTrace().length;
                }
                return done((int) r.get() + 1);
            }));
        }
        assertEquals(depth, Asyncio.run(chain, loop));
        // Each frame is resumed from the task's loop, so the root sits no deeper than the innermost frame.
        assertEquals(innermostDepth[0], rootDepth[0]);
    }
}
