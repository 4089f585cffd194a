package org.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.WeakHashMap;
import org.asyncio4j.internal.AsyncGeneratorMachine;

/**
 * An async generator: the sequence an {@link Async @Async} method returning {@code AsyncGenerator<T>} produces
 * (asyncio's {@code async def} with {@code yield}). The body hands out elements with {@link Asyncio#emit emit(value)},
 * may await between them, and ends with {@code return Asyncio.endGenerator();} (or by throwing):
 *
 * <pre>{@code
 * @Async
 * AsyncGenerator<String> lines(StreamReader reader) {
 *     for (;;) {
 *         byte[] line = await(reader.readLine());
 *         if (line.length == 0) {
 *             return endGenerator();                          // the sequence ends
 *         }
 *         emit(new String(line, UTF_8).strip());              // suspends until the consumer asks for the next
 *     }
 * }
 *
 * AsyncGenerator<String> g = ReaderAsync.lines(reader);       // lazy: nothing runs yet
 * while (await(g.hasNextAsync())) {                           // or: for (String line : g) in an @Async body
 *     String line = g.next();
 * }
 * }</pre>
 *
 * <p>The body runs in the consumer's task, inline in its {@code await(hasNextAsync())} (no task of its own, no trip
 * through the loop): it runs from where it stopped to its next {@code emit}, its end or its failure. A failure of
 * the body reaches the consumer at {@code hasNextAsync()}; after it, or after the end, the generator is finished.
 * {@link #closeAsync()} (asyncio's {@code aclose()}) throws a {@link GeneratorExit} into a generator suspended at an
 * emit, so that its {@code finally} blocks run (they may await); a for-each loop in an {@code @Async} body awaits it
 * when the loop is left early. A cancellation of the consumer's task while the body awaits is thrown into the body
 * at that await, as asyncio does.
 *
 * <p>asyncio's {@code shutdown_asyncgens}: the loop keeps generators that started and have not finished (weakly:
 * an unreachable generator is forgotten); {@link Asyncio#run} closes those that are left when its main task is done,
 * after cancelling the other tasks, and {@link EventLoop#shutdownAsyncGenerators()} does it on demand. A failure of
 * such a close goes to the loop's exception handler.
 *
 * <p>Not thread-safe; use only from its event loop's thread. Only one step may run at a time: a
 * {@code hasNextAsync()} or {@code closeAsync()} awaited while another one of the same generator is suspended fails
 * with {@link IllegalStateException} (asyncio: "asynchronous generator is already running").
 *
 * <h2>States</h2>
 * <pre>
 *   NEW ──hasNextAsync()──▶ RUNNING ──emit──▶ AT_EMIT ──hasNextAsync()──▶ RUNNING ...
 *   RUNNING ──returns or throws──▶ DONE          AT_EMIT ──closeAsync(): GeneratorExit at the emit──▶ DONE
 *   NEW ──closeAsync()──▶ DONE (the body never runs)
 * </pre>
 *
 * @param <T> the element type
 */
public final class AsyncGenerator<T> implements AsyncIterator<T> {
    private static final byte NEW = 0;
    private static final byte AT_EMIT = 1;
    private static final byte RUNNING = 2;
    private static final byte DONE = 3;

    /** The generated state machine; it returns itself from a step that emitted. */
    private final AsyncGeneratorMachine<T> body;
    private byte state = NEW;
    /** Whether {@link #element} is ready for {@link #next()}. */
    private boolean ready;
    private T element;
    /** The loop that tracks this generator while it runs (see {@link #shutdownAll}); null before and after. */
    private EventLoop trackedBy;

    private AsyncGenerator(AsyncGeneratorMachine<T> body) {
        this.body = body;
    }

    /**
     * For generated code: the generator whose body is {@code body}, the state machine of an {@code @Async} method
     * returning {@code AsyncGenerator}. Users call that method's companion instead.
     *
     * @param <T> the element type
     * @param body the generated state machine, not started
     * @return the generator, not started
     * @throws IllegalArgumentException if {@code body} is not a generator's state machine
     */
    @SuppressWarnings("unchecked")
    public static <T> AsyncGenerator<T> of(Coroutine<?> body) {
        if (!(body instanceof AsyncGeneratorMachine)) {
            throw new IllegalArgumentException(body + " is not the state machine of an async generator");
        }
        return new AsyncGenerator<>((AsyncGeneratorMachine<T>) body);
    }

    /**
     * Runs the body to its next emit (or its end).
     *
     * @return what to await: {@code true} when {@link #next()} has an element, {@code false} when the generator
     *     finished; it fails with the body's failure. If an element is ready already, it is not advanced.
     */
    @Override
    public Coroutine<Boolean> hasNextAsync() {
        return new Step<>(false);
    }

    @Override
    public T next() {
        if (!ready) {
            throw new NoSuchElementException("no element: await hasNextAsync() first, and only while it is true");
        }
        ready = false;
        T value = element;
        element = null;
        return value;
    }

    /**
     * Closes the generator (asyncio's {@code aclose()}): a generator suspended at an emit gets a
     * {@link GeneratorExit} thrown there and runs its {@code finally} blocks; one that never started or finished does
     * nothing.
     *
     * @return what to await: completes when the body has finished; fails with what the body threw instead of
     *     {@code GeneratorExit}, or with {@link IllegalStateException} if the body emitted again
     */
    @Override
    public Coroutine<Void> closeAsync() {
        return new Step<>(true);
    }

    /** {@return whether the generator finished: ended, failed or closed} */
    public boolean isDone() {
        return state == DONE;
    }

    @Override
    public String toString() {
        String s = state == NEW ? "new" : state == AT_EMIT ? "suspended" : state == RUNNING ? "running" : "done";
        return "AsyncGenerator[" + body.getClass().getSimpleName() + " " + s + "]";
    }

    /**
     * One step of the consumer: {@code hasNextAsync()} or {@code closeAsync()}, a frame of the consumer's task whose
     * callee is the body. It resumes the body inline; if the body suspends, the task resumes the body later and this
     * frame gets its outcome (the body itself for an emit).
     */
    private final class Step<R> extends Coroutine<R> {
        private final boolean closing;
        private boolean started;

        Step(boolean closing) {
            this.closing = closing;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (started) {
                return outcome(value, error);       // the body's, after it suspended
            }
            started = true;
            if (error != null) {
                throw error;                        // cancelled before this step ran
            }
            if (!closing && (ready || state == DONE)) {
                return ready;
            }
            if (closing && (state == NEW || state == DONE)) {
                finished();
                return null;
            }
            if (state == RUNNING) {
                throw new IllegalStateException((closing ? "closeAsync()" : "hasNextAsync()")
                        + ": asynchronous generator is already running: " + AsyncGenerator.this);
            }
            Task<?> t = requireTask();
            if (state == NEW) {
                track(t.loop);
            }
            state = RUNNING;
            Coroutine<?> frame = body;
            frame.restart(t, this);
            Object r;
            Throwable failure = null;
            try {
                r = frame.resume(null, closing ? new GeneratorExit() : null);
            } catch (Throwable e) {
                r = null;
                failure = e;
            }
            if (failure == null && r == SUSPENDED) {
                return SUSPENDED;                   // the task resumes the body, then this frame
            }
            frame.finish();
            return outcome(r, failure);
        }

        private Object outcome(Object value, Throwable error) throws Throwable {
            if (error == null && value == body) {
                if (closing) {
                    finished();
                    throw new IllegalStateException("async generator ignored GeneratorExit: "
                            + AsyncGenerator.this + " emitted while it was being closed");
                }
                element = body.takeEmitted();
                ready = true;
                state = AT_EMIT;
                return Boolean.TRUE;
            }
            finished();
            if (error != null && !(closing && error instanceof GeneratorExit)) {
                throw error;
            }
            return closing ? null : Boolean.FALSE;
        }
    }

    private void finished() {
        state = DONE;
        EventLoop loop = trackedBy;
        if (loop != null) {
            trackedBy = null;
            loop.asyncGenerators.remove(this);
        }
    }

    private void track(EventLoop loop) {
        if (loop.asyncGenerators == null) {
            loop.asyncGenerators = Collections.newSetFromMap(new WeakHashMap<>());
        }
        loop.asyncGenerators.add(this);
        trackedBy = loop;
    }

    /**
     * asyncio's {@code shutdown_asyncgens}: closes every generator that started on {@code loop} and has not
     * finished, concurrently, each in a task of its own; a failure to close goes to the exception handler.
     *
     * @return a future done when all are closed (never failing)
     */
    static Future<Void> shutdownAll(EventLoop loop) {
        Future<Void> done = loop.createFuture();
        Set<AsyncGenerator<?>> open = loop.asyncGenerators;
        if (open == null || open.isEmpty()) {
            done.setResult(null);
            return done;
        }
        List<AsyncGenerator<?>> generators = new ArrayList<>(open);
        open.clear();
        List<Future<?>> closes = new ArrayList<>();
        for (AsyncGenerator<?> g : generators) {
            g.trackedBy = null;
            closes.add(loop.createTask(g.closeAsync()));
        }
        GatheringFuture<Object> all = new GatheringFuture<>(loop, closes, true);
        all.addDoneCallback(f -> {
            List<Object> outcomes = all.result();
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof Throwable) {
                    Map<String, Object> context = new LinkedHashMap<>();
                    context.put("message", "an error occurred during closing of asynchronous generator "
                            + generators.get(i));
                    context.put("exception", outcomes.get(i));
                    context.put("asyncgen", generators.get(i));
                    loop.callExceptionHandler(context);
                }
            }
            done.setResult(null);
        });
        return done;
    }
}
