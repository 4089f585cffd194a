package org.asyncio4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.asyncio4j.streams.ClientHandler;
import org.asyncio4j.streams.DatagramEndpoint;
import org.asyncio4j.streams.Server;
import org.asyncio4j.streams.StreamReader;
import org.asyncio4j.streams.StreamWriter;
import org.asyncio4j.streams.Streams;
import org.asyncio4j.streams.Connections;
import org.asyncio4j.subprocess.Subprocess;

/**
 * The static entry points of asyncio4j, named after Python's {@code asyncio} module: {@code await}, {@link #run},
 * {@link #sleep}, {@link #createTask}, {@link #gather}, {@link #asCompleted}, {@link #waitFor}, {@link #timeout},
 * {@link #shield}, {@link #wait(Collection, ReturnWhen, double) wait}. Task groups are {@link TaskGroup}.
 *
 * <p>Typically imported with {@code import static org.asyncio4j.Asyncio.*;}.
 *
 * <p>Thread-safety: {@link #run} may be called from any thread that is not running an event loop, and
 * {@link #runCoroutineThreadsafe} from any thread at all; everything else must be called from the thread of the
 * running event loop (it uses that loop). {@link #sleep}, {@link #toThread}, {@link #waitFor},
 * {@link #wait(Collection, ReturnWhen, double) wait} and the functional forms of
 * {@link #timeout(double, Supplier) timeout} only create lazy coroutines and may be called anywhere.
 *
 * <p>Threads: {@link #toThread} runs blocking work off the loop; {@link #runCoroutineThreadsafe} submits a
 * coroutine to a loop from another thread; {@link #toCompletableFuture} and {@link #wrapFuture} convert between
 * loop futures and {@link CompletableFuture}s, carrying cancellation both ways.
 *
 * <p>(This file runs past 500 lines, 626 of its ~1,010 Javadoc: it is the one facade for asyncio's module-level
 * functions, where users look them up, as in asyncio's own {@code asyncio} namespace. Each method is a door:
 * streams and datagrams open through {@code org.asyncio4j.streams.Connections}, processes through
 * {@link Subprocess#exec}, {@link #run} through {@code Runner}, generators and async lambdas through
 * {@code AsyncGenerator} and {@code internal.AsyncLambdas}, and the combinators through their futures and coroutines
 * in this package.)
 */
public final class Asyncio {
    private Asyncio() {}

    // ---- await: markers that the processor rewrites ----

    /**
     * Inside an {@link Async @Async} method: runs {@code coroutine} inline in the current task and returns its
     * result, or throws its failure unwrapped. Outside one, throws.
     *
     * @param <T> the result type
     * @param coroutine the coroutine (not yet awaited or scheduled)
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     * @return the awaited result
     */
    public static <T> T await(Coroutine<T> coroutine) {
        throw notRewritten();
    }

    /**
     * Inside an {@link Async @Async} method: suspends the current task until {@code future} is done and returns
     * its result, or throws its failure unwrapped ({@link CancelledError} if it was cancelled). Outside one, throws.
     *
     * @param <T> the result type
     * @param future a future of the running loop
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     * @return the awaited result
     */
    public static <T> T await(Future<T> future) {
        throw notRewritten();
    }

    /**
     * Inside an {@link Async @Async} method: suspends the current task until {@code stage} completes (on any
     * thread; the task resumes on the loop's thread) and returns its result, or throws its failure unwrapped from
     * {@link java.util.concurrent.CompletionException}. Outside one, throws.
     *
     * @param <T> the result type
     * @param stage a {@link java.util.concurrent.CompletionStage}, a {@link java.util.concurrent.CompletableFuture} say
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     * @return the awaited result
     */
    public static <T> T await(CompletionStage<T> stage) {
        throw notRewritten();
    }

    /**
     * Inside an {@link Async @Async} method: awaits a coroutine or a future whose static type is
     * {@link Awaitable}. Outside one, throws.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     * @return the awaited result
     */
    public static <T> T await(Awaitable<T> awaitable) {
        throw notRewritten();
    }

    /**
     * {@link #await(Awaitable)} that also tells javac which checked exception the awaited work may fail with, so
     * that code around it may catch it:
     * <pre>{@code
     * try {
     *     String text = await(ReaderAsync.readAll(path), IOException.class);
     * } catch (IOException e) {      // without the second argument javac says "never thrown in body of try"
     *     ...
     * }
     * }</pre>
     * An awaited failure is always rethrown unwrapped, whatever its type; {@code mayThrow} only informs javac's
     * exception checking and is never evaluated at run time. Outside an {@code @Async} method, throws.
     *
     * @param <X> the checked exception the awaited coroutine or future may fail with
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @param mayThrow a checked exception the awaited operation may throw, so that the caller can catch it
     * @throws X the awaited failure
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     * @return the awaited result
     */
    public static <T, X extends Throwable> T await(Awaitable<T> awaitable, Class<X> mayThrow) throws X {
        throw notRewritten();
    }

    /**
     * {@link #await(CompletionStage)} that also tells javac which checked exception the stage may fail with; see
     * {@link #await(Awaitable, Class)}.
     *
     * @param <X> the checked exception the stage may fail with
     * @param <T> the result type
     * @param stage a {@link java.util.concurrent.CompletionStage}, a {@link java.util.concurrent.CompletableFuture} say
     * @param mayThrow a checked exception the awaited operation may throw, so that the caller can catch it
     * @throws X the stage's failure, unwrapped
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     * @return the awaited result
     */
    public static <T, X extends Throwable> T await(CompletionStage<T> stage, Class<X> mayThrow) throws X {
        throw notRewritten();
    }

    private static IllegalStateException notRewritten() {
        return new IllegalStateException("await() is only valid inside an @Async method compiled with the asyncio4j "
                + "processor on the annotation processor path (Maven: maven-compiler-plugin <annotationProcessorPaths>; "
                + "javac: -processorpath). javac 23+ does not run processors found only on the class path.");
    }

    // ---- async generators: markers that the processor rewrites ----

    /**
     * In the body of an {@link Async @Async} method that returns {@link AsyncGenerator AsyncGenerator&lt;T&gt;}: hands
     * {@code value} to the consumer and suspends until it asks for the next element (asyncio's {@code yield} in an
     * {@code async def}). A statement of its own; not in a lambda. Anywhere else it is a compile error
     * ({@code EmitOutsideGenerator}); run without the processor, it throws.
     *
     * @param <T> the element type
     * @param value the element
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     */
    public static <T> void emit(T value) {
        throw new IllegalStateException("emit() is only valid in an @Async method returning AsyncGenerator, "
                + "compiled with the asyncio4j processor; call the generated <Class>Async entry point, not the "
                + "template method");
    }

    /**
     * Ends an async generator: {@code return endGenerator();} in the body of an {@link Async @Async} method that
     * returns {@link AsyncGenerator} (Java requires a return value there; the consumer's {@code hasNextAsync()} then
     * completes with {@code false}). A generator must not return anything else ({@code GeneratorReturnsValue}).
     *
     * @param <T> the element type
     * @return {@code null}, the end of the generated body
     */
    public static <T> AsyncGenerator<T> endGenerator() {
        return null;
    }

    // ---- async lambdas: markers that the processor rewrites ----

    /**
     * In an {@link Async @Async} body: a coroutine whose body is this lambda ({@code async () => ...} in C#, a
     * {@code suspend} lambda in Kotlin). The lambda may await; it captures effectively final locals, parameters and
     * {@code this} like any lambda, and the coroutine's result type is its return type:
     * <pre>{@code
     * Task<Integer> t = createTask(async(() -> {
     *     await(sleep(delay));
     *     return 5;
     * }));
     * }</pre>
     * The processor turns the body into a state machine of its own. Anywhere but an {@code @Async} body (or another
     * async lambda's) it is a compile error ({@code AsyncLambdaOutsideAsync}); run without the processor, it throws.
     *
     * @param <T> the result type
     * @param body the coroutine's body
     * @return the coroutine, lazy as any: it runs when awaited or scheduled
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     */
    public static <T> Coroutine<T> async(Callable<T> body) {
        throw notRewritten();
    }

    /**
     * {@link #async(Callable)} for a lambda that returns nothing: a {@code Coroutine<Void>}.
     *
     * @param body the coroutine's body
     * @return the coroutine
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     */
    public static Coroutine<Void> async(AsyncRunnable body) {
        throw notRewritten();
    }

    /**
     * {@link #async(Callable)} for a connection handler: {@code startServer(async((reader, writer) -> { ... }),
     * host, port)}; each connection gets a coroutine of its own that runs the body.
     *
     * @param body the handler's body
     * @return the handler
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     */
    public static ClientHandler async(org.asyncio4j.streams.AsyncHandler body) {
        throw notRewritten();
    }

    /**
     * {@link #async(Callable)} for a lambda with one parameter: a function that gives a new coroutine, which runs
     * the body with that argument, each time it is called. It fits where a {@code Function<P, Coroutine<T>>} is
     * expected:
     * <pre>{@code
     * List<Coroutine<Integer>> sizes = urls.stream().map(async(url -> await(fetch(url)).length())).toList();
     * int total = await(TaskGroup.run(async(tg -> {
     *     Task<Integer> a = tg.createTask(count("a"));
     *     return await(count("b")) + await(a);
     * })));
     * }</pre>
     * The parameter may be typed implicitly or explicitly. An expression body makes the lambda a function of the
     * expression's value (see {@link AsyncFunction}); a block body without {@code return value;} is
     * {@link #async(AsyncConsumer)}.
     *
     * @param <P> the parameter's type
     * @param <T> the result type
     * @param body the coroutine's body
     * @return a function from the argument to its coroutine, lazy as any
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     */
    public static <P, T> Function<P, Coroutine<T>> async(AsyncFunction<P, T> body) {
        throw notRewritten();
    }

    /**
     * {@link #async(AsyncFunction)} for a lambda that returns nothing:
     * {@code TaskGroup.run(async(tg -> { tg.createTask(a()); tg.createTask(b()); }))}.
     *
     * @param <P> the parameter's type
     * @param body the coroutine's body
     * @return a function from the argument to its coroutine
     * @throws IllegalStateException always, when the call was not rewritten by the asyncio4j processor
     */
    public static <P> Function<P, Coroutine<Void>> async(AsyncConsumer<P> body) {
        throw notRewritten();
    }

    // ---- running ----

    /**
     * Runs {@code coroutine} as the main task of a new event loop and returns its result.
     *
     * <p>When the main task is done, the tasks still pending are cancelled and the loop runs until they have
     * finished (failures other than cancellation go to the loop's exception handler); then the loop is closed.
     *
     * <p>If the coroutine fails, its exception is thrown as it was thrown, unwrapped, even if it is checked
     * (without being declared). A cancelled main task throws {@link CancelledError}.
     *
     * @param <T> the result type
     * @param coroutine the coroutine (not yet awaited or scheduled)
     * @throws IllegalStateException if an event loop is running on this thread
     * @return the coroutine's result
     */
    public static <T> T run(Coroutine<T> coroutine) {
        Objects.requireNonNull(coroutine, "coroutine");
        Runner.checkNoRunningLoop();
        return run(coroutine, new EventLoop());
    }

    /**
     * As {@link #run(Coroutine)}, on {@code loop} (which is closed afterwards). Tests pass
     * {@link EventLoop#virtualTime()}.
     *
     * @param <T> the result type
     * @param coroutine the coroutine (not yet awaited or scheduled)
     * @param loop the event loop
     * @return the coroutine's result
     */
    public static <T> T run(Coroutine<T> coroutine, EventLoop loop) {
        return Runner.run(coroutine, loop);
    }

    // ---- the running loop ----

    /**
     * Returns the event loop running on the current thread.
     *
     * @throws IllegalStateException "no running event loop" if there is none
     * @return the loop running on this thread
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = EventLoop.runningLoop();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /** {@return the task running on the current thread's loop, or {@code null} if none (or no loop) is running} */
    public static Task<?> currentTask() {
        EventLoop loop = EventLoop.runningLoop();
        return loop == null ? null : loop.currentTask();
    }

    /**
     * Returns the running loop's tasks that are not done, oldest first (asyncio's {@code all_tasks()}). The set
     * is a snapshot.
     *
     * @throws IllegalStateException if no loop is running
     * @return a snapshot of the running loop's pending tasks
     */
    public static Set<Task<?>> allTasks() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(getRunningLoop().pendingTasks()));
    }

    /**
     * Schedules {@code coroutine} as a task on the running loop; it starts in a later pass and runs concurrently
     * with the caller.
     *
     * @param <T> the result type
     * @param coroutine the coroutine (not yet awaited or scheduled)
     * @throws IllegalStateException if no loop is running, or the coroutine was already awaited or scheduled
     * @return the new task
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return getRunningLoop().createTask(coroutine);
    }

    /**
     * As {@link #createTask(Coroutine)}, naming the task.
     *
     * @param <T> the result type
     * @param coroutine the coroutine (not yet awaited or scheduled)
     * @param name the name ({@code null}: the default)
     * @return the new task
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return getRunningLoop().createTask(coroutine, name);
    }

    // ---- sleeping ----

    /**
     * Returns a coroutine that, when awaited, suspends the current task for {@code seconds} of loop time.
     *
     * <p>Lazy, as in asyncio: the time starts when the coroutine is awaited. {@code sleep(0)} (and any delay of
     * zero or less) yields exactly once: the task resumes in the loop's next pass, after the callbacks that were
     * already ready.
     *
     * @param seconds a duration in seconds
     * @throws IllegalArgumentException if {@code seconds} is NaN
     * @return a coroutine that finishes after the delay
     */
    public static Coroutine<Void> sleep(double seconds) {
        return new Sleep(seconds);
    }

    /**
     * As {@link #sleep(double)}, for a {@link Duration}.
     *
     * @param duration how long to sleep
     * @return a coroutine that finishes after the delay
     */
    public static Coroutine<Void> sleep(Duration duration) {
        return new Sleep(duration.getSeconds() + duration.getNano() / 1e9);
    }

    // ---- combinators ----

    /**
     * Runs {@code awaitables} concurrently and returns a future of their results in argument order.
     *
     * <p>Coroutines are wrapped in tasks. The first failure (a cancelled child counts as a
     * {@link CancelledError}) completes the returned future with that failure; the other children are not
     * cancelled and keep running. Cancelling the returned future cancels all children that are not done.
     *
     * @param <T> the result type
     * @param awaitables the coroutines and futures (a coroutine is wrapped in a task)
     * @throws IllegalStateException if there are only coroutines (or nothing) and no loop is running
     * @throws IllegalArgumentException if the futures belong to different loops
     * @return a future of the results, in argument order
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... awaitables) {
        // Copied element by element: handing the generic varargs array itself to another method is what
        // -Xlint:varargs flags as possible heap pollution.
        List<Awaitable<? extends T>> list = new ArrayList<>(awaitables.length);
        for (Awaitable<? extends T> a : awaitables) {
            list.add(a);
        }
        return gather(list);
    }

    /**
     * As {@link #gather(Awaitable[])}, for a list.
     *
     * @param <T> the result type
     * @param awaitables the coroutines and futures (a coroutine is wrapped in a task)
     * @return a future of the results, in argument order
     */
    public static <T> Future<List<T>> gather(List<? extends Awaitable<? extends T>> awaitables) {
        EventLoop loop = loopFor(awaitables);
        return new GatheringFuture<>(loop, toFutures(loop, awaitables), false);
    }

    /**
     * As {@link #gather(Awaitable[])}, but failures do not complete the returned future early: each failure (a
     * {@link CancelledError} for a cancelled child) appears in the result list in place of its result.
     *
     * @param awaitables the coroutines and futures (a coroutine is wrapped in a task)
     * @return a future of the results in argument order, failures in place of results
     */
    public static Future<List<Object>> gatherReturnExceptions(Awaitable<?>... awaitables) {
        return gatherReturnExceptions(Arrays.asList(awaitables));
    }

    /**
     * As {@link #gatherReturnExceptions(Awaitable[])}, for a list.
     *
     * @param awaitables the coroutines and futures (a coroutine is wrapped in a task)
     * @return a future of the results in argument order, failures in place of results
     */
    public static Future<List<Object>> gatherReturnExceptions(List<? extends Awaitable<?>> awaitables) {
        EventLoop loop = loopFor(awaitables);
        return new GatheringFuture<>(loop, toFutures(loop, awaitables), true);
    }

    /**
     * Runs {@code awaitables} concurrently and returns one future per argument, in completion order: the i-th
     * returned future completes with the outcome of the i-th argument to finish.
     * <pre>{@code
     * for (Future<String> f : asCompleted(a, b, c)) {
     *     String first = await(f);   // fastest first
     * }
     * }</pre>
     * Coroutines are wrapped in tasks.
     *
     * @param <T> the result type
     * @param awaitables the coroutines and futures (a coroutine is wrapped in a task)
     * @return futures that complete in the order their awaitables finish
     */
    @SafeVarargs
    public static <T> List<Future<T>> asCompleted(Awaitable<? extends T>... awaitables) {
        List<Awaitable<? extends T>> list = new ArrayList<>(awaitables.length);
        for (Awaitable<? extends T> a : awaitables) {
            list.add(a);
        }
        return asCompleted(list);
    }

    /**
     * As {@link #asCompleted(Awaitable[])}, for a collection (in its iteration order).
     *
     * @param <T> the result type
     * @param awaitables the coroutines and futures (a coroutine is wrapped in a task)
     * @return futures that complete in the order their awaitables finish
     */
    public static <T> List<Future<T>> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables) {
        EventLoop loop = loopFor(awaitables);
        List<Future<?>> children = toFutures(loop, awaitables);
        List<Future<T>> outs = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            outs.add(loop.createFuture());
        }
        int[] next = {0};
        Consumer<Future<?>> onDone = child -> {
            Future<T> out = outs.get(next[0]++);
            if (!out.done()) {              // the caller may have cancelled it
                out.copyStateFrom(child);
            }
        };
        for (Future<?> child : children) {
            child.addDoneCallback(onDone);
        }
        return Collections.unmodifiableList(outs);
    }

    /**
     * The awaitables' own futures, in the order they finish, as an async iterable: Python 3.13's
     * {@code async for task in asyncio.as_completed(aws):}. In an {@code @Async} body:
     * <pre>{@code
     * for (Future<String> done : asCompletedAsync(a, b, c)) {
     *     String first = done.result();   // fastest first; each is already done
     * }
     * }</pre>
     * Unlike {@link #asCompleted(Awaitable[])}, which returns new futures at once, these are the given futures
     * themselves (a coroutine's task), so the caller can tell which one finished. Leaving the loop early leaves
     * the others running. The iteration can run once.
     *
     * @param <T> the result type
     * @param awaitables the coroutines and futures (a coroutine is wrapped in a task)
     * @return the futures, handed out as they finish
     */
    @SafeVarargs
    public static <T> AsyncIterator<Future<T>> asCompletedAsync(Awaitable<? extends T>... awaitables) {
        List<Awaitable<? extends T>> list = new ArrayList<>(awaitables.length);
        for (Awaitable<? extends T> a : awaitables) {
            list.add(a);
        }
        EventLoop loop = loopFor(list);
        return new AsCompletedIterator<>(loop, toFutures(loop, list));
    }

    /**
     * Returns a coroutine that awaits {@code awaitable} for at most {@code timeoutSeconds} of loop time.
     *
     * <p>If the operation finishes in time, its result (or failure) is the coroutine's. Otherwise the operation
     * is cancelled, the coroutine waits for it to finish, and throws {@link TimeoutError}. A coroutine argument is
     * wrapped in a task. A timeout of zero or less cancels at once unless the operation is already done.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @param timeoutSeconds the time limit in seconds ({@link Double#POSITIVE_INFINITY}: none)
     * @throws IllegalArgumentException if the timeout is NaN
     * @return a coroutine of the awaitable's result
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double timeoutSeconds) {
        return new WaitFor<>(Objects.requireNonNull(awaitable, "awaitable"), timeoutSeconds);
    }

    // ---- timeouts ----

    /**
     * Returns a {@link Timeout} whose deadline is {@code seconds} from now in loop time (asyncio's
     * {@code timeout(delay)}); {@link Timeout#enter() enter} it in the task to limit. Zero or less expires in the
     * loop's next pass; {@code Double.POSITIVE_INFINITY} means no deadline.
     *
     * @param seconds a duration in seconds
     * @throws IllegalStateException if no loop is running
     * @throws IllegalArgumentException if {@code seconds} is NaN
     * @return the timeout scope (or, with a body, a coroutine of the body's result)
     */
    public static Timeout timeout(double seconds) {
        return new Timeout(deadline(getRunningLoop(), seconds));
    }

    /**
     * As {@link #timeout(double)}; {@code null} means no deadline (asyncio's {@code timeout(None)}).
     *
     * @param seconds a duration in seconds
     * @return the timeout scope (or, with a body, a coroutine of the body's result)
     */
    public static Timeout timeout(Double seconds) {
        return seconds == null ? new Timeout(null) : timeout(seconds.doubleValue());
    }

    /**
     * Returns a {@link Timeout} whose deadline is {@code when} in loop time ({@link EventLoop#time()}), asyncio's
     * {@code timeout_at(when)}. Does not need a running loop.
     *
     * @param when a deadline in loop time ({@link EventLoop#time()}), in seconds
     * @throws IllegalArgumentException if {@code when} is NaN
     * @return the timeout scope (or, with a body, a coroutine of the body's result)
     */
    public static Timeout timeoutAt(double when) {
        return new Timeout(when);
    }

    /**
     * As {@link #timeoutAt(double)}; {@code null} means no deadline.
     *
     * @param when a deadline in loop time ({@link EventLoop#time()}), in seconds
     * @return the timeout scope (or, with a body, a coroutine of the body's result)
     */
    public static Timeout timeoutAt(Double when) {
        return new Timeout(when);
    }

    /**
     * Returns a coroutine that awaits {@code body}'s coroutine inline under a deadline of {@code seconds}: the
     * functional form of {@code async with timeout(seconds): return await body()}, usable without {@code try}.
     * <pre>{@code
     * String page = await(timeout(5, () -> FetchAsync.fetch(url)));
     * }</pre>
     * The deadline is computed when the coroutine starts (it is lazy, like {@link #waitFor}). When it passes, the
     * body is cancelled at its current {@code await} and, once the body has finished, the coroutine throws
     * {@link TimeoutError}; see {@link Timeout} for which cancellations are converted. Unlike {@link #waitFor},
     * the body runs in the awaiting task, not in a new one.
     *
     * @param <T> the result type
     * @param seconds a duration in seconds
     * @param body makes the coroutine to run inside the scope
     * @throws IllegalArgumentException if {@code seconds} is NaN
     * @return the timeout scope (or, with a body, a coroutine of the body's result)
     */
    public static <T> Coroutine<T> timeout(double seconds, Supplier<? extends Coroutine<T>> body) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("timeout must not be NaN");
        }
        return timeoutScope(task -> new Timeout(deadline(task.loop, seconds)), body);
    }

    /**
     * As {@link #timeout(double, Supplier)}; {@code null} means no deadline.
     *
     * @param <T> the result type
     * @param seconds a duration in seconds
     * @param body makes the coroutine to run inside the scope
     * @return the timeout scope (or, with a body, a coroutine of the body's result)
     */
    public static <T> Coroutine<T> timeout(Double seconds, Supplier<? extends Coroutine<T>> body) {
        return seconds == null
                ? timeoutScope(task -> new Timeout(null), body)
                : timeout(seconds.doubleValue(), body);
    }

    /**
     * As {@link #timeout(double, Supplier)}, with a deadline in loop time (asyncio's {@code timeout_at}).
     *
     * @param <T> the result type
     * @param when a deadline in loop time ({@link EventLoop#time()}), in seconds
     * @param body makes the coroutine to run inside the scope
     * @return the timeout scope (or, with a body, a coroutine of the body's result)
     */
    public static <T> Coroutine<T> timeoutAt(double when, Supplier<? extends Coroutine<T>> body) {
        return timeoutAt(Double.valueOf(when), body);
    }

    /**
     * As {@link #timeoutAt(double, Supplier)}; {@code null} means no deadline.
     *
     * @param <T> the result type
     * @param when a deadline in loop time ({@link EventLoop#time()}), in seconds
     * @param body makes the coroutine to run inside the scope
     * @return the timeout scope (or, with a body, a coroutine of the body's result)
     */
    public static <T> Coroutine<T> timeoutAt(Double when, Supplier<? extends Coroutine<T>> body) {
        if (when != null && when.isNaN()) {
            throw new IllegalArgumentException("deadline must not be NaN");
        }
        return timeoutScope(task -> new Timeout(when), body);
    }

    private static Double deadline(EventLoop loop, double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("timeout must not be NaN");
        }
        return seconds == Double.POSITIVE_INFINITY ? null : loop.time() + seconds;
    }

    /** The functional form of a timeout created when the coroutine starts (so a relative deadline starts then). */
    private static <T> Coroutine<T> timeoutScope(Function<Task<?>, Timeout> create,
            Supplier<? extends Coroutine<T>> body) {
        Objects.requireNonNull(body, "body");
        return new ScopedCoroutine<Timeout, T>(task -> create.apply(task).enterIn(task), t -> body.get(),
                Timeout::exit, "timeout");
    }

    // ---- shield ----

    /**
     * Protects {@code awaitable} from cancellation (asyncio's {@code shield}): returns a future that mirrors it
     * (its result, its exception, cancelled if it is cancelled), but cancelling that future, or a task awaiting
     * it, does not cancel {@code awaitable}, which runs to completion. A coroutine is wrapped in a task; an
     * awaitable that is already done is returned as it is.
     * <pre>{@code
     * String r = await(shield(SaveAsync.save(doc)));   // cancelling this task does not stop the save
     * }</pre>
     * If the returned future was cancelled, the inner outcome is dropped, as in asyncio.
     *
     * @param <T> the result type
     * @param awaitable a coroutine or a future
     * @throws IllegalStateException if {@code awaitable} is a coroutine and no loop is running
     * @return a future of the awaitable's outcome that can be cancelled without cancelling the awaitable
     */
    public static <T> Future<T> shield(Awaitable<T> awaitable) {
        Objects.requireNonNull(awaitable, "awaitable");
        EventLoop loop = awaitable instanceof Future ? ((Future<T>) awaitable).loop : getRunningLoop();
        return Shield.shield(loop.ensureFuture(awaitable));
    }

    // ---- wait ----

    /**
     * Returns a coroutine that waits until {@code returnWhen} holds for {@code awaitables}, or
     * {@code timeoutSeconds} of loop time have passed, and returns the futures that are done and those that are
     * not (asyncio's {@code wait}). Nothing is cancelled, not even on timeout: pending futures keep running.
     * Coroutines are wrapped in tasks when the coroutine starts (the tasks then appear in the result); duplicates
     * are merged.
     *
     * <p>Call it qualified, {@code Asyncio.wait(...)}: inside a class an unqualified {@code wait(...)} resolves to
     * {@link Object#wait()} and does not compile, even with a static import.
     * <pre>{@code
     * WaitResult<String> r = await(Asyncio.wait(List.of(a, b), ReturnWhen.FIRST_COMPLETED, 5));
     * for (Future<String> f : r.done()) { ... }
     * }</pre>
     *
     * @param timeoutSeconds the time limit; {@code Double.POSITIVE_INFINITY} for none; zero or less returns in
     *     the loop's next pass
     * @param <T> the result type
     * @param awaitables the futures and coroutines to wait for (a coroutine is wrapped in a task)
     * @param returnWhen when to stop waiting
     * @throws IllegalArgumentException if {@code awaitables} is empty or the timeout is NaN
     * @return a coroutine of the done and pending futures
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> awaitables,
            ReturnWhen returnWhen, double timeoutSeconds) {
        return new Wait<>(awaitables, returnWhen, timeoutSeconds);
    }

    /**
     * As {@link #wait(Collection, ReturnWhen, double)} without a time limit.
     *
     * @param <T> the result type
     * @param awaitables the futures and coroutines to wait for (a coroutine is wrapped in a task)
     * @param returnWhen when to stop waiting
     * @return a coroutine of the done and pending futures
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> awaitables,
            ReturnWhen returnWhen) {
        return new Wait<>(awaitables, returnWhen, Double.POSITIVE_INFINITY);
    }

    /**
     * As {@link #wait(Collection, ReturnWhen, double)} with {@link ReturnWhen#ALL_COMPLETED}.
     *
     * @param <T> the result type
     * @param awaitables the futures and coroutines to wait for (a coroutine is wrapped in a task)
     * @param timeoutSeconds the time limit in seconds ({@link Double#POSITIVE_INFINITY}: none)
     * @return a coroutine of the done and pending futures
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> awaitables,
            double timeoutSeconds) {
        return new Wait<>(awaitables, ReturnWhen.ALL_COMPLETED, timeoutSeconds);
    }

    /**
     * As {@link #wait(Collection, ReturnWhen, double)} with {@link ReturnWhen#ALL_COMPLETED} and no time limit.
     *
     * @param <T> the result type
     * @param awaitables the futures and coroutines to wait for (a coroutine is wrapped in a task)
     * @return a coroutine of the done and pending futures
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> awaitables) {
        return new Wait<>(awaitables, ReturnWhen.ALL_COMPLETED, Double.POSITIVE_INFINITY);
    }

    // ---- threads ----

    /**
     * Returns a coroutine that runs {@code work} on another thread and, when awaited, suspends the current task
     * until it is done (asyncio's {@code to_thread}). Use it for blocking calls (files, JDBC, legacy clients) that
     * would otherwise stall the loop.
     * <pre>{@code
     * byte[] data = await(toThread(() -> Files.readAllBytes(path)));
     * }</pre>
     * <ul>
     *   <li>Lazy, like every coroutine: nothing is submitted until it is awaited (or wrapped in a task).</li>
     *   <li>The work runs on a worker thread of the loop's executor, made on first use: a new virtual thread per
     *       call on JDK 21 and later; on older JDKs a pool of at most min(32, available processors + 4) daemon
     *       threads (Python's default-executor size), further calls waiting in a FIFO queue.</li>
     *   <li>The result, or the exception unwrapped (checked ones included), is delivered on the loop's thread.</li>
     *   <li>Cancelling the awaiting task cancels the work: if it has not started it never runs; if it is running
     *       its thread is interrupted (blocking calls that honour interrupts then end early), and whatever it
     *       returns or throws afterwards is dropped. The task's {@link CancelledError} does not wait for the worker
     *       to stop.</li>
     *   <li>{@link EventLoop#close()} shuts the loop's executor down: running work is interrupted, nothing waits for
     *       it, and its outcome is dropped.</li>
     *   <li>The work must not use the loop, its futures or its tasks (they are not thread-safe); to hand something
     *       back early, use {@link EventLoop#callSoonThreadsafe} or {@link #runCoroutineThreadsafe}. With
     *       {@linkplain EventLoop#setDebug debug} on, the loop's scheduling methods throw if the work calls them.</li>
     *   <li>Unlike asyncio's {@code to_thread}, the task's context variables are not copied to the worker, and
     *       {@link ThreadLocal}s are not inherited.</li>
     * </ul>
     *
     * @param <T> the result type
     * @param work the blocking work
     * @throws NullPointerException if {@code work} is null
     * @return a coroutine of the work's outcome (lazy: the work starts when it is awaited or scheduled)
     */
    public static <T> Coroutine<T> toThread(Callable<T> work) {
        return new ToThread<>(work);
    }

    /**
     * Schedules {@code coroutine} as a task on {@code loop} from any thread and returns a
     * {@link CompletableFuture} of its outcome (asyncio's {@code run_coroutine_threadsafe}). Thread-safe.
     * <pre>{@code
     * CompletableFuture<String> page = Asyncio.runCoroutineThreadsafe(FetchAsync.fetch(url), loop);
     * String html = page.get(10, TimeUnit.SECONDS);     // on some other thread
     * }</pre>
     * <ul>
     *   <li>The task is created on the loop's thread, in a pass after this call
     *       ({@link EventLoop#callSoonThreadsafe}, which wakes a waiting loop). If the returned future is cancelled
     *       before that, the coroutine never runs.</li>
     *   <li>The task's result completes the returned future; its exception completes it exceptionally, unwrapped
     *       ({@code get()} wraps it in an {@code ExecutionException}, as always); a cancelled task cancels it
     *       (a {@code CancellationException} carrying the cancel message, caused by the {@link CancelledError};
     *       from JDK 23, {@code get()} and {@code join()} throw a fresh one caused by that). This happens on the
     *       loop's thread, so dependent stages added without an executor run there: keep them short or use the
     *       {@code ...Async} variants.</li>
     *   <li>Cancelling the returned future cancels the task, on the loop's thread.</li>
     *   <li>If the loop is closed before the task is created, or while it runs, the returned future never
     *       completes (use a timeout on {@code get}).</li>
     * </ul>
     *
     * @param <T> the result type
     * @param coroutine the coroutine (not yet awaited or scheduled)
     * @param loop the event loop
     * @throws IllegalStateException if {@code loop} is closed
     * @return a {@link CompletableFuture} of the coroutine's outcome
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
        Objects.requireNonNull(coroutine, "coroutine");
        Objects.requireNonNull(loop, "loop");
        return FutureInterop.runCoroutineThreadsafe(coroutine, loop);
    }

    /**
     * Returns a {@link CompletableFuture} that completes with {@code future}'s outcome, for code outside the loop
     * (the reverse of {@link #wrapFuture}). A result or exception is copied as it is; a cancelled future cancels
     * it (a {@code CancellationException} carrying the cancel message, as in {@link #runCoroutineThreadsafe}).
     * Cancelling the returned future, on any thread, cancels {@code future} (for a {@link Task}: cancels the task)
     * on the loop's thread; completing it normally from outside does nothing to {@code future}. A done {@code future}
     * gives a done result at once;
     * otherwise it completes on the loop's thread, where dependent stages added without an executor then run.
     *
     * <p>Call it on {@code future}'s loop thread (with {@linkplain EventLoop#setDebug debug} on, another thread
     * gets an {@link IllegalStateException} while the loop runs).
     *
     * @param <T> the result type
     * @param future a future of the running loop
     * @return a {@link CompletableFuture} completed with the future's outcome
     */
    public static <T> CompletableFuture<T> toCompletableFuture(Future<T> future) {
        return FutureInterop.toCompletableFuture(Objects.requireNonNull(future, "future"));
    }

    /**
     * Wraps {@code stage} in a future of the running loop (asyncio's {@code wrap_future}), for a task to await,
     * gather or pass on like any loop future. Same as {@link #wrapFuture(CompletionStage, EventLoop)} with the
     * running loop.
     *
     * @param <T> the result type
     * @param stage a {@link java.util.concurrent.CompletionStage}, a {@link java.util.concurrent.CompletableFuture} say
     * @throws IllegalStateException if no loop is running on this thread
     * @return a future of the loop, completed on its thread with the stage's outcome
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage) {
        return wrapFuture(stage, getRunningLoop());
    }

    /**
     * Wraps {@code stage} (a {@link CompletableFuture} or any {@link CompletionStage}) in a future of
     * {@code loop}. The stage may complete on any thread; the loop future completes on the loop's thread, in a
     * later pass: with the result, with the failure unwrapped from {@code CompletionException}, or cancelled if the
     * stage was cancelled. Cancelling the loop future (or a task awaiting it) cancels the stage at once with
     * {@code cancel(true)} if it is a {@link java.util.concurrent.Future} that supports it. (A plain
     * {@code await(stage)} bridges the same way; this gives the future a name.)
     *
     * <p>Call it on {@code loop}'s thread, or before the loop runs (with {@linkplain EventLoop#setDebug debug} on,
     * another thread gets an {@link IllegalStateException} while the loop runs).
     *
     * @param <T> the result type
     * @param stage a {@link java.util.concurrent.CompletionStage}, a {@link java.util.concurrent.CompletableFuture} say
     * @param loop the event loop
     * @return a future of the loop, completed on its thread with the stage's outcome
     */
    public static <T> Future<T> wrapFuture(CompletionStage<T> stage, EventLoop loop) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(loop, "loop");
        return FutureInterop.wrapFuture(stage, loop);
    }

    // ---- streams ----

    /**
     * Opens a TCP connection to {@code host}:{@code port} on the running loop (asyncio's {@code open_connection});
     * the future's result holds the connection's {@link StreamReader} and {@link StreamWriter}. Fails with the
     * connection's {@link java.io.IOException}, for example {@link java.net.ConnectException} "Connection
     * refused". Cancelling the future closes the socket. The host name is resolved on the loop's thread (with
     * {@link java.net.InetSocketAddress}): pass an address, or a name that resolves locally, such as
     * {@code "127.0.0.1"} or {@code "localhost"}.
     *
     * @param host the host name or address
     * @param port the port (for a server, 0: one the OS chooses)
     * @throws IllegalStateException if no loop is running
     * @return a future of the connection's reader and writer
     */
    public static Future<Streams> openConnection(String host, int port) {
        return Connections.openConnection(getRunningLoop(), host, port);
    }

    /**
     * Starts a TCP server on the running loop, listening on {@code host}:{@code port} (port 0: one the OS chooses,
     * see {@link Server#port()}), that runs {@code handler}'s coroutine as a task of its own for each connection
     * (asyncio's {@code start_server}). The future is done at once: with the server, or with the bind error.
     *
     * @param handler runs a task of its own for each connection
     * @param host the host name or address
     * @param port the port (for a server, 0: one the OS chooses)
     * @throws IllegalStateException if no loop is running
     * @return a future done at once: with the server, or with the bind error
     */
    public static Future<Server> startServer(ClientHandler handler, String host, int port) {
        return Connections.startServer(getRunningLoop(), handler, host, port, null);
    }

    /**
     * Opens a TLS connection to {@code host}:{@code port} on the running loop (asyncio's {@code open_connection}
     * with {@code ssl=}): connects, runs the handshake with an {@link javax.net.ssl.SSLEngine} from {@code sslContext},
     * and checks the server's certificate against {@code host} (as asyncio's default {@code check_hostname}). The
     * reader and writer are the same as a plain connection's; {@link StreamWriter#close()} sends the TLS
     * close_notify, and {@link StreamWriter#canWriteEof()} is false. Fails with the connect error or a
     * {@link javax.net.ssl.SSLHandshakeException} (the socket is then closed); cancelling the future closes the
     * socket. See {@link #openConnection(String, int)} for the host name.
     *
     * @param host the host name or address
     * @param port the port (for a server, 0: one the OS chooses)
     * @param sslContext the context the TLS engine comes from
     * @throws IllegalStateException if no loop is running
     * @return a future of the connection's reader and writer
     */
    public static Future<Streams> openConnection(String host, int port, javax.net.ssl.SSLContext sslContext) {
        return openConnection(host, port, sslContext, host);
    }

    /**
     * As {@link #openConnection(String, int, javax.net.ssl.SSLContext)}, but checks the certificate against
     * {@code serverHostname} and sends it as the SNI server name (asyncio's {@code server_hostname}): for a server
     * reached by address whose certificate names a host.
     *
     * @param host the host name or address
     * @param port the port (for a server, 0: one the OS chooses)
     * @param sslContext the context the TLS engine comes from
     * @param serverHostname the name to check the server's certificate against and to send as SNI
     * @throws IllegalStateException if no loop is running
     * @return a future of the connection's reader and writer
     */
    public static Future<Streams> openConnection(String host, int port, javax.net.ssl.SSLContext sslContext,
            String serverHostname) {
        return Connections.openConnection(getRunningLoop(), host, port, sslContext, serverHostname);
    }

    /**
     * Starts a TLS server (asyncio's {@code start_server} with {@code ssl=}): as
     * {@link #startServer(ClientHandler, String, int)}, but each connection first completes a TLS handshake with an
     * engine from {@code sslContext} (which holds the server's key and certificate). A handshake that fails, or takes
     * longer than 60 seconds, closes that connection and goes to the loop's exception handler ("TLS handshake
     * failed"); the server keeps serving.
     *
     * @param handler runs a task of its own for each connection
     * @param host the host name or address
     * @param port the port (for a server, 0: one the OS chooses)
     * @param sslContext the context the TLS engine comes from
     * @throws IllegalStateException if no loop is running
     * @return a future done at once: with the server, or with the bind error
     */
    public static Future<Server> startServer(ClientHandler handler, String host, int port,
            javax.net.ssl.SSLContext sslContext) {
        Objects.requireNonNull(sslContext, "sslContext");
        return Connections.startServer(getRunningLoop(), handler, host, port, sslContext);
    }

    // ---- helpers ----

    /** The loop of the first future among {@code awaitables}, else the running loop. */
    private static EventLoop loopFor(Collection<? extends Awaitable<?>> awaitables) {
        for (Awaitable<?> a : awaitables) {
            if (a instanceof Future) {
                return ((Future<?>) a).loop;
            }
        }
        return getRunningLoop();
    }

    private static List<Future<?>> toFutures(EventLoop loop, Collection<? extends Awaitable<?>> awaitables) {
        List<Future<?>> futures = new ArrayList<>(awaitables.size());
        for (Awaitable<?> a : awaitables) {
            futures.add(loop.ensureFuture(Objects.requireNonNull(a, "awaitable")));
        }
        return futures;
    }

    // ---- UDP and subprocesses ----

    /**
     * Opens a UDP endpoint on the running loop (asyncio's {@code create_datagram_endpoint}): bound to
     * {@code localAddress} ({@code null}: any address, a port the OS chooses) and, if {@code remoteAddress} is not
     * {@code null}, connected to it (it then sends there by default and receives only from there). The future is
     * done at once: with the endpoint, or with the bind or connect error.
     *
     * @param localAddress the address to bind, or {@code null} for any address and a port the OS chooses
     * @param remoteAddress the address to connect to, or {@code null} for none
     * @throws IllegalStateException if no loop is running
     * @return a future done at once: with the endpoint, or with the bind or connect error
     */
    public static Future<DatagramEndpoint> openDatagramEndpoint(java.net.SocketAddress localAddress,
            java.net.SocketAddress remoteAddress) {
        return Connections.openDatagramEndpoint(getRunningLoop(), localAddress, remoteAddress);
    }

    /**
     * Starts {@code command} (the program and its arguments, no shell) as a child process of the running loop
     * (asyncio's {@code create_subprocess_exec} with all three streams piped). The future is done at once: with
     * the {@link Subprocess}, or with the {@link java.io.IOException} of starting it (for example "Cannot run
     * program").
     *
     * @param command the program and its arguments (no shell)
     * @throws IllegalStateException if no loop is running
     * @throws IllegalArgumentException if {@code command} is empty
     * @return a future done at once: with the process, or with the error of starting it
     */
    public static Future<Subprocess> createSubprocessExec(String... command) {
        if (command.length == 0) {
            throw new IllegalArgumentException("createSubprocessExec() needs at least the program to run");
        }
        return createSubprocessExec(new ProcessBuilder(command));
    }

    /**
     * As {@link #createSubprocessExec(String...)}, for a {@link ProcessBuilder} that sets the directory, the
     * environment or redirections (a redirected stream's {@link StreamReader} reads as empty).
     *
     * @param builder the command, directory, environment and redirections
     * @throws IllegalStateException if no loop is running
     * @return a future done at once: with the process, or with the error of starting it
     */
    public static Future<Subprocess> createSubprocessExec(ProcessBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        return Subprocess.exec(getRunningLoop(), builder);
    }
}
