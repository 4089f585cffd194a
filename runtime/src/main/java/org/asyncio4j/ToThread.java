package org.asyncio4j;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * The coroutine behind {@link Asyncio#toThread(Callable)}: runs blocking work on a worker thread while the awaiting
 * task is suspended.
 *
 * <p>Not thread-safe; use only from its event loop's thread (the work itself runs on the worker).
 *
 * <p>Lazy, as asyncio's {@code to_thread} coroutine: nothing is submitted until the coroutine is first resumed. Then
 * it submits the work to the loop's executor (made on first use, see {@link WorkerThreads}; the loop shuts it down
 * when it closes) and waits on a {@link BridgeFuture} linked to the submitted work. The worker hands the outcome to
 * the loop with {@link EventLoop#callSoonThreadsafe}, so the task resumes on the loop's thread. Cancelling the task
 * cancels that future, which cancels the work with interruption: if it has not started it never runs; if it is
 * running its thread is interrupted, and whatever it then returns or throws is dropped.
 *
 * <pre>
 *   NEW ──resume──▶ submitted (task waits on the bridge future) ──resumed with the outcome──▶ DONE
 *    └──resume with a CancelledError (task cancelled before it started)──▶ DONE, nothing submitted
 * </pre>
 */
final class ToThread<T> extends Coroutine<T> {
    private final Callable<T> work;
    private boolean started;

    ToThread(Callable<T> work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    @Override
    protected Object resume(Object value, Throwable error) throws Throwable {
        if (!started) {
            started = true;
            if (error != null) {
                throw error;        // cancelled before it started: the work is never submitted
            }
            EventLoop loop = requireTask().loop;
            BridgeFuture<T> future = new BridgeFuture<>(loop, "toThread(" + work + ")");
            future.link(executor(loop).submit(() -> callInto(work, future)));
            suspendOnFuture(future);    // pending: its outcome arrives through the loop, in a later pass
            return SUSPENDED;
        }
        if (error != null) {
            throw error;
        }
        return value;
    }

    /** Runs {@code work} on the worker thread and hands its outcome to {@code future}'s loop. */
    private static <T> void callInto(Callable<T> work, BridgeFuture<T> future) {
        T value;
        try {
            value = work.call();
        } catch (Throwable t) {
            future.completeThreadsafe(null, t);
            return;
        }
        future.completeThreadsafe(value, null);
    }

    /** The loop's executor, made on first use (also {@link EventLoop#runInExecutor}'s default). */
    static ExecutorService executor(EventLoop loop) {
        ExecutorService e = loop.defaultExecutor;
        if (e == null) {
            e = WorkerThreads.newExecutor();
            loop.defaultExecutor = e;
        }
        return e;
    }

    @Override
    public String toString() {
        return "toThread(" + work + ")";
    }

    /** The body of {@link EventLoop#runInExecutor}, after its checks. */
    static <T> Future<T> runInExecutor(EventLoop loop, java.util.concurrent.Executor executor,
            java.util.concurrent.Callable<T> work) {
        BridgeFuture<T> future = new BridgeFuture<>(loop, "runInExecutor(" + work + ")");
        Runnable job = () -> callInto(work, future);
        java.util.concurrent.Executor target = executor != null ? executor : executor(loop);
        if (target instanceof java.util.concurrent.ExecutorService) {
            future.link(((java.util.concurrent.ExecutorService) target).submit(job));
        } else {
            target.execute(job);
        }
        return future;
    }
}
