package org.asyncio4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The eventual outcome of an operation on an {@link EventLoop}: asyncio's {@code Future}.
 *
 * <p>Not thread-safe; use only from its event loop's thread. To complete a future from another thread, schedule
 * the completion with {@link EventLoop#callSoonThreadsafe(Runnable)}.
 *
 * <h2>States</h2>
 * <table>
 *   <caption>Future states</caption>
 *   <tr><th>state</th><th>{@link #done()}</th><th>{@link #cancelled()}</th><th>{@link #result()}</th>
 *       <th>{@link #exception()}</th></tr>
 *   <tr><td>PENDING</td><td>false</td><td>false</td><td>throws {@link InvalidStateError}</td>
 *       <td>throws {@link InvalidStateError}</td></tr>
 *   <tr><td>FINISHED with a result</td><td>true</td><td>false</td><td>the result</td><td>{@code null}</td></tr>
 *   <tr><td>FINISHED with an exception</td><td>true</td><td>false</td><td>throws it, unwrapped</td>
 *       <td>the exception</td></tr>
 *   <tr><td>CANCELLED</td><td>true</td><td>true</td><td>throws {@link CancelledError}</td>
 *       <td>throws {@link CancelledError}</td></tr>
 * </table>
 * <pre>
 *              setResult / setException
 *   PENDING ─────────────────────────────▶ FINISHED
 *      │
 *      │ cancel
 *      ▼
 *   CANCELLED
 * </pre>
 * A done future never changes again: {@link #setResult} and {@link #setException} on it throw
 * {@link InvalidStateError}, {@link #cancel()} returns {@code false}.
 *
 * <h2>Done callbacks</h2>
 * Callbacks added with {@link #addDoneCallback} are never run inline: when the future becomes done, each is
 * scheduled on the loop with {@link EventLoop#callSoon} semantics, in the order they were added; a callback added
 * to a future that is already done is scheduled at once. (asyncio does the same; running callbacks inline would
 * make the order of side effects depend on who completes the future, and deep completion chains could overflow
 * the stack.) Tasks that {@code await} this future are registered as waiters the same way, without allocating a
 * callback per await.
 *
 * <h2>"exception was never retrieved"</h2>
 * As in asyncio, a future (or task) that finishes with an exception nobody looks at is reported to the loop's
 * {@linkplain EventLoop#setExceptionHandler exception handler} with the message "Future exception was never
 * retrieved" (or "Task exception was never retrieved", with the task's name under {@code "taskName"}): when it
 * becomes unreachable (a {@link java.lang.ref.Cleaner} action whose state holds the exception but not the
 * future, like asyncio's {@code __del__}), or when its loop is closed while it is still referenced, whichever
 * comes first, and at most once. The exception counts as observed once {@link #result()} or {@link #exception()}
 * is called, once a task awaits the future, or once a done callback or waiter is registered on it (the callback
 * is handed the failed future; the runtime's own combinators read the outcome directly). This last rule is more
 * lenient than asyncio's, which only counts {@code result()}/{@code exception()}. Cancellation is never reported.
 *
 * <p>Create futures with {@link EventLoop#createFuture()}.
 *
 * @param <T> the result type
 */
public non-sealed class Future<T> implements Awaitable<T> {
    static final byte PENDING = 0;
    static final byte CANCELLED = 1;
    static final byte FINISHED = 2;

    final EventLoop loop;
    byte state = PENDING;
    /**
     * Valid when FINISHED and {@code exception == null}: the result. When CANCELLED: the cancellation message (one
     * field for both keeps every future and task 8 bytes smaller; see {@link #cancelMessage()}). A pending
     * {@link Task} keeps the message of a cancellation it has yet to deliver here.
     */
    Object result;
    /** Valid when FINISHED; {@code null} for a normal result. */
    Throwable exception;

    /**
     * The done callbacks and waiting {@link Task}s: {@code null}, one entry, or a {@link CallbackList} of entries
     * in the order they were added. Keeping a single entry in the field means the common case (one waiter) allocates
     * no list. Entries are a {@link Task}, a {@code Consumer<? super Future<T>>}, or a
     * {@link GatheringFuture} counting its children. Once the future is done (callbacks were scheduled) it is
     * {@code null}, or the {@link UnobservedFailure} of an exception nobody has retrieved yet, reported as "exception
     * was never retrieved" if the future becomes unreachable or its loop closes first (one field for both keeps every
     * future and task 4 bytes smaller; the tracker exists only on the failure path).
     */
    private Object callbacks;

    /**
     * Creates a pending future on {@code loop}; for subclasses ({@link EventLoop#createFuture()} makes plain ones).
     *
     * @param loop the loop whose thread completes the future and runs its callbacks
     */
    protected Future(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** {@return the loop this future belongs to} */
    public EventLoop getLoop() {
        return loop;
    }

    /** {@return whether the future is done: it has a result, an exception, or was cancelled} */
    public boolean done() {
        return state != PENDING;
    }

    /** {@return whether the future was cancelled} */
    public boolean cancelled() {
        return state == CANCELLED;
    }

    /**
     * Returns the result. If the future finished with an exception, throws that exception as it was set,
     * unwrapped, even if it is checked (without being declared).
     *
     * @throws InvalidStateError if the future is pending
     * @throws CancelledError if it was cancelled
     * @return the result
     */
    @SuppressWarnings("unchecked")
    public T result() {
        switch (state) {
            case FINISHED:
                if (exception != null) {
                    markObserved();
                    throw Sneaky.rethrow(exception);
                }
                return (T) result;
            case CANCELLED:
                throw newCancelledError();
            default:
                throw new InvalidStateError("Result is not ready: " + this);
        }
    }

    /**
     * Returns the exception the future finished with, or {@code null} if it finished with a result.
     *
     * @throws InvalidStateError if the future is pending
     * @throws CancelledError if it was cancelled
     * @return the exception, or {@code null} if the future finished with a result
     */
    public Throwable exception() {
        switch (state) {
            case FINISHED:
                markObserved();
                return exception;
            case CANCELLED:
                throw newCancelledError();
            default:
                throw new InvalidStateError("Exception is not set: " + this);
        }
    }

    /**
     * Marks the future done with {@code value} and schedules its callbacks.
     *
     * @param value the result
     * @throws InvalidStateError if the future is already done
     */
    public void setResult(T value) {
        loop.checkLoopThread(this);
        if (state != PENDING) {
            throw new InvalidStateError("invalid state for setResult(): " + this);
        }
        setResultInternal(value);
    }

    /**
     * Marks the future done with {@code exception} and schedules its callbacks.
     *
     * @param exception the failure
     * @throws InvalidStateError if the future is already done
     * @throws NullPointerException if {@code exception} is null
     */
    public void setException(Throwable exception) {
        loop.checkLoopThread(this);
        Objects.requireNonNull(exception, "exception");
        if (state != PENDING) {
            throw new InvalidStateError("invalid state for setException(): " + this);
        }
        setExceptionInternal(exception);
    }

    /**
     * Same as {@link #cancel(String) cancel(null)}.
     *
     * @return whether the future was cancelled by this call
     */
    public final boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future and schedules its callbacks, unless it is already done.
     *
     * @param message carried by the {@link CancelledError} that {@link #result()} and awaiting tasks see; may be
     *     {@code null}
     * @return {@code false} if the future was already done, {@code true} otherwise
     */
    public boolean cancel(String message) {
        loop.checkLoopThread(this);
        return cancelInternal(message);
    }

    /**
     * Adds {@code callback}, to be scheduled on the loop with this future as argument when the future is done.
     * If it is already done, the callback is scheduled at once. Never runs the callback inline.
     *
     * @param callback called with this future once it is done, in a later pass of the loop
     */
    public void addDoneCallback(Consumer<? super Future<T>> callback) {
        loop.checkLoopThread(this);
        addEntry(Objects.requireNonNull(callback, "callback"));
    }

    /**
     * Removes every registration of {@code callback} (compared with {@code equals}) that has not been scheduled
     * yet.
     *
     * @param callback a callback added with {@link #addDoneCallback}
     * @return how many registrations were removed
     */
    public int removeDoneCallback(Consumer<? super Future<T>> callback) {
        loop.checkLoopThread(this);
        int removed = 0;
        Object c = state == PENDING ? callbacks : null;     // once done, callbacks are already scheduled
        if (c instanceof CallbackList) {
            CallbackList list = (CallbackList) c;
            int before = list.size();
            list.removeIf(entry -> entry.equals(callback));
            removed = before - list.size();
            callbacks = list.isEmpty() ? null : list.size() == 1 ? list.get(0) : list;
        } else if (c != null && c.equals(callback)) {
            removed = 1;
            callbacks = null;
        }
        return removed;
    }

    // ---- completion paths for subclasses (they skip the public overrides in Task and GatheringFuture) ----

    /**
     * Finishes this future with {@code value}, skipping any override of {@link #setResult} (for subclasses: a
     * {@link Task} refuses {@code setResult}, and a waiter of {@code org.asyncio4j.internal} wakes through this).
     *
     * @param value the result
     * @throws InvalidStateError if the future is already done
     */
    protected final void setResultInternal(Object value) {
        checkPending();
        result = value;
        state = FINISHED;
        scheduleCallbacks();
    }

    final void setExceptionInternal(Throwable t) {
        checkPending();
        exception = t;
        state = FINISHED;
        if (callbacks == null) {
            // Nobody is listening: track the failure until someone retrieves it (the failure path only).
            callbacks = UnobservedFailure.track(this, t);
        } else {
            scheduleCallbacks();
        }
    }

    /** Records that the exception was retrieved (or handed to a listener), so it is never reported. */
    final void markObserved() {
        if (state != PENDING && callbacks instanceof UnobservedFailure) {
            UnobservedFailure u = (UnobservedFailure) callbacks;
            callbacks = null;
            u.observed();
        }
    }

    /** Describes this future for diagnostics that outlive it: a task's name, or {@code null} for a plain future. */
    String taskNameForDiagnostics() {
        return null;
    }

    /**
     * Cancels this future, skipping any override of {@link #cancel(String)} (for subclasses that add to
     * {@code cancel}, such as a waiter that leaves its wait list).
     *
     * @param message the cancellation message, or {@code null}
     * @return whether this call cancelled the future (false if it was already done)
     */
    protected final boolean cancelInternal(String message) {
        if (state != PENDING) {
            return false;
        }
        result = message;
        state = CANCELLED;
        scheduleCallbacks();
        return true;
    }

    /** Registers {@code task} to be woken (its next step scheduled) when this future is done. */
    final void addWaiter(Task<?> task) {
        addEntry(task);
    }

    /**
     * The first task that awaits this future, directly or through a {@code gather}, or {@code null} (diagnostics
     * only: async stack traces and the task tree).
     */
    final Task<?> firstAwaitingTask() {
        for (Object entry : waiterEntries()) {
            if (entry instanceof Task) {
                return (Task<?>) entry;
            }
            if (entry instanceof GatheringFuture) {
                Task<?> t = ((GatheringFuture<?>) entry).firstAwaitingTask();
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The pending future's callback entries (tasks, gatherers, consumers), for diagnostics; a copy. */
    final List<Object> waiterEntries() {
        Object c = state == PENDING ? callbacks : null;
        if (c == null) {
            return List.of();
        }
        return c instanceof CallbackList ? new ArrayList<>((CallbackList) c) : List.of(c);
    }

    /** Registers {@code gather} to count this future's completion; see {@link GatheringFuture#childCompleted}. */
    final void addGatherer(GatheringFuture<?> gather) {
        loop.checkLoopThread(this);
        addEntry(gather);
    }

    /** A fresh error for each observer, as asyncio does; the stack trace then points at the observer. */
    final CancelledError newCancelledError() {
        return new CancelledError(cancelMessage());
    }

    /** Copies {@code source}'s outcome into this pending future. */
    final void copyStateFrom(Future<?> source) {
        if (source.state == CANCELLED) {
            cancelInternal(source.cancelMessage());
        } else if (source.exception != null) {
            setExceptionInternal(source.exception);
        } else {
            setResultInternal(source.result);
        }
    }

    private void checkPending() {
        if (state != PENDING) {
            throw new InvalidStateError("future is already done: " + this);
        }
    }

    private void addEntry(Object entry) {
        if (state != PENDING) {
            markObserved();     // the listener is handed the failed future
            scheduleEntry(entry);
        } else {
            Object c = callbacks;
            if (c == null) {
                callbacks = entry;
            } else if (c instanceof CallbackList) {
                ((CallbackList) c).add(entry);
            } else {
                CallbackList list = new CallbackList();
                list.add(c);
                list.add(entry);
                callbacks = list;
            }
        }
    }

    private void scheduleCallbacks() {
        Object c = callbacks;
        if (c == null) {
            return;
        }
        callbacks = null;
        if (c instanceof CallbackList) {
            for (Object entry : (CallbackList) c) {
                scheduleEntry(entry);
            }
        } else {
            scheduleEntry(c);
        }
    }

    /** The message of a cancelled future ({@code null} if none was given). */
    final String cancelMessage() {
        return (String) result;
    }

    @SuppressWarnings("unchecked")
    private void scheduleEntry(Object entry) {
        if (entry instanceof Task) {
            loop.scheduleStep((Task<?>) entry);
        } else if (entry instanceof GatheringFuture) {
            ((GatheringFuture<?>) entry).childCompleted(this);      // counts only; never runs user code inline
        } else {
            loop.scheduleHandle(new DoneCallbackHandle<>((Consumer<? super Future<T>>) entry, this));
        }
    }

    /**
     * Describes the state for {@link #toString()}: {@code pending}, {@code cancelled}, {@code finished result=…}.
     *
     * @return {@code pending}, {@code cancelled} or {@code finished} with the result or exception
     */
    protected final String describeState() {
        switch (state) {
            case PENDING:
                return "pending";
            case CANCELLED:
                return result == null ? "cancelled" : "cancelled message=" + result;
            default:
                return exception != null
                        ? "finished exception=" + exception
                        : "finished result=" + abbreviate(String.valueOf(result));
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return "Future[" + describeState() + "]";
    }

    /**
     * Runs one done callback; one object per callback instead of a handle plus a lambda. (Package-private so that
     * the loop's shuffle mode can tell done callbacks from plain callbacks.)
     */
    static final class DoneCallbackHandle<T> extends Handle {
        private final Consumer<? super Future<T>> callback;
        private final Future<T> future;

        DoneCallbackHandle(Consumer<? super Future<T>> callback, Future<T> future) {
            super(null);
            this.callback = callback;
            this.future = future;
        }

        @Override
        void run() {
            callback.accept(future);
        }

        @Override
        String describeCallback() {
            return "done callback " + callback + " of " + future;
        }
    }

    /** Two or more callback entries; a class of its own so that it can never be mistaken for a callback. */
    private static final class CallbackList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        CallbackList() {
            super(4);
        }
    }
}
