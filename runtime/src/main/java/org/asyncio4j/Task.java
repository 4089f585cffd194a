package org.asyncio4j;

import org.asyncio4j.internal.UnboxedResult;

/**
 * A {@link Future} that drives a {@link Coroutine} on an event loop: asyncio's {@code Task}.
 *
 * <p>Not thread-safe; use only from its event loop's thread.
 *
 * <p>The task owns a chain of frames. Its root frame is the coroutine it was created with; when a frame awaits
 * another coroutine, the child runs inline with the awaiting frame as its caller. The innermost suspended frame
 * is the task's <em>current</em> frame. A step resumes the current frame; when a frame finishes, its caller is
 * resumed with the outcome, and so on up the chain, in a loop rather than by recursion. When the root frame
 * finishes, the task completes. See {@code docs/internals.md}.
 *
 * <h2>States</h2>
 * <table>
 *   <caption>Task states (all but the last three are the future's PENDING)</caption>
 *   <tr><th>state</th><th>meaning</th></tr>
 *   <tr><td>scheduled</td><td>a step is in the loop's ready queue (after creation, a yield, or a wake-up)</td></tr>
 *   <tr><td>running</td><td>a step is running the chain of frames</td></tr>
 *   <tr><td>waiting</td><td>suspended on a pending future, registered as its waiter</td></tr>
 *   <tr><td>FINISHED</td><td>the root frame returned (result) or threw (exception)</td></tr>
 *   <tr><td>CANCELLED</td><td>a {@link CancelledError} escaped the root frame, or the task was cancelled before
 *       its first step</td></tr>
 * </table>
 * <pre>
 *   create ─▶ scheduled ──step──▶ running ──awaits a pending future──▶ waiting
 *                 ▲                 │  │                                  │
 *                 └──── sleep(0) ───┘  │           future done ───────────┘ ─▶ scheduled
 *                                      └──root frame returns / throws──▶ FINISHED or CANCELLED
 * </pre>
 *
 * <h2>Cancellation</h2>
 * As in asyncio, {@link #cancel(String)} does not stop the task at once. If the task waits on a future, that
 * future is cancelled, so a {@link CancelledError} is thrown at the suspended {@code await}: {@code finally}
 * blocks run and the coroutine may catch it. If the task is scheduled or running, the error is thrown into it at
 * its next step. If the coroutine catches the cancellation and returns normally, the task finishes normally. A
 * task cancelled before its first step ends cancelled without running its body.
 *
 * <p>{@link #setResult} and {@link #setException} are not supported: a task's outcome is its coroutine's.
 *
 * @param <T> the result type
 */
public final class Task<T> extends Future<T> {
    private final long number;
    private String name;

    // Invariant while the task is pending and not running: either waitingOn == null and exactly one step is in the
    // loop's ready queue, or waitingOn != null (the task is the future's waiter, or sleeps) and a step is scheduled
    // only once that future is done or that sleep's timer fired or was stopped.
    /**
     * The innermost frame, resumed by the next step; once the task is done, its root frame (the coroutine it was
     * created with: there is no separate field for it, {@link #getCoro()} walks up the chain while pending).
     */
    private Coroutine<?> current;
    /**
     * What the current frame waits on, or {@code null}: a pending {@link Future}; {@link #OWN_TIMER} while it sleeps
     * on this task's own timer entry (see {@link #timer}); or a {@link Sleep} that is its own timer entry (when the
     * task's entry is still taken by an earlier, stopped sleep). A sleep needs no future.
     */
    private Object waitingOn;

    /**
     * This task as an entry of the loop's {@link TimerQueue}: a sleeping task is its own timer, so a sleep keeps no
     * object alive besides the task and its frames. The entry is stopped lazily (the queue drops it when it reaches
     * the head), so until then a later sleep of the same task uses the {@link Sleep} itself as its entry.
     * <pre>
     *   NONE ──sleepFor──▶ ARMED ──due: moved to the ready queue──▶ DUE ──run: step scheduled──▶ NONE
     *                        └──cancel()──▶ STALE ──dropped by the queue──▶ NONE
     * </pre>
     */
    byte timer;
    static final byte TIMER_NONE = 0;
    static final byte TIMER_ARMED = 1;
    static final byte TIMER_STALE = 2;
    static final byte TIMER_DUE = 3;

    /** {@link #waitingOn} while the task sleeps on its own timer entry. */
    private static final Object OWN_TIMER = new Object() {
        @Override
        public String toString() {
            return "its sleep timer";
        }
    };
    /** Whether a step is in the ready queue. */
    boolean stepScheduled;

    /**
     * A cancellation to throw into the coroutine at its next step (asyncio's {@code _must_cancel}). Its message is
     * kept in {@link Future#result}, unused while the task is pending (see {@link #mustCancelMessage()}).
     */
    private boolean mustCancel;
    /**
     * Pending cancellation requests ({@link #cancelling()}). A {@code short}, saturating at 32,767 (no program keeps
     * that many requests pending): it keeps the task at 72 bytes, which a million sleeping tasks notice.
     */
    private short cancelRequests;

    /**
     * The outcome of the current frame's last await, between the await and the frame reading it (see
     * {@link Coroutine#awaitedResult()}): a value, or a failure if {@link #awaitedFailed}. Only one frame of a
     * task runs at a time and it reads the outcome right away, so one slot per task serves all its frames.
     */
    private Object awaited;
    private boolean awaitedFailed;

    /** The task's context variables: a copy of its creator's at creation (immutable, so sharing is copying). */
    ContextVar.Values context;

    /** Links of the loop's list of pending tasks (used to cancel what is left when {@link Asyncio#run} ends). */
    Task<?> prevLive;
    Task<?> nextLive;

    Task(EventLoop loop, Coroutine<T> coro, String name, boolean eager) {
        super(loop);
        coro.start(this, null);
        this.current = coro;
        this.name = name;
        this.number = loop.nextTaskNumber();
        Task<?> creator = loop.currentTask();
        this.context = creator != null ? creator.context : ContextVar.threadContext();
        loop.addLive(this);
        if (JfrSupport.recording()) {
            JfrEvents.taskCreated(this, coro);      // nothing unless a JFR recording enables it
        }
        if (eager) {
            step();     // runs up to the first suspension; see EventLoop.createTask(Coroutine, String, boolean)
        } else {
            loop.scheduleStep(this);
        }
    }

    /** {@return the task's name: the one given at creation or by {@link #setName}, or {@code "Task-N"}} */
    public String getName() {
        // Built lazily: most tasks are never asked for their name.
        return name != null ? name : "Task-" + number;
    }

    /**
     * Sets the task's name.
     *
     * @param name the new name
     */
    public void setName(String name) {
        this.name = name;
    }

    @Override
    String taskNameForDiagnostics() {
        return getName();
    }

    /** The innermost frame, which the next step resumes (for debug reports). */
    Coroutine<?> currentFrame() {
        return state == PENDING ? current : null;
    }

    /** {@return the coroutine this task drives} */
    @SuppressWarnings("unchecked")
    public Coroutine<T> getCoro() {
        return (Coroutine<T>) rootOf(current);
    }

    /**
     * Returns the task's stack, innermost first as Java prints (asyncio's {@code get_stack()} lists oldest first):
     * while suspended, its await chain at the user's lines ({@code demo.Shop.total(Shop.java:25)}); once failed, its
     * exception's trace; otherwise empty. Call it on the loop's thread.
     * @return the frames, innermost first
     */
    public java.util.List<StackTraceElement> getStack() {
        if (state == PENDING) {
            return AsyncTraces.chain(current, this, false);
        }
        return exception != null ? java.util.List.of(exception.getStackTrace()) : java.util.List.of();
    }

    /** Prints {@link #getStack()} to {@code System.err} (asyncio's {@code print_stack()}). */
    public void printStack() {
        printStack(System.err);
    }

    /**
     * Prints {@link #getStack()} to {@code out} (asyncio's {@code print_stack(file=out)}): a header naming the task,
     * one {@code at} line per frame, and a failed task's exception.
     * @param out where to print
     */
    public void printStack(java.io.PrintStream out) {
        AsyncTraces.printStack(this, getStack(), exception, out);
    }

    /** The root of the chain {@code frame} belongs to (unfinished frames keep their caller links). */
    private static Coroutine<?> rootOf(Coroutine<?> frame) {
        Coroutine<?> f = frame;
        while (f.caller != null) {
            f = f.caller;
        }
        return f;
    }

    private String mustCancelMessage() {
        return (String) result;
    }

    /** Stores the outcome of an await for the running frame; see {@link #awaited}. */
    void setAwaited(Object valueOrFailure, boolean failed) {
        awaited = valueOrFailure;
        awaitedFailed = failed;
    }

    /**
     * Returns and clears the stored outcome, or throws the stored failure unwrapped. A primitive that a frame-less
     * call left unboxed in the loop is the outcome if there is one (boxed here; see {@code UnboxedResult}).
     */
    Object takeAwaited() {
        char unboxed = loop.unboxedType;
        if (unboxed != 0) {
            loop.unboxedType = 0;
            return UnboxedResult.box(unboxed, loop.unboxedBits);
        }
        Object v = awaited;
        awaited = null;
        if (awaitedFailed) {
            awaitedFailed = false;
            throw Sneaky.rethrow((Throwable) v);
        }
        return v;
    }

    /**
     * Requests cancellation; see the class Javadoc.
     *
     * @return {@code false} if the task is already done, {@code true} otherwise
     */
    @Override
    public boolean cancel(String message) {
        loop.checkLoopThread(this);
        if (state != PENDING) {
            return false;
        }
        if (cancelRequests < Short.MAX_VALUE) {
            cancelRequests++;
        }
        // If the awaited future can be cancelled, its completion wakes us with a CancelledError. It may be a task
        // that suppresses the cancellation, in which case we keep running, as in asyncio.
        if (cancelWait(message)) {
            return true;
        }
        mustCancel = true;
        result = message;       // mustCancelMessage()
        return true;
    }

    /**
     * Returns how many cancellation requests are pending (asyncio's {@code cancelling()}); the count stops at
     * 32,767.
     *
     * @return the number of pending cancellation requests
     */
    public int cancelling() {
        return cancelRequests;
    }

    /**
     * Decrements the count of pending cancellation requests, for code that deliberately suppresses a cancellation
     * (asyncio's {@code uncancel()}).
     *
     * @return the remaining count
     */
    public int uncancel() {
        if (cancelRequests > 0) {
            cancelRequests--;
        }
        return cancelRequests;
    }

    /** Not supported: a task's result is its coroutine's. */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("Task does not support setResult(): " + this);
    }

    /** Not supported: a task's exception is its coroutine's. */
    @Override
    public void setException(Throwable exception) {
        throw new UnsupportedOperationException("Task does not support setException(): " + this);
    }

    // ---- driven by the loop and by frames ----

    /** What the current frame waits on, or {@code null}; see {@link #waitingOn}. */
    Object waitingOn() {
        return waitingOn;
    }

    /** Whether the suspended task sleeps (for the task tree). */
    boolean sleeping() {
        return waitingOn == OWN_TIMER || waitingOn instanceof Sleep;
    }

    /** Suspends the task: {@code frame} waits for the pending {@code future}. */
    void waitOn(Coroutine<?> frame, Future<?> future) {
        current = frame;
        waitingOn = future;
        future.addWaiter(this);
    }

    /**
     * Suspends the task for {@code seconds} (positive): {@code frame} resumes with {@code null} when they have
     * passed. The task is its own timer entry unless an earlier, stopped entry of it is still queued; then
     * {@code sleep}, the coroutine being awaited, is the entry.
     */
    void sleepFor(double seconds, Coroutine<?> frame, Sleep sleep) {
        current = frame;
        if (timer == TIMER_NONE) {
            timer = TIMER_ARMED;
            waitingOn = OWN_TIMER;
            loop.addTimer(seconds, this);
        } else {
            waitingOn = sleep;
            loop.addTimer(seconds, sleep);
        }
    }

    /** For {@link TimerQueue}: this task's entry left the heap, due ({@code ARMED}) or dropped ({@code STALE}). */
    void timerLeftQueue() {
        timer = timer == TIMER_ARMED ? TIMER_DUE : TIMER_NONE;
    }

    /** For {@link TimerQueue}: whether this task's entry in the heap was stopped. */
    boolean timerStopped() {
        return timer != TIMER_ARMED;
    }

    /**
     * Run by the loop for this task's due timer entry (as a timer callback): schedules the step that resumes the
     * sleeping frame, in the next pass, as a completed future would.
     */
    void ownTimerFired() {
        timer = TIMER_NONE;
        if (waitingOn == OWN_TIMER && !stepScheduled) {
            loop.scheduleStep(this);
        }
    }

    /** The timer of {@code sleep} (an entry of its own) fired: schedules the step that resumes the task. */
    void wakeFromSleep(Sleep sleep) {
        if (waitingOn == sleep && !stepScheduled) {
            loop.scheduleStep(this);
        }
    }

    /**
     * Cancels what the task waits on so that the task wakes up with a {@link CancelledError}.
     *
     * @return {@code true} if a future was cancelled: its completion delivers the error with the message; {@code
     *     false} if there was nothing to cancel, or the task sleeps (its timer is stopped and its step scheduled if
     *     the timer had not fired yet); the caller then sets {@link #mustCancel}, so the step throws the error at
     *     the sleep
     */
    private boolean cancelWait(String message) {
        Object w = waitingOn;
        if (w instanceof Future) {
            return ((Future<?>) w).cancel(message);
        }
        if (w == OWN_TIMER) {
            if (timer == TIMER_ARMED) {
                timer = TIMER_STALE;
                loop.timerCancelled();
                loop.scheduleStep(this);
            }
            // DUE: the entry is in the ready queue and schedules the step when it runs; NONE: it already did
        } else if (w != null && ((Sleep) w).stopTimer()) {
            loop.scheduleStep(this);
        }
        return false;
    }

    /** Suspends the task for one pass of the loop ({@code sleep(0)}); {@code frame} resumes with {@code null}. */
    void yieldFrom(Coroutine<?> frame) {
        current = frame;
        loop.scheduleStep(this);
    }

    /** Runs one step; called only from the loop's run-once method. */
    void step() {
        if (state != PENDING) {
            throw new IllegalStateException("step(): task is already done: " + this);
        }
        stepScheduled = false;
        Object value = null;
        Throwable error = null;
        Object w = waitingOn;
        if (w != null) {
            waitingOn = null;
            if (w instanceof Future) {
                Future<?> f = (Future<?>) w;
                if (f.state == FINISHED) {
                    value = f.result;
                    error = f.exception;
                } else if (f.state == CANCELLED) {
                    error = f.newCancelledError();
                } else {
                    throw new IllegalStateException("step(): woken while " + f + " is pending: " + this);
                }
            }
            // else a sleep whose timer fired or was stopped by cancel(): resumed with (null, null), or with the
            // CancelledError of mustCancel below
        }
        if (mustCancel) {
            mustCancel = false;
            value = null;
            error = new CancelledError(mustCancelMessage());
        }
        Task<?> previous = loop.enterTask(this);
        try {
            runFrames(value, error);
        } finally {
            loop.leaveTask(previous);
        }
    }

    /** Resumes the current frame, then its callers as they finish, until one suspends or the root finishes. */
    private void runFrames(Object value, Throwable error) {
        Coroutine<?> frame = current;
        for (;;) {
            Object r;
            Throwable failure = null;
            try {
                r = frame.resume(value, error);
            } catch (Throwable t) {
                r = null;
                failure = t;
                AsyncTraces.left(t, this, frame);   // failure path only; see AsyncTraces
            }
            if (failure == null && r == Coroutine.SUSPENDED) {
                afterSuspend(frame);
                return;
            }
            Coroutine<?> callerFrame = frame.caller;
            frame.finish();
            if (callerFrame == null) {
                current = frame;        // the root, for getCoro()
                complete(r, failure);
                return;
            }
            frame = callerFrame;
            value = r;
            error = failure;
        }
    }

    private void afterSuspend(Coroutine<?> frame) {
        if (waitingOn == null && !stepScheduled) {
            // A frame returned SUSPENDED without registering anywhere: nobody would ever resume the task.
            current = rootOf(frame);
            complete(null, new IllegalStateException(
                    "coroutine " + frame + " returned SUSPENDED without awaiting anything"));
            return;
        }
        if (mustCancel && cancelWait(mustCancelMessage())) {
            // cancel() was called while we were running; deliver it through the future we now wait on.
            mustCancel = false;
        }
    }

    private void complete(Object value, Throwable failure) {
        loop.removeLive(this);
        String message = mustCancelMessage();
        result = null;      // it held mustCancelMessage() while pending
        if (failure == null) {
            if (mustCancel) {
                // cancel() was requested during the final step: asyncio reports the task as cancelled.
                mustCancel = false;
                cancelInternal(message);
            } else {
                setResultInternal(value);
            }
        } else if (failure instanceof CancelledError) {
            cancelInternal(failure.getMessage());
        } else {
            setExceptionInternal(failure);
        }
        if (JfrSupport.recording()) {
            JfrEvents.taskCompleted(this);      // nothing unless a JFR recording enables it
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Task[name=").append(getName()).append(' ').append(describeState());
        if (state == PENDING) {
            sb.append(" coro=").append(getCoro());
            if (waitingOn != null) {
                sb.append(" waiting on ").append(waitingOn);
            }
        }
        return sb.append(']').toString();
    }
}
