package org.asyncio4j.group;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.asyncio4j.Asyncio;
import org.asyncio4j.Coroutine;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Future;
import org.asyncio4j.Task;

/**
 * One loop of a {@link LoopGroup} and the thread that runs it. The thread runs {@link Asyncio#run} with a keeper
 * coroutine as the main task, which waits for {@link #requestStop()}; so the loop stops by {@code Asyncio.run}'s
 * rules: the keeper returns, the tasks still pending are cancelled and awaited, failures during that are reported,
 * and the loop closes. The keeper first records which tasks were pending (the report's leftovers). After the loop
 * is closed, the thread runs the {@linkplain #afterRun clean-up hooks} (group servers close the sockets that are
 * still open), then completes {@link #terminated}.
 *
 * <p>Thread-safety: {@link #requestStop()} and the fields read after {@link #terminated} completes are safe from
 * any thread; the keeper runs on the member's thread.
 */
final class Member implements Runnable {
    final int index;
    final EventLoop loop;
    final Thread thread;
    /** Completed on the loop's thread by {@link #requestStop()}; made before the thread starts. */
    private final Future<Void> stop;
    private final Consumer<EventLoop> configure;
    /** Run on the member's thread after its loop closed; each returns how many sockets it closed. */
    final List<IntSupplier> afterRun = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> terminated = new CompletableFuture<>();
    volatile List<String> leftovers = List.of();
    volatile Throwable failure;
    volatile int socketsClosed;

    Member(int index, EventLoop loop, String threadName, Consumer<EventLoop> configure) {
        this.index = index;
        this.loop = loop;
        this.configure = configure;
        this.stop = loop.createFuture();
        this.thread = new Thread(this, threadName);
    }

    @Override
    public void run() {
        try {
            if (configure != null) {
                configure.accept(loop);
            }
            Asyncio.run(new Keeper(), loop);
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (!loop.isClosed() && !loop.isRunning()) {
                loop.close();
            }
            int closed = 0;
            for (IntSupplier hook : afterRun) {
                try {
                    closed += hook.getAsInt();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
            socketsClosed = closed;
            terminated.complete(null);
        }
    }

    /** From any thread: lets the keeper return, which starts {@code Asyncio.run}'s shutdown of this loop. */
    void requestStop() {
        try {
            loop.callSoonThreadsafe(() -> {
                if (!stop.done()) {
                    stop.setResult(null);
                }
            });
        } catch (IllegalStateException closed) {
            // Already closed (its thread failed): nothing left to stop.
        }
    }

    /** The main task of the member's loop: waits for {@link #stop}, then records the tasks still pending. */
    private final class Keeper extends Coroutine<Void> {
        private boolean waited;

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (error != null) {
                throw error;
            }
            if (!waited) {
                waited = true;
                if (suspendOnFuture(stop)) {
                    return SUSPENDED;
                }
                awaitedResult();
            }
            Task<?> me = Asyncio.currentTask();
            List<String> pending = new ArrayList<>();
            for (Task<?> t : Asyncio.allTasks()) {
                if (t != me) {
                    pending.add(t.toString());
                }
            }
            pending.sort(null);
            leftovers = pending;
            return null;
        }

        @Override
        public String toString() {
            return "LoopGroup keeper of loop " + index;
        }
    }
}
