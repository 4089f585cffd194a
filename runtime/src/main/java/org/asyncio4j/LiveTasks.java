package org.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One loop's pending tasks, as a doubly linked list threaded through the tasks themselves ({@code Task.prevLive} and
 * {@code nextLive}), so adding and removing allocate nothing.
 *
 * <p>The list is also what keeps a task strongly reachable while it runs: a task whose {@code Task} object the
 * program dropped still completes (asyncio only keeps weak references, so its fire-and-forget tasks can be
 * garbage-collected mid-run).
 *
 * <p>Not thread-safe; used by its loop's thread only.
 */
final class LiveTasks {
    /** The newest pending task, or {@code null}. */
    private Task<?> head;

    void add(Task<?> task) {
        task.nextLive = head;
        if (head != null) {
            head.prevLive = task;
        }
        head = task;
    }

    void remove(Task<?> task) {
        if (task.prevLive != null) {
            task.prevLive.nextLive = task.nextLive;
        } else if (head == task) {
            head = task.nextLive;
        }
        if (task.nextLive != null) {
            task.nextLive.prevLive = task.prevLive;
        }
        task.prevLive = null;
        task.nextLive = null;
    }

    /** Returns the tasks that are not done, oldest first. */
    List<Task<?>> oldestFirst() {
        ArrayList<Task<?>> list = new ArrayList<>();
        for (Task<?> t = head; t != null; t = t.nextLive) {
            list.add(t);
        }
        Collections.reverse(list);
        return list;
    }
}
