package org.asyncio4j.group;

import java.util.List;

/**
 * What {@link LoopGroup#shutdown()} found left over: per loop, the tasks that were still pending when the loop was
 * told to stop (they were then cancelled, by {@link org.asyncio4j.Asyncio#run}'s rules), the sockets of group
 * servers that were still open after that (closed by the group), and the failure that ended the loop's thread, if
 * any.
 *
 * <p>Immutable, hence thread-safe. No asyncio counterpart ({@code asyncio.run} cancels leftovers silently); Netty's
 * {@code shutdownGracefully} reports nothing either.
 *
 * @param leftoverTasks per loop (by index), the descriptions of the tasks cancelled at shutdown
 * @param socketsClosed per loop, how many connection sockets the group closed after the loop stopped
 * @param failures per loop, the failure that ended its thread, or {@code null}
 */
public record ShutdownReport(List<List<String>> leftoverTasks, List<Integer> socketsClosed,
        List<Throwable> failures) {
    /**
     * Copies the lists (a {@code null} failure is allowed, so {@code failures} is copied without
     * {@code List.copyOf}).
     *
     * @param leftoverTasks per loop (by index), the descriptions of the tasks cancelled at shutdown
     * @param socketsClosed per loop, how many connection sockets the group closed after the loop stopped
     * @param failures per loop, the failure that ended its thread, or {@code null}
     */
    public ShutdownReport {
        leftoverTasks = leftoverTasks.stream().map(List::copyOf).toList();
        socketsClosed = List.copyOf(socketsClosed);
        failures = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(failures));
    }

    /** {@return how many tasks were cancelled at shutdown, over all loops} */
    public int leftoverTaskCount() {
        return leftoverTasks.stream().mapToInt(List::size).sum();
    }

    /** {@return whether nothing was left: no pending task, no open socket, no failure} */
    public boolean isClean() {
        return leftoverTaskCount() == 0 && socketsClosed.stream().allMatch(n -> n == 0)
                && failures.stream().allMatch(f -> f == null);
    }
}
