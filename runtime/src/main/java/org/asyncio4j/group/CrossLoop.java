package org.asyncio4j.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;

/**
 * The safe ways across loops (of a {@link LoopGroup}, or any two loops on two threads): wait for another loop's
 * future, run a coroutine on a chosen loop, gather results from several loops. Each gives the caller a future of
 * its <em>own</em> loop, completed on its own thread, so the caller's ordering rules hold unchanged: the outcome
 * arrives through {@link EventLoop#callSoonThreadsafe} and wakes the waiting task in a later pass, like any
 * completion on that loop.
 *
 * <p>Thread-safety: call these on a running loop's thread (the loop that waits); the other loop is only ever touched
 * on its own thread, through its {@code callSoonThreadsafe}. asyncio's counterparts are
 * {@code asyncio.run_coroutine_threadsafe} plus {@code asyncio.wrap_future}, which two loops would combine by hand;
 * Netty's is a {@code Promise} of one loop with a listener that {@code execute}s on another.
 *
 * <pre>
 *   loop A: follow(fB) ──callSoonThreadsafe──▶ loop B: fB.addDoneCallback(deliver)
 *   loop B: fB done ─▶ deliver (B's pass) ──callSoonThreadsafe──▶ loop A: settle the follower (A's pass)
 *   loop A: follower.cancel() ──callSoonThreadsafe──▶ loop B: fB.cancel()
 * </pre>
 * If the other loop is closed before the outcome arrives, the follower fails with an {@link IllegalStateException}
 * when it is made, or never completes if the loop closes later (as a future of a closed loop never does); a
 * {@link LoopGroup} closes all its loops together, cancelling the waiting tasks.
 */
public final class CrossLoop {
    private CrossLoop() {}

    /**
     * A future of the running loop that completes with {@code remote}'s outcome (result, exception, or cancellation
     * with its message). Cancelling it cancels {@code remote}, on {@code remote}'s loop. A future of the running
     * loop itself is returned as it is.
     *
     * @param <T> the result type
     * @param remote a future or task of any loop
     * @throws IllegalStateException if no loop is running on this thread
     * @return a future of the running loop
     */
    public static <T> Future<T> follow(Future<T> remote) {
        Objects.requireNonNull(remote, "remote");
        EventLoop here = Asyncio.getRunningLoop();
        EventLoop there = remote.getLoop();
        if (there == here) {
            return remote;
        }
        Follower<T> local = new Follower<>(here, there, remote);
        try {
            there.callSoonThreadsafe(() -> remote.addDoneCallback(local::deliverFrom));
        } catch (IllegalStateException closed) {
            local.setException(new IllegalStateException("the loop of " + remote + " is closed", closed));
        }
        return local;
    }

    /**
     * Runs {@code coroutine} as a task on {@code target} (as {@link Asyncio#runCoroutineThreadsafe} does) and returns
     * a future of the running loop for its outcome; cancelling that future cancels the task. On the running loop
     * itself the task is simply created there.
     *
     * @param <T> the result type
     * @param target the loop to run on
     * @param coroutine a coroutine not yet awaited or scheduled (made on any thread: coroutines are lazy)
     * @throws IllegalStateException if no loop is running on this thread
     * @return a future of the running loop
     */
    public static <T> Future<T> call(EventLoop target, Coroutine<T> coroutine) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(coroutine, "coroutine");
        EventLoop here = Asyncio.getRunningLoop();
        if (target == here) {
            return here.createTask(coroutine);
        }
        Follower<T> local = new Follower<>(here, target, null);
        try {
            target.callSoonThreadsafe(() -> local.startOn(target, coroutine));
        } catch (IllegalStateException closed) {
            local.setException(new IllegalStateException("the target loop is closed", closed));
        }
        return local;
    }

    /**
     * {@link Asyncio#gather} over futures of any loops: each future of another loop is {@linkplain #follow
     * followed}, and the results come back in argument order, on the running loop. The first failure fails the
     * result (the others run on); cancelling the result cancels every future, each on its own loop.
     *
     * @param <T> the result type
     * @param futures futures or tasks of any loops
     * @return a future of the running loop, of the results in order
     */
    public static <T> Future<List<T>> gather(List<? extends Future<? extends T>> futures) {
        List<Future<? extends T>> local = new ArrayList<>(futures.size());
        for (Future<? extends T> f : futures) {
            local.add(follow(f));
        }
        return Asyncio.gather(local);
    }

    /**
     * The local side of a cross-loop wait. Not thread-safe, like every future: it completes on its own loop's
     * thread; {@link #deliverFrom} and {@link #startOn} run on the remote loop's thread and only hand values over.
     */
    private static final class Follower<T> extends Future<T> {
        private final EventLoop remoteLoop;
        /** The remote future, once known: at once for {@code follow}, on the remote thread for {@code call}. */
        private volatile Future<T> remote;
        /** Set on the local thread when cancelled, read on the remote thread by {@link #startOn}. */
        private volatile boolean cancelRequested;

        Follower(EventLoop local, EventLoop remoteLoop, Future<T> remote) {
            super(local);
            this.remoteLoop = remoteLoop;
            this.remote = remote;
        }

        /** On the remote loop's thread: starts the task, unless the call was cancelled first. */
        void startOn(EventLoop target, Coroutine<T> coroutine) {
            if (cancelRequested) {
                return;                     // cancelled before it could start: the coroutine never runs
            }
            Future<T> task;
            try {
                task = target.createTask(coroutine);
            } catch (RuntimeException e) {
                handBack(null, e, false, null);
                return;
            }
            remote = task;
            task.addDoneCallback(this::deliverFrom);
        }

        /** On the remote loop's thread, once {@code f} is done: reads its outcome and hands it to this loop. */
        void deliverFrom(Future<T> f) {
            if (f.cancelled()) {
                String message;
                try {
                    f.result();
                    message = null;
                } catch (CancelledError e) {
                    message = e.getMessage();
                }
                handBack(null, null, true, message);
            } else if (f.exception() != null) {
                handBack(null, f.exception(), false, null);
            } else {
                handBack(f.result(), null, false, null);
            }
        }

        private void handBack(T value, Throwable error, boolean cancelled, String message) {
            try {
                getLoop().callSoonThreadsafe(() -> settle(value, error, cancelled, message));
            } catch (IllegalStateException closed) {
                // This loop is closed: nobody can observe the outcome any more.
            }
        }

        private void settle(T value, Throwable error, boolean cancelled, String message) {
            if (done()) {
                return;                     // cancelled meanwhile; the remote side was told then
            }
            if (cancelled) {
                super.cancel(message);
            } else if (error != null) {
                setException(error);
            } else {
                setResult(value);
            }
        }

        @Override
        public boolean cancel(String message) {
            if (!super.cancel(message)) {
                return false;
            }
            cancelRequested = true;
            try {
                remoteLoop.callSoonThreadsafe(() -> {
                    Future<T> r = remote;
                    if (r != null) {
                        r.cancel(message);
                    }
                });
            } catch (IllegalStateException closed) {
                // The remote loop is closed: its future can never complete anyway.
            }
            return true;
        }

        @Override
        public String toString() {
            Future<T> r = remote;
            return "Future[" + describeState() + " following " + (r == null ? "a call" : "a future")
                    + " on another loop]";
        }
    }
}
