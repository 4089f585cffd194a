package org.asyncio4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A scope that owns the tasks created in it and joins them when it ends: asyncio's {@code TaskGroup}
 * (Python 3.11+), structured concurrency.
 *
 * <p>Not thread-safe; use only from its event loop's thread, in the task that entered it (its <em>parent
 * task</em>) and in its children.
 *
 * <h2>Use</h2>
 * The functional form runs a body inside the group and joins the children at the end. It needs no
 * {@code try}, so it works in every {@code @Async} body:
 * <pre>{@code
 * @Async
 * static List<String> both() {
 *     return await(TaskGroup.run(tg -> BothAsync.body(tg)));
 * }
 *
 * @Async
 * static List<String> body(TaskGroup tg) {
 *     Task<String> a = tg.createTask(FetchAsync.fetch("a"));
 *     Task<String> b = tg.createTask(FetchAsync.fetch("b"));
 *     await(sleep(0.1));
 *     return List.of("started");        // the group then waits for a and b
 * }
 * }</pre>
 * The object form is the same protocol spelled out: {@link #enter()}, the body, then
 * {@code await(tg.exit(bodyError))} ({@link #join()} is {@code exit(null)}):
 * <pre>{@code
 * TaskGroup tg = new TaskGroup().enter();
 * tg.createTask(FetchAsync.fetch("a"));
 * tg.createTask(FetchAsync.fetch("b"));
 * await(tg.join());
 * }</pre>
 * Without {@code try}, a body failure between {@code enter()} and {@code join()} skips the join and leaves the
 * children running. In an {@code @Async} body, {@code async with TaskGroup() as tg:} is a try-with-resources
 * statement (a group is an {@link AsyncCloseable}); {@code enter()} returns the group, so the resource is entered
 * when the block starts, as {@code __aenter__} is:
 * <pre>{@code
 * try (TaskGroup tg = new TaskGroup().enter()) {
 *     tg.createTask(FetchAsync.fetch("a"));
 *     tg.createTask(FetchAsync.fetch("b"));
 * }                                    // awaits tg.closeAsync(): exit(null), or exit(failure) on an exception
 * }</pre>
 * The processor awaits {@link #closeAsync()} ({@code exit(null)}) when the block ends normally or by a jump and
 * {@link #closeAsync(Throwable)} ({@code exit(failure)}) when it ends by an exception, whose outcome replaces the
 * failure ({@link TaskGroupError}, or the cancellation that propagates): the sequence the functional form runs.
 *
 * <h2>Semantics (asyncio 3.12/3.13)</h2>
 * <ul>
 *   <li>At the end of the scope the group waits for all children, including those created while it waits.</li>
 *   <li>The first child failure (a cancelled child is not a failure) cancels every other child and the body:
 *       the group cancels its parent task, so the body sees a {@link CancelledError} at its current
 *       {@code await}. When all children have finished, the group throws one {@link TaskGroupError} holding
 *       every failure (children's in the order they happened, then the body's own failure, if any). A single
 *       failure is wrapped too. A {@link VirtualMachineError} (asyncio: {@code KeyboardInterrupt},
 *       {@code SystemExit}) is rethrown as it is instead.</li>
 *   <li>A body failure cancels the children too and is thrown inside the {@link TaskGroupError}.</li>
 *   <li>Cancellation counts: the group calls {@link Task#uncancel()} on the parent as many times as it cancelled
 *       it (once at most), so after the group has handled its own cancellation {@link Task#cancelling()} is back
 *       to its earlier value. If the parent is also being cancelled from outside, the count stays above zero and
 *       the {@link CancelledError} propagates (unless children failed: then the {@link TaskGroupError} wins,
 *       and the parent is cancelled again so the outside cancellation reaches its next {@code await}).</li>
 *   <li>{@link #createTask} throws {@link IllegalStateException} before {@link #enter()} ("has not been
 *       entered"), once the group is shutting down after a failure or cancellation ("is shutting down"), and
 *       after it finished ("is finished").</li>
 * </ul>
 *
 * <h2>States</h2>
 * <pre>
 *   NEW ──enter()──▶ ENTERED ──await exit(e)──▶ EXITING (waits for children) ──all done──▶ FINISHED
 *                       │                            │
 *                       └──────── a child failed, the body failed, or the parent was cancelled:
 *                                 aborting = true (siblings cancelled, createTask refused)
 * </pre>
 */
public final class TaskGroup implements AsyncCloseable {
    private enum State { NEW, ENTERED, EXITING, FINISHED }

    private State state = State.NEW;
    private EventLoop loop;
    private Task<?> parent;
    /** Children that are not done yet. */
    private final LinkedHashSet<Task<?>> tasks = new LinkedHashSet<>();
    /** Failures of children (and, at the end, of the body), in the order they happened. */
    private final List<Throwable> errors = new ArrayList<>();
    /** The first {@link VirtualMachineError} among the failures: rethrown as it is. */
    private Throwable baseError;
    /** Set once children are being cancelled; from then on {@link #createTask} is refused. */
    private boolean aborting;
    /** Whether the group cancelled its parent task (and so must {@link Task#uncancel()} it once). */
    private boolean parentCancelRequested;
    /** While the exit waits: completed when the last child is done. {@code null} otherwise. */
    private Future<Void> onCompleted;
    /** Each child's done callback; a class of its own so that the task tree can find a child's group. */
    private final ChildDone onTaskDone = new ChildDone();

    /** Creates a group; {@link #enter()} it in the task that will run the body. */
    public TaskGroup() {}

    /**
     * Returns a coroutine that runs {@code body} inside a new group and then joins the group: the functional form
     * of {@code async with TaskGroup() as tg: return await body(tg)}. The group is created and entered when the
     * coroutine starts, in the task that awaits it.
     *
     * <p>The result is the body's; the failure is what leaves the group (see the class Javadoc).
     *
     * @param <T> the result type
     * @param body makes the coroutine to run inside the scope
     * @return a coroutine of the body's result
     */
    public static <T> Coroutine<T> run(Function<? super TaskGroup, ? extends Coroutine<T>> body) {
        return new ScopedCoroutine<TaskGroup, T>(task -> {
            TaskGroup tg = new TaskGroup();
            tg.enterIn(task);
            return tg;
        }, body, TaskGroup::exit, "TaskGroup.run");
    }

    /**
     * Enters the group in the current task, which becomes its parent task: the one the group cancels when a child
     * fails, and the one that must await {@link #exit(Throwable)}. Synchronous: asyncio's {@code __aenter__} never
     * suspends either.
     *
     * @return this group
     * @throws IllegalStateException if the group was already entered, or no task is running
     */
    public TaskGroup enter() {
        Task<?> task = Asyncio.currentTask();
        if (task == null) {
            throw new IllegalStateException("TaskGroup cannot determine the parent task: no task is running");
        }
        enterIn(task);
        return this;
    }

    private void enterIn(Task<?> task) {
        if (state != State.NEW) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
        }
        state = State.ENTERED;
        parent = task;
        loop = task.loop;
    }

    /**
     * As {@link #createTask(Coroutine, String) createTask(coro, null)}.
     *
     * @param <T> the result type
     * @param coro the coroutine (not yet awaited or scheduled)
     * @return the new task
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * Schedules {@code coro} as a child task of this group; it starts in a later pass of the loop.
     *
     * @param name the task's name, or {@code null} for the default
     * @param <T> the result type
     * @param coro the coroutine (not yet awaited or scheduled)
     * @throws IllegalStateException if the group has not been entered, is shutting down, or is finished; or
     *     {@code coro} was already awaited or scheduled
     * @return the new task
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        Objects.requireNonNull(coro, "coro");
        if (state == State.NEW) {
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (state == State.FINISHED || state == State.EXITING && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name);
        tasks.add(task);
        task.addDoneCallback(onTaskDone);
        return task;
    }

    /**
     * Same as {@link #exit(Throwable) exit(null)}: the end of a body that did not fail.
     *
     * @return a coroutine that waits for the group's tasks
     */
    public Coroutine<Void> join() {
        return exit(null);
    }

    /**
     * Returns the coroutine that ends the scope (asyncio's {@code __aexit__}); it must be awaited by the parent
     * task, once. It cancels the children if {@code bodyError} is not {@code null}, waits for all children, and
     * then throws what leaves the scope: a {@link TaskGroupError} if children or the body failed, a
     * {@link VirtualMachineError} as it is, a {@link CancelledError} if the parent is being cancelled from
     * outside (or {@code bodyError} is one that the group did not cause); otherwise it returns normally.
     *
     * <p>If the parent is cancelled while the exit waits, the children are cancelled and the exit keeps waiting
     * for them before it propagates the cancellation.
     *
     * @param bodyError the body's failure, or {@code null} if it completed normally
     * @return a coroutine that waits for the group's tasks and leaves the scope
     */
    public Coroutine<Void> exit(Throwable bodyError) {
        return new Exit(bodyError);
    }

    /**
     * {@link #exit(Throwable) exit(null)}: awaited at the normal end of a try-with-resources block over the group.
     *
     * @return a coroutine that waits for the group's tasks and leaves the scope
     */
    @Override
    public Coroutine<Void> closeAsync() {
        return exit(null);
    }

    /**
     * {@link #exit(Throwable) exit(failure)}: awaited when a try-with-resources block over the group ends by
     * {@code failure}; what it throws ({@link TaskGroupError}, a cancellation) propagates instead.
     *
     * @param failure what ended the block
     * @return a coroutine that waits for the group's tasks and leaves the scope
     */
    @Override
    public Coroutine<Void> closeAsync(Throwable failure) {
        return exit(failure);
    }

    // ---- internals ----

    /** Cancels the children that are not done; from now on {@link #createTask} is refused. */
    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            t.cancel();      // never runs anything inline, so iterating the live set is safe
        }
    }

    /** A child's done callback: {@link #onTaskDone}; {@link #group()} is its group (for {@link TaskTree}). */
    final class ChildDone implements Consumer<Future<?>> {
        @Override
        public void accept(Future<?> task) {
            onTaskDone(task);
        }

        TaskGroup group() {
            return TaskGroup.this;
        }
    }

    /** Whether {@code frame} is a group's exit (for {@link TaskTree}). */
    static boolean isExit(Coroutine<?> frame) {
        return frame instanceof Exit;
    }

    /** The task the group was entered in, or {@code null} (for {@link TaskTree}). */
    Task<?> parentTask() {
        return parent;
    }

    private void onTaskDone(Future<?> task) {
        tasks.remove(task);
        if (onCompleted != null && tasks.isEmpty() && !onCompleted.done()) {
            onCompleted.setResultInternal(null);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable exc = task.exception;
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (exc instanceof VirtualMachineError && baseError == null) {
            baseError = exc;
        }
        if (parent.done()) {
            // The parent ended without exiting the group (object form without try): report, do not lose it.
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("message", "Task " + task + " has errored out but its parent task " + parent
                    + " is already completed");
            context.put("exception", exc);
            context.put("task", task);
            loop.callExceptionHandler(context);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Cancel the siblings, and the parent so that its body stops at its current await; the exit undoes
            // this cancellation (uncancel) so that it does not look like one from outside.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TaskGroup[").append(state.name().toLowerCase(Locale.ROOT));
        if (!tasks.isEmpty()) {
            sb.append(" tasks=").append(tasks.size());
        }
        if (!errors.isEmpty()) {
            sb.append(" errors=").append(errors.size());
        }
        if (aborting) {
            sb.append(" aborting");
        }
        return sb.append(']').toString();
    }

    /**
     * The exit coroutine (asyncio's {@code TaskGroup._aexit}).
     * <pre>
     *   NEW ──resume──▶ (children left?) waiting on onCompleted ──woken──▶ (children left?) … ──▶ done
     * </pre>
     * It waits in a loop because the wait can be interrupted by cancellations of the parent (from outside, or
     * the group's own after a child failure) before all children are done.
     */
    private final class Exit extends Coroutine<Void> {
        private final Throwable bodyError;
        private boolean started;
        /** A CancelledError to rethrow at the end, unless the group's own cancellation explains it. */
        private Throwable propagateCancellation;

        Exit(Throwable bodyError) {
            this.bodyError = bodyError;
        }

        @Override
        protected Object resume(Object value, Throwable error) throws Throwable {
            if (!started) {
                started = true;
                begin();
            } else {
                onCompleted = null;
            }
            if (error != null) {
                interrupted(error);
            }
            if (!tasks.isEmpty()) {
                onCompleted = loop.createFuture();
                suspendOnFuture(onCompleted);   // pending, so this always suspends
                return SUSPENDED;
            }
            return end();
        }

        private void begin() {
            if (state != State.ENTERED) {
                throw new IllegalStateException(state == State.NEW
                        ? "TaskGroup " + TaskGroup.this + " has not been entered"
                        : "TaskGroup " + TaskGroup.this + " is already exiting or finished");
            }
            if (requireTask() != parent) {
                throw new IllegalStateException("TaskGroup " + TaskGroup.this + " must be exited by its parent task "
                        + parent + ", not " + task);
            }
            state = State.EXITING;
            if (bodyError instanceof VirtualMachineError && baseError == null) {
                baseError = bodyError;
            }
            if (bodyError instanceof CancelledError) {
                propagateCancellation = bodyError;
            }
            if (bodyError != null && !aborting) {
                // The parent is being cancelled from outside, or the body failed: cancel the children.
                abort();
            }
        }

        /** The wait for the children was interrupted: the parent task was cancelled. */
        private void interrupted(Throwable error) throws Throwable {
            if (!(error instanceof CancelledError)) {
                throw error;     // impossible: onCompleted only ever gets a result or a cancellation
            }
            if (!aborting) {
                // The parent is cancelled from outside while the body is done and children still run.
                propagateCancellation = error;
                abort();
            }
        }

        private Object end() throws Throwable {
            state = State.FINISHED;
            if (parentCancelRequested) {
                // We must undo our own cancellation whatever we throw. (asyncio does this after the base-error
                // check below, which leaves the count raised when a base error escapes.)
                parentCancelRequested = false;
                if (parent.uncancel() == 0) {
                    propagateCancellation = null;     // the cancellation was only ours
                }
            }
            if (baseError != null) {
                throw baseError;
            }
            if (propagateCancellation != null && errors.isEmpty()) {
                throw propagateCancellation;
            }
            if (bodyError != null && !(bodyError instanceof CancelledError)) {
                errors.add(bodyError);
            }
            if (!errors.isEmpty()) {
                if (parent.cancelling() > 0) {
                    // Cancelled from outside too: the group error wins, but the cancellation must not be lost;
                    // cancelling again (count unchanged) throws it at the parent's next await.
                    parent.uncancel();
                    parent.cancel();
                }
                throw new TaskGroupError("unhandled errors in a TaskGroup", errors);
            }
            return null;
        }

        @Override
        public String toString() {
            return "TaskGroup.exit(" + TaskGroup.this + ")";
        }
    }
}
