package org.asyncio4j;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.asyncio4j.internal.UnboxedResult;

/**
 * A lazy computation that can suspend: one frame of an {@code @Async} method, holding its state, its parameters
 * and the locals it keeps across {@code await}s.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>A coroutine does nothing when created. It runs when it is awaited (then inline, inside the awaiting task,
 * with no trip through the event loop) or when it is wrapped in a {@link Task} ({@link Asyncio#createTask},
 * {@link Asyncio#gather}, {@link Asyncio#run}). It runs at most once: awaiting or scheduling it a second time
 * throws {@link IllegalStateException}.
 *
 * <h2>States</h2>
 * <pre>
 *   NEW ──await / createTask──▶ RUNNING ──returns or throws──▶ DONE
 *   NEW ──await / createTask again after that──▶ IllegalStateException
 * </pre>
 *
 * <p>A coroutine that is created but never awaited nor scheduled is a bug (its body never runs). While any loop
 * is in {@linkplain EventLoop#setDebug debug mode} (or with {@code -Dasyncio4j.debug=true}), new coroutines are
 * tracked and such a coroutine is reported as "coroutine ... was never awaited" when it is garbage-collected; the
 * tracking is off otherwise because a {@link java.lang.ref.Cleaner} per coroutine is too expensive for the
 * common path (see {@code CoroutineOrigin}).
 *
 * <h2>Subclassing</h2>
 * Users do not subclass {@code Coroutine}; they write {@link Async @Async} methods. Subclasses are the state
 * machines the asyncio4j processor generates (through {@code org.asyncio4j.internal.AsyncStateMachine}) and the
 * runtime's own coroutines. The protected methods below are the frame protocol those subclasses use; they are
 * documented for contributors, not as API. See {@code docs/internals.md}.
 *
 * <p>The frame protocol: {@link #resume(Object, Throwable)} runs the frame until it returns {@link #SUSPENDED}
 * (it registered itself somewhere that will resume it), returns its result, or throws its failure. To wait, a
 * frame calls one of the {@code suspendOn…} methods; {@code true} means "return {@link #SUSPENDED} now", and
 * {@code false} means the outcome is ready at once and can be read with {@link #awaitedResult()}. When a
 * suspended frame is resumed, the outcome arrives as the arguments of {@code resume}.
 *
 * @param <T> the result type
 */
public abstract non-sealed class Coroutine<T> implements Awaitable<T> {
    /** Returned by {@link #resume(Object, Throwable)} when the frame suspended instead of finishing. */
    protected static final Object SUSPENDED = new Object() {
        @Override
        public String toString() {
            return "SUSPENDED";
        }
    };

    private static final byte NEW = 0;
    private static final byte RUNNING = 1;
    private static final byte DONE = 2;

    private byte status = NEW;
    /** The frame that awaits this one inline, resumed with our outcome; {@code null} for a task's root frame. */
    Coroutine<?> caller;
    /**
     * The task whose chain of frames this frame belongs to; set when the frame starts. (A frame has only this and
     * {@link #caller}: the outcome of an await lives in the task, and the debug-mode {@link CoroutineOrigin} in
     * {@link #ORIGINS}, which keeps every frame 8 to 16 bytes smaller.)
     */
    Task<?> task;

    /**
     * The origins of coroutines created in debug mode that have not started yet (weak keys, compared by identity
     * since coroutines do not override {@code equals}); {@link #tracked} says whether it was ever used, so that
     * {@link #start} costs one static read when debug mode was never on.
     */
    private static final Map<Coroutine<?>, CoroutineOrigin> ORIGINS = Collections.synchronizedMap(new WeakHashMap<>());
    private static volatile boolean tracked;

    /** For subclasses: generated state machines and the runtime's own coroutines. */
    @SuppressWarnings("this-escape") // only a Cleaner registration sees `this`; no subclass code can run there
    protected Coroutine() {
        if (CoroutineOrigin.enabled()) {
            tracked = true;
            ORIGINS.put(this, CoroutineOrigin.track(this));
        }
    }

    /**
     * Runs this frame from where it stopped.
     *
     * <p>On the first call both arguments are {@code null}, except when the owning task was cancelled before the
     * frame ever ran: then {@code error} is a {@link CancelledError} and the frame should throw it without running
     * its body. On later calls they carry the outcome of the await the frame suspended on.
     *
     * @param value the outcome's value ({@code null} if it failed)
     * @param error the outcome's failure, or {@code null} if it succeeded
     * @return {@link #SUSPENDED} if the frame suspended, otherwise its result ({@code null} for {@code Void})
     * @throws Throwable the frame's failure
     */
    protected abstract Object resume(Object value, Throwable error) throws Throwable;

    // ---- frame protocol, for subclasses (see the class Javadoc) ----

    /**
     * Starts {@code child} inline in this frame's task, with this frame as its caller.
     *
     * @param child the awaited coroutine
     * @return {@code true} if the child suspended (this frame must return {@link #SUSPENDED} now; it is resumed
     *     with the child's outcome); {@code false} if the child finished and its outcome is ready for
     *     {@link #awaitedResult()}
     * @throws IllegalStateException if {@code child} was already awaited or scheduled
     */
    protected final boolean suspendOnCoroutine(Coroutine<?> child) {
        Task<?> t = requireTask();
        if (child.getClass() == Sleep.class) {
            // A sleep is not run as a frame: this frame sleeps, and the task is the timer (one class compare).
            ((Sleep) child).awaitInline(t, this);
            return true;
        }
        child.start(t, this);
        Object r;
        try {
            r = child.resume(null, null);
        } catch (Throwable e) {
            AsyncTraces.left(e, t, null);       // failure path only: names the user's frames
            child.finish();
            t.setAwaited(e, true);
            return false;
        }
        if (r == SUSPENDED) {
            return true;
        }
        child.finish();
        t.setAwaited(r, false);
        return false;
    }

    /**
     * Waits for {@code future}. If it is done, copies its outcome for {@link #awaitedResult()} and returns
     * {@code false} without allocating. Otherwise registers the task as the future's waiter and returns
     * {@code true}.
     *
     * @param future a future of the running loop
     * @throws IllegalStateException if the future is the awaiting task itself, belongs to another loop, or this
     *     frame is not running inside a task
     * @return {@code true} if the frame suspended, {@code false} if the outcome is ready
     */
    protected final boolean suspendOnFuture(Future<?> future) {
        Task<?> t = requireTask();
        if (readIfDone(t, future)) {
            return false;
        }
        waitForPending(t, future);
        return true;
    }

    /** Registers task {@code t}, suspended in this frame, as the waiter of the pending {@code future}. */
    private void waitForPending(Task<?> t, Future<?> future) {
        if (future == t) {
            throw new IllegalStateException("Task cannot await on itself: " + t);
        }
        if (future.loop != t.loop) {
            throw new IllegalStateException("Task " + t + " got Future " + future + " attached to a different loop ("
                    + future.loop.describeOwner() + ", not " + t.loop.describeOwner()
                    + "); await it through org.asyncio4j.group.CrossLoop.follow");
        }
        t.waitOn(this, future);
    }

    /**
     * Waits for {@code stage}. A {@link CompletableFuture} that is already done is read at once (returns
     * {@code false}). Otherwise the stage is bridged into a future of this task's loop that is completed on the
     * loop's thread (via {@link EventLoop#callSoonThreadsafe}). A cancelled stage appears as a
     * {@link CancelledError}; a {@link CompletionException} is unwrapped.
     *
     * @param stage a {@link java.util.concurrent.CompletionStage}, a {@link java.util.concurrent.CompletableFuture} say
     * @return {@code true} if the frame suspended, {@code false} if the outcome is ready
     */
    protected final boolean suspendOnStage(CompletionStage<?> stage) {
        Task<?> t = requireTask();
        if (readIfDone(t, stage)) {
            return false;
        }
        return suspendOnFuture(StageBridge.wrap(stage, t.loop));
    }

    /** If {@code future} is done, copies its outcome into {@code t}'s await slot and returns {@code true}. */
    private static boolean readIfDone(Task<?> t, Future<?> future) {
        byte s = future.state;
        if (s == Future.PENDING) {
            return false;
        }
        if (s == Future.FINISHED) {
            Throwable e = future.exception;
            if (e == null) {
                t.setAwaited(future.result, false);
            } else {
                future.markObserved();
                t.setAwaited(e, true);
            }
        } else {
            t.setAwaited(future.newCancelledError(), true);
        }
        return true;
    }

    /** If {@code stage} is a done {@link CompletableFuture}, copies its outcome into {@code t}'s await slot. */
    private static boolean readIfDone(Task<?> t, CompletionStage<?> stage) {
        // Exactly CompletableFuture: its subclasses include minimalCompletionStage(), whose isDone() throws.
        if (stage.getClass() != CompletableFuture.class || !((CompletableFuture<?>) stage).isDone()) {
            return false;
        }
        try {
            t.setAwaited(((CompletableFuture<?>) stage).join(), false);
        } catch (CancellationException e) {
            t.setAwaited(new CancelledError(e.getMessage(), e), true);
        } catch (CompletionException e) {
            Throwable cause = StageBridge.unwrap(e);
            t.setAwaited(cause instanceof CancellationException
                    ? new CancelledError(cause.getMessage(), cause) : cause, true);
        }
        return true;
    }

    /**
     * Waits for {@code awaitable}: a {@link Future} as {@link #suspendOnFuture}, a coroutine as {@link
     * #suspendOnCoroutine}.
     *
     * @param awaitable a coroutine or a future
     * @return {@code true} if the frame suspended, {@code false} if the outcome is ready
     */
    protected final boolean suspendOnAwaitable(Awaitable<?> awaitable) {
        if (awaitable instanceof Future) {
            return suspendOnFuture((Future<?>) awaitable);
        }
        return suspendOnCoroutine((Coroutine<?>) awaitable);
    }

    /**
     * Returns the outcome of the last await: the value, or throws the failure unwrapped (checked exceptions
     * included, without declaring them). Clears the stored outcome so the frame does not keep it alive.
     *
     * @param <R> the result type
     * @return the outcome's value (its failure is thrown)
     */
    @SuppressWarnings("unchecked")
    protected final <R> R awaitedResult() {
        return (R) requireTask().takeAwaited();
    }

    /**
     * Stores the outcome a suspended frame was resumed with, for {@link #awaitedResult()}.
     *
     * @param value the outcome's value ({@code null} if it failed)
     * @param error the outcome's failure, or {@code null} if it succeeded
     */
    protected final void setAwaitedOutcome(Object value, Throwable error) {
        Task<?> t = requireTask();
        if (error != null) {
            t.setAwaited(error, true);
        } else {
            t.setAwaited(value, false);
        }
    }

    // ---- frame-less bodies, for generated state machines (see docs/internals.md, "Frame-less calls") ----
    //
    // A generated coroutine awaited as a direct call, await(XAsync.m(a)), runs its body as a static method with
    // its locals in Java locals and no frame. It creates its frame only when it must wait: it copies its locals
    // into a new frame, started "detached" (it has no caller yet), suspends with it, and publishes it in the loop;
    // the awaiting code then creates or updates its own frame and adopts the detached one as its callee. A call
    // that finishes passes its outcome in the task's await slot, as any await does; so does a failure.

    /** {@return the task this frame runs in} */
    protected final Task<?> runningTask() {
        return requireTask();
    }

    /**
     * The first half of an await in a frame-less body: a done future's outcome is copied into the task's await slot
     * ({@code false}: read it with {@link #takeAwaited(Task)}); a pending one is kept there ({@code true}: create
     * the frame, then call {@link #suspendOnKept()}).
     *
     * @param t the task that runs this frame
     * @param future a future of the running loop
     * @return {@code true} if the frame must suspend, {@code false} if the outcome is ready
     */
    protected static boolean keepUnlessDone(Task<?> t, Future<?> future) {
        if (readIfDone(t, future)) {
            return false;
        }
        t.setAwaited(future, false);
        return true;
    }

    /**
     * {@link #keepUnlessDone(Task, Future)} for a body that already has its frame: a pending future is waited for
     * at once (the body saves its locals next; nothing can resume the frame before the step ends), and
     * {@link #suspendOnKept()} then only confirms it.
     *
     * @param frame the awaiting frame
     * @param t the task that runs this frame
     * @param future a future of the running loop
     * @return {@code true} if the frame must suspend, {@code false} if the outcome is ready
     */
    protected static boolean waitUnlessDone(Coroutine<?> frame, Task<?> t, Future<?> future) {
        if (readIfDone(t, future)) {
            return false;
        }
        if (frame == null) {
            t.setAwaited(future, false);
        } else {
            // The await slot stays empty: suspendOnKept() reads that as "already waiting" (no reference store,
            // hence no GC write barrier, on the path every suspension of a resumed frame takes).
            frame.waitForPending(t, future);
        }
        return true;
    }

    /**
     * {@link #keepUnlessDone(Task, Future)} for a stage: only a done {@link CompletableFuture} is read at once.
     *
     * @param t the task that runs this frame
     * @param stage a {@link java.util.concurrent.CompletionStage}, a {@link java.util.concurrent.CompletableFuture} say
     * @return {@code true} if the frame must suspend, {@code false} if the outcome is ready
     */
    protected static boolean keepUnlessDone(Task<?> t, CompletionStage<?> stage) {
        if (readIfDone(t, stage)) {
            return false;
        }
        t.setAwaited(stage, false);
        return true;
    }

    /**
     * {@link #keepUnlessDone(Task, Future)} for a coroutine: always kept, since running it needs this frame as its
     * caller (awaits of direct calls are frame-less instead).
     *
     * @param t the task that runs this frame
     * @param awaitable a coroutine or a future
     * @return {@code true} if the frame must suspend, {@code false} if the outcome is ready
     */
    protected static boolean keep(Task<?> t, Awaitable<?> awaitable) {
        t.setAwaited(awaitable, false);
        return true;
    }

    /**
     * {@return the second half of a frame-less await, on the frame just created or updated: waits for the kept
     * awaitable}
     */
    protected final boolean suspendOnKept() {
        Task<?> t = requireTask();
        Object awaitable = t.takeAwaited();
        if (awaitable == null) {
            // waitUnlessDone already made the task wait (a kept awaitable is never null: await(null) throws)
            if (t.waitingOn() == null) {
                throw new IllegalStateException("suspendOnKept(): nothing was kept for " + this);
            }
            return true;
        }
        return awaitable instanceof Awaitable ? suspendOnAwaitable((Awaitable<?>) awaitable)
                : suspendOnStage((CompletionStage<?>) awaitable);
    }

    /**
     * {@return the outcome of the last await of a frame-less body, or throws its failure unwrapped}
     *
     * @param t the task that runs this frame
     */
    protected static Object takeAwaited(Task<?> t) {
        return t.takeAwaited();
    }

    /**
     * A frame-less call returns a primitive unboxed: keeps its {@code bits} and type in the loop and returns
     * {@code kind}, which {@code inlineOutcome} recognises (see {@link UnboxedResult}).
     *
     * @param t the task that runs this frame
     * @param bits the primitive's bits
     * @param kind the primitive's descriptor letter
     * @return the marker that tells the caller the result is unboxed
     */
    protected static Object unboxedResult(Task<?> t, long bits, UnboxedResult kind) {
        EventLoop l = t.loop;
        l.unboxedBits = bits;
        l.unboxedType = kind.type();
        return kind;
    }

    /**
     * Whether the outcome to read is an unboxed primitive of descriptor letter {@code type}; if so, takes it.
     *
     * @param t the task that runs this frame
     * @param type the descriptor letter of the primitive type expected
     * @return whether an unboxed primitive of that type was taken
     */
    protected static boolean takeUnboxed(Task<?> t, char type) {
        EventLoop l = t.loop;
        if (l.unboxedType != type) {
            return false;
        }
        l.unboxedType = 0;
        return true;
    }

    /**
     * The bits of the primitive that {@link #takeUnboxed} just took.
     *
     * @param t the task that runs this frame
     * @return the primitive's bits
     */
    protected static long unboxedBits(Task<?> t) {
        return t.loop.unboxedBits;
    }

    /**
     * A frame-less call finished with {@code value}: stores it for its caller's await; returns {@code false}.
     *
     * @param t the task that runs this frame
     * @param value the result the awaited operation finished with
     * @return {@code false}: the awaited call finished (with its value)
     */
    protected static boolean finishedWith(Task<?> t, Object value) {
        t.setAwaited(value, false);
        return false;
    }

    /**
     * A frame-less call failed: stores the failure for its caller's await; returns {@code false}.
     *
     * @param t the task that runs this frame
     * @param failure the failure the awaited operation finished with
     * @return {@code false}: the awaited call finished (with its failure)
     */
    protected static boolean failedWith(Task<?> t, Throwable failure) {
        AsyncTraces.left(failure, t, null);     // failure path only: names the user's frames
        t.loop.unboxedType = 0;     // a finally block that threw after the body's unboxed return
        t.setAwaited(failure, true);
        return false;
    }

    /**
     * Claims a frame that a frame-less call creates to suspend: running in {@code owner}, its caller set later.
     *
     * @param owner the task that starts this frame
     */
    protected final void startDetached(Task<?> owner) {
        start(owner, null);
    }

    /** Leaves this detached frame, which just suspended, for its caller to {@linkplain #adoptDetached adopt}. */
    protected final void publishDetached() {
        task.loop.unlinkedFrame = this;
    }

    /** Makes this frame the caller of the detached frame that the direct call it awaits just published. */
    protected final void adoptDetached() {
        EventLoop loop = requireTask().loop;
        Coroutine<?> callee = loop.unlinkedFrame;
        loop.unlinkedFrame = null;
        callee.caller = this;
    }

    // ---- runtime-internal ----

    /** Claims this coroutine for {@code owner}; a coroutine runs at most once. */
    final void start(Task<?> owner, Coroutine<?> callerFrame) {
        if (status != NEW) {
            throw new IllegalStateException("coroutine " + this + " was already awaited or scheduled");
        }
        status = RUNNING;
        task = owner;
        caller = callerFrame;
        if (tracked) {
            CoroutineOrigin o = ORIGINS.remove(this);
            if (o != null) {
                o.started();
            }
        }
    }

    /**
     * Runs this frame again as a callee of {@code callerFrame}: an async generator's body, which each step of its
     * consumer resumes (see {@link AsyncGenerator}); the first time it is claimed as {@link #start} does.
     */
    final void restart(Task<?> owner, Coroutine<?> callerFrame) {
        if (status == NEW) {
            start(owner, callerFrame);
            return;
        }
        status = RUNNING;
        task = owner;
        caller = callerFrame;
    }

    /** Marks the frame finished and unlinks it from its caller. */
    final void finish() {
        status = DONE;
        caller = null;
    }

    final Task<?> requireTask() {
        Task<?> t = task;
        if (t == null) {
            throw new IllegalStateException("coroutine " + this + " can only suspend inside a Task");
        }
        return t;
    }

    @Override
    public String toString() {
        String name = getClass().getName();
        name = name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
        String s = status == NEW ? "new" : status == RUNNING ? "running" : "done";
        return name + "@" + Integer.toHexString(System.identityHashCode(this)) + "[" + s + "]";
    }
}
