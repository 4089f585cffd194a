package org.asyncio4j.internal;

import java.util.concurrent.CompletionStage;
import org.asyncio4j.Awaitable;
import org.asyncio4j.Coroutine;
import org.asyncio4j.Future;
import org.asyncio4j.Task;

/**
 * The base class of every state machine the asyncio4j processor generates for an {@code @Async} method. Not API.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>The generated subclass holds the method's parameters, the locals that live across an {@code await}, and an
 * {@code int state}, while the method is suspended. The body itself is a static method of the subclass,
 * {@code stepBody(frame, task, receiver, parameters)}, whose locals are Java locals: {@link #step()} calls it with
 * this frame (it loads its locals from the fields), and the companion's frame-less entry {@code m$await} calls it
 * with none, for an {@code await} of a direct call that may finish without suspending. At an {@code await} the body
 * sets the resume state and calls {@code suspendOn(frame, task, x)}: {@code false} means the outcome is already
 * there and control falls through to the resume state, whose first statement is {@link #awaitedValue(Task)};
 * {@code true} means break out of the switch to the one place that saves the locals into the frame (creating it, the
 * first time, in a frame-less call) and waits with {@link #suspendOnKept()}:
 * <pre>{@code
 * case 0: {
 *     state = 1;
 *     if (suspendOn(frame, task, Asyncio.sleep(delay))) break suspend;   // to the one place that saves the frame
 * }
 * case 1: {
 *     awaitedValue(task);
 *     return "done";
 * }
 * default: throw invalidState(state, SleepCoroutine.class);
 * }</pre>
 * The {@code suspendOn} overload is chosen by javac on the awaited expression's static type, as the user's
 * {@code Asyncio.await} overload was, so the fast path needs no interface type check. The frame-less protocol (a
 * frame created by a frame-less call is published when it suspends; its caller adopts it) is described in
 * {@code docs/internals.md}, "Frame-less calls".
 *
 * <p>Hand-written subclasses (tests, benchmarks) may instead implement {@link #step()} directly with the instance
 * forms {@link #suspendOn(Future)}, {@link #awaitResult()} and {@link #invalidState(int)}.
 *
 * <h2>Frame states</h2>
 * <pre>
 *   not started ──resume(null, null)──▶ step() from state 0
 *   not started ──resume(_, error)────▶ throws error, body never runs (task cancelled before its first step)
 *   suspended   ──resume(v, e)────────▶ outcome stored for awaitedValue(), step() from the saved state
 *   created by a frame-less call ──startInline──▶ detached ──suspended(): published──▶ adopted by its caller
 * </pre>
 *
 * <p>The class is not {@code abstract} although every subclass must override {@link #step()}: javac checks each
 * subclass of an abstract generic class against it method by method ({@code Check.checkCompatibleAbstracts}, which
 * looks up the implementation of every inherited method in the new class, overload by overload), and that check was
 * 4% of compiling W7's corpus with the processor (JFR, issue #14; benchmarks/results/compile-14). A subclass that
 * does not override {@code step()} fails on its first step instead of at compile time; the processor always writes it.
 *
 * @param <T> the result type of the {@code @Async} method
 */
@InternalApi
public class AsyncStateMachine<T> extends Coroutine<T> {
    /** Returned by {@link #step()} when the frame suspended. */
    protected static final Object SUSPENDED = Coroutine.SUSPENDED;

    private static final byte NOT_STARTED = 0;
    private static final byte STARTED = 1;
    /** Created by a frame-less call to suspend; published for its caller at its first suspension. */
    private static final byte DETACHED = 2;

    private byte started;

    /** For generated subclasses. */
    protected AsyncStateMachine() {}

    /**
     * Runs the method body from the current state (generated). Every subclass overrides it (see the class
     * comment for why it is not abstract).
     *
     * @return {@link #SUSPENDED}, or the method's result ({@code null} for {@code void})
     * @throws Throwable the method's failure
     * @throws AbstractMethodError if a subclass does not override it
     */
    protected Object step() throws Throwable {
        throw new AbstractMethodError(getClass().getName() + " does not override step()");
    }

    /** Stores the outcome for {@link #awaitResult()} and runs {@link #step()}. */
    @Override
    protected final Object resume(Object value, Throwable error) throws Throwable {
        if (started == NOT_STARTED) {
            started = STARTED;
            if (error != null) {
                throw error;    // cancelled before the first step: the body never runs
            }
        } else {
            setAwaitedOutcome(value, error);
        }
        return step();
    }

    /** Awaits a coroutine: starts it inline in this task. {@code true}: return {@link #SUSPENDED} now. */
    protected final boolean suspendOn(Coroutine<?> c) {
        return suspendOnCoroutine(c);
    }

    /** Awaits a future; a done future is read at once without allocating. {@code true}: return {@link #SUSPENDED} now. */
    protected final boolean suspendOn(Future<?> f) {
        return suspendOnFuture(f);
    }

    /** Awaits a {@link CompletionStage}, completed on the loop's thread. {@code true}: return {@link #SUSPENDED} now. */
    protected final boolean suspendOn(CompletionStage<?> s) {
        return suspendOnStage(s);
    }

    /** Awaits a coroutine or a future whose static type is only {@link Awaitable}. */
    protected final boolean suspendOn(Awaitable<?> a) {
        return suspendOnAwaitable(a);
    }

    // ---- the frame-less body: static run(frame, task, receiver, parameters) (see the class Javadoc) ----

    /**
     * Awaits a coroutine in the body: kept, {@code true}; save the frame (creating it if {@code frame} is null), then
     * {@link #suspendOnKept()}.
     */
    protected static boolean suspendOn(AsyncStateMachine<?> frame, Task<?> task, Coroutine<?> c) {
        return keep(task, c);
    }

    /**
     * Awaits a future in the body: {@code false} if it is done (read it with {@link #awaitedValue(Task)}); else
     * {@code true}, waiting already if there is a frame, else kept for {@link #suspendOnKept()}.
     */
    protected static boolean suspendOn(AsyncStateMachine<?> frame, Task<?> task, Future<?> f) {
        return waitUnlessDone(frame, task, f);
    }

    /** Awaits a stage in the body: {@code false} if it is a done CompletableFuture, else kept. */
    protected static boolean suspendOn(AsyncStateMachine<?> frame, Task<?> task, CompletionStage<?> s) {
        return keepUnlessDone(task, s);
    }

    /** Awaits a coroutine or future whose static type is only {@link Awaitable}, in the body. */
    protected static boolean suspendOn(AsyncStateMachine<?> frame, Task<?> task, Awaitable<?> a) {
        return a instanceof Future ? waitUnlessDone(frame, task, (Future<?>) a) : keep(task, a);
    }

    /** The outcome of the last await of a frame-less body; see {@link #awaitResult()}. */
    @SuppressWarnings("unchecked")
    protected static <R> R awaitedValue(Task<?> task) {
        return (R) takeAwaited(task);
    }

    /** {@link #awaitedValue(Task)} typed like the awaited expression; see {@link #awaitResult(Coroutine)}. */
    @SuppressWarnings("unchecked")
    protected static <R> R awaitedValue(Task<?> task, Coroutine<R> typeOnly) {
        return (R) takeAwaited(task);
    }

    /** See {@link #awaitedValue(Task, Coroutine)}. */
    @SuppressWarnings("unchecked")
    protected static <R> R awaitedValue(Task<?> task, Future<R> typeOnly) {
        return (R) takeAwaited(task);
    }

    /** See {@link #awaitedValue(Task, Coroutine)}. */
    @SuppressWarnings("unchecked")
    protected static <R> R awaitedValue(Task<?> task, CompletionStage<R> typeOnly) {
        return (R) takeAwaited(task);
    }

    /** See {@link #awaitedValue(Task, Coroutine)}. */
    @SuppressWarnings("unchecked")
    protected static <R> R awaitedValue(Task<?> task, Awaitable<R> typeOnly) {
        return (R) takeAwaited(task);
    }

    /** {@code throw await(x)}: the awaited value, to be thrown. */
    protected static Throwable awaitedThrowable(Task<?> task) {
        return (Throwable) takeAwaited(task);
    }

    /** Claims a frame that a frame-less body creates to suspend: it runs in {@code task}; its caller is set later. */
    protected final void startInline(Task<?> task) {
        startDetached(task);
        started = DETACHED;
    }

    /**
     * What a body returns when it suspends: {@link #SUSPENDED}. A frame created by a frame-less call is published,
     * the first time, for its caller to adopt.
     */
    protected final Object suspended() {
        if (started == DETACHED) {
            started = STARTED;
            publishDetached();
        }
        return SUSPENDED;
    }

    /** The direct call this frame awaits suspended: adopts the callee's detached frame, then suspends. */
    protected final Object adoptSuspended() {
        adoptDetached();
        return suspended();
    }

    /**
     * The end of a frame-less call ({@code <Class>Async.m$await}, in the companion, hence public): the body
     * returned {@code result}. {@code true} if it suspended (its frame is published for the caller); otherwise the
     * outcome is in the task's await slot.
     */
    public static boolean inlineOutcome(Task<?> task, Object result) {
        return result == SUSPENDED || !(result instanceof UnboxedResult) && finishedWith(task, result);
    }

    // ---- primitive results without boxing (see UnboxedResult) ----
    // {@code return n;} in a body returning int is {@code return resultInt(frame, task, n);}: boxed when the body
    // runs in its frame (step(), the task needs an Object), the loop's bits and a marker when it runs frame-less.
    // {@code int x = await(..);} is {@code int x = awaitedInt(task);}: the loop's bits if an int is there, else
    // Unboxing of the await's outcome.
    // The byte, short and char forms take an int, so that {@code return 65;} needs no cast (javac narrows a
    // constant for a return, not for an argument); the value is always in range: javac checked the return as written.

    protected static Object resultInt(AsyncStateMachine<?> frame, Task<?> task, int value) {
        return frame != null ? (Object) value : unboxedResult(task, value, UnboxedResult.INT);
    }

    protected static Object resultLong(AsyncStateMachine<?> frame, Task<?> task, long value) {
        return frame != null ? (Object) value : unboxedResult(task, value, UnboxedResult.LONG);
    }

    protected static Object resultDouble(AsyncStateMachine<?> frame, Task<?> task, double value) {
        return frame != null ? (Object) value
                : unboxedResult(task, Double.doubleToRawLongBits(value), UnboxedResult.DOUBLE);
    }

    protected static Object resultFloat(AsyncStateMachine<?> frame, Task<?> task, float value) {
        return frame != null ? (Object) value : unboxedResult(task, Float.floatToRawIntBits(value), UnboxedResult.FLOAT);
    }

    protected static Object resultBoolean(AsyncStateMachine<?> frame, Task<?> task, boolean value) {
        return frame != null ? (Object) value : unboxedResult(task, value ? 1 : 0, UnboxedResult.BOOLEAN);
    }

    protected static Object resultChar(AsyncStateMachine<?> frame, Task<?> task, int value) {
        return frame != null ? (Object) (char) value : unboxedResult(task, (char) value, UnboxedResult.CHAR);
    }

    protected static Object resultShort(AsyncStateMachine<?> frame, Task<?> task, int value) {
        return frame != null ? (Object) (short) value : unboxedResult(task, (short) value, UnboxedResult.SHORT);
    }

    protected static Object resultByte(AsyncStateMachine<?> frame, Task<?> task, int value) {
        return frame != null ? (Object) (byte) value : unboxedResult(task, (byte) value, UnboxedResult.BYTE);
    }

    protected static int awaitedInt(Task<?> task) {
        return takeUnboxed(task, 'I') ? (int) unboxedBits(task) : Unboxing.toInt(takeAwaited(task));
    }

    protected static long awaitedLong(Task<?> task) {
        return takeUnboxed(task, 'J') ? unboxedBits(task) : Unboxing.toLong(takeAwaited(task));
    }

    protected static double awaitedDouble(Task<?> task) {
        return takeUnboxed(task, 'D') ? Double.longBitsToDouble(unboxedBits(task))
                : Unboxing.toDouble(takeAwaited(task));
    }

    protected static float awaitedFloat(Task<?> task) {
        return takeUnboxed(task, 'F') ? Float.intBitsToFloat((int) unboxedBits(task))
                : Unboxing.toFloat(takeAwaited(task));
    }

    protected static boolean awaitedBoolean(Task<?> task) {
        return takeUnboxed(task, 'Z') ? unboxedBits(task) != 0 : Unboxing.toBoolean(takeAwaited(task));
    }

    protected static char awaitedChar(Task<?> task) {
        return takeUnboxed(task, 'C') ? (char) unboxedBits(task) : Unboxing.toChar(takeAwaited(task));
    }

    protected static short awaitedShort(Task<?> task) {
        return takeUnboxed(task, 'S') ? (short) unboxedBits(task) : Unboxing.toShort(takeAwaited(task));
    }

    protected static byte awaitedByte(Task<?> task) {
        return takeUnboxed(task, 'B') ? (byte) unboxedBits(task) : Unboxing.toByte(takeAwaited(task));
    }

    /** A frame-less call threw: its failure goes to the task's await slot, as an await's outcome. */
    public static boolean inlineFailure(Task<?> task, Throwable failure) {
        return failedWith(task, failure);
    }

    /** The error for the generated switch's {@code default} branch: a state the body of {@code frame} never sets. */
    protected static IllegalStateException invalidState(int state, Class<?> frame) {
        String name = frame.getName();
        return new IllegalStateException("invalid state " + state + " in " + name.substring(name.lastIndexOf('.') + 1));
    }

    /**
     * Returns the outcome of the last await, or throws its failure unwrapped (checked exceptions too, though none
     * is declared).
     */
    protected final <R> R awaitResult() {
        return awaitedResult();
    }

    /**
     * {@link #awaitResult()} typed like the awaited expression, for an {@code await} inside a larger expression.
     * Generated code passes {@code false ? awaitable : null}: javac types it as the awaitable, exactly as it typed
     * the user's {@code Asyncio.await(awaitable)}, and never evaluates it.
     */
    protected final <R> R awaitResult(Coroutine<R> typeOnly) {
        return awaitedResult();
    }

    /** See {@link #awaitResult(Coroutine)}. */
    protected final <R> R awaitResult(Future<R> typeOnly) {
        return awaitedResult();
    }

    /** See {@link #awaitResult(Coroutine)}. */
    protected final <R> R awaitResult(CompletionStage<R> typeOnly) {
        return awaitedResult();
    }

    /** See {@link #awaitResult(Coroutine)}. */
    protected final <R> R awaitResult(Awaitable<R> typeOnly) {
        return awaitedResult();
    }

    /**
     * An await's result that was saved in an {@code Object} field while a later await of the same expression
     * suspended ({@code f(await(a), await(b))}), typed again like its awaited expression (never evaluated).
     */
    @SuppressWarnings("unchecked")
    protected static <R> R awaited(Object saved, Coroutine<R> typeOnly) {
        return (R) saved;
    }

    /** See {@link #awaited(Object, Coroutine)}. */
    @SuppressWarnings("unchecked")
    protected static <R> R awaited(Object saved, Future<R> typeOnly) {
        return (R) saved;
    }

    /** See {@link #awaited(Object, Coroutine)}. */
    @SuppressWarnings("unchecked")
    protected static <R> R awaited(Object saved, CompletionStage<R> typeOnly) {
        return (R) saved;
    }

    /** See {@link #awaited(Object, Coroutine)}. */
    @SuppressWarnings("unchecked")
    protected static <R> R awaited(Object saved, Awaitable<R> typeOnly) {
        return (R) saved;
    }

    /**
     * A value saved in an {@code Object} field across an await, typed again like the expression it came from:
     * {@code typeOnly} is {@code () -> expression}, never called (see {@link SpillType}).
     */
    @SuppressWarnings("unchecked")
    protected static <R> R spilled(Object saved, SpillType.Of<R> typeOnly) {
        return (R) saved;
    }

    /** See {@link #spilled(Object, SpillType.Of)}. */
    protected static int spilled(Object saved, SpillType.OfInt typeOnly) {
        return (Integer) saved;
    }

    /** See {@link #spilled(Object, SpillType.Of)}. */
    protected static long spilled(Object saved, SpillType.OfLong typeOnly) {
        return (Long) saved;
    }

    /** See {@link #spilled(Object, SpillType.Of)}. */
    protected static double spilled(Object saved, SpillType.OfDouble typeOnly) {
        return (Double) saved;
    }

    /** See {@link #spilled(Object, SpillType.Of)}. */
    protected static float spilled(Object saved, SpillType.OfFloat typeOnly) {
        return (Float) saved;
    }

    /**
     * {@code true}: the generated form of a pattern {@code o instanceof T v} whose {@code v} lives across an await,
     * {@code (o instanceof T vMatch && matched(v = vMatch))}, keeps the binding in the state machine's variable.
     */
    protected static boolean matched(Object kept) {
        return true;
    }

    /** See {@link #spilled(Object, SpillType.Of)}. */
    protected static short spilled(Object saved, SpillType.OfShort typeOnly) {
        return (Short) saved;
    }

    /** See {@link #spilled(Object, SpillType.Of)}. */
    protected static byte spilled(Object saved, SpillType.OfByte typeOnly) {
        return (Byte) saved;
    }

    /** See {@link #spilled(Object, SpillType.Of)}. */
    protected static char spilled(Object saved, SpillType.OfChar typeOnly) {
        return (Character) saved;
    }

    /** See {@link #spilled(Object, SpillType.Of)}. */
    protected static boolean spilled(Object saved, SpillType.OfBoolean typeOnly) {
        return (Boolean) saved;
    }

    /**
     * The implicit narrowing of a compound assignment ({@code x op= e} is {@code x = (T) (x op e)}, JLS 15.26.2) when
     * the processor cannot name {@code T}: {@code target} is {@code () -> x}, never called; javac picks the overload
     * of {@code x}'s type and of {@code value}'s type ({@code long} covers the integral types, {@code double} the
     * floating ones).
     */
    protected static byte compound(long value, SpillType.OfByte target) {
        return (byte) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static byte compound(double value, SpillType.OfByte target) {
        return (byte) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static short compound(long value, SpillType.OfShort target) {
        return (short) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static short compound(double value, SpillType.OfShort target) {
        return (short) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static char compound(long value, SpillType.OfChar target) {
        return (char) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static char compound(double value, SpillType.OfChar target) {
        return (char) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static int compound(long value, SpillType.OfInt target) {
        return (int) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static int compound(double value, SpillType.OfInt target) {
        return (int) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static long compound(long value, SpillType.OfLong target) {
        return value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static long compound(double value, SpillType.OfLong target) {
        return (long) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static float compound(long value, SpillType.OfFloat target) {
        return (float) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static float compound(double value, SpillType.OfFloat target) {
        return (float) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static double compound(long value, SpillType.OfDouble target) {
        return (double) value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static double compound(double value, SpillType.OfDouble target) {
        return value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}. */
    protected static boolean compound(boolean value, SpillType.OfBoolean target) {
        return value;
    }

    /** See {@link #compound(long, SpillType.OfByte)}: {@code String +=}, and boxed targets. */
    @SuppressWarnings("unchecked")
    protected static <R> R compound(Object value, SpillType.Of<R> target) {
        return (R) value;
    }


    /** The error for a hand-written switch's {@code default} branch: a state this machine never sets. */
    protected final IllegalStateException invalidState(int state) {
        return new IllegalStateException("invalid state " + state + " in " + this);
    }
}
