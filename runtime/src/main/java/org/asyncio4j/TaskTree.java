package org.asyncio4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of a loop's tasks as a tree: asyncio 3.14's call graph ({@code asyncio.capture_call_graph()}) and
 * {@code python -m asyncio pstree PID}. Each task shows its name and state, its await chain from its root coroutine
 * down to where it is suspended (the user's {@code File.java:line}), and what that innermost frame awaits: a sleep,
 * a future, or the tasks it awaits, nested under it ({@code gather} and {@link TaskGroup} children included; a
 * group's children hang under its parent task).
 *
 * <p>Immutable, hence thread-safe, once taken. Take it with {@link EventLoop#taskTree()} on the loop's thread; the
 * watchdog and the JMX operation take it from another thread while the loop is blocked or busy, which is a
 * best-effort read (a task may change while it is read).
 *
 * <pre>
 * └── (T) Task-1 [waiting]
 *     └── org.asyncio4j.samples.Shop.shop (Shop.java:76)
 *         └── (T) checkout [sleeping]
 *             └── org.asyncio4j.samples.Shop.checkout (Shop.java:70)
 *                 └── org.asyncio4j.samples.Shop.total (Shop.java:63)
 *                     └── org.asyncio4j.samples.Shop.price (Shop.java:46)
 *                         └── awaits sleep
 * </pre>
 */
public final class TaskTree {
    /** One line of the tree: a task, one frame of its await chain, a group, or what a frame awaits. */
    public static final class Node {
        /** What a node stands for. */
        public enum Kind {
            /** A task: {@code (T) name [state]}. */
            TASK,
            /** A coroutine of a task's await chain: the user's method at its line. */
            FRAME,
            /** A {@code gather} or a {@link TaskGroup} whose tasks the frame above awaits. */
            GROUP,
            /** What the innermost frame waits on when that is not a task: a sleep, a future. */
            AWAITS
        }

        private final Kind kind;
        private final String label;
        private final List<Node> children = new ArrayList<>();

        Node(Kind kind, String label) {
            this.kind = kind;
            this.label = label;
        }

        /** {@return what this node stands for} */
        public Kind kind() {
            return kind;
        }

        /** {@return the node's text, as {@link #format()} prints it} */
        public String label() {
            return label;
        }

        /** {@return the nodes under this one} */
        public List<Node> children() {
            return Collections.unmodifiableList(children);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final String loopName;
    private final List<Node> roots;
    private final List<String[]> rows;

    private TaskTree(String loopName, List<Node> roots, List<String[]> rows) {
        this.loopName = loopName;
        this.roots = roots;
        this.rows = rows;
    }

    /** {@return the tasks that no other task awaits, each with what it awaits nested under it} */
    public List<Node> roots() {
        return Collections.unmodifiableList(roots);
    }

    /** {@return the tree as {@code python -m asyncio pstree} prints it; see the class Javadoc} */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Node root : roots) {
            print(sb, root, "", true);
        }
        return sb.toString();
    }

    /**
     * {@return one line per task, as {@code python -m asyncio ps}: name, state, where it is suspended, what it
     * awaits, and the task awaiting it}
     */
    public String formatTable() {
        List<String[]> all = new ArrayList<>();
        all.add(new String[] {"task name", "state", "suspended at", "awaits", "awaited by"});
        all.addAll(rows);
        int[] width = new int[5];
        for (String[] r : all) {
            for (int i = 0; i < 5; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                line.append(r[i]).append(" ".repeat(i == 4 ? 0 : width[i] - r[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** {@return the loop's thread name when the snapshot was taken, or {@code "not running"}} */
    public String loopName() {
        return loopName;
    }

    @Override
    public String toString() {
        return format();
    }

    private static void print(StringBuilder sb, Node node, String indent, boolean last) {
        sb.append(indent).append(last ? "└── " : "├── ").append(node.label).append('\n');
        String next = indent + (last ? "    " : "│   ");
        for (int i = 0; i < node.children.size(); i++) {
            print(sb, node.children.get(i), next, i == node.children.size() - 1);
        }
    }

    // ---- capture ----

    /** Takes the snapshot of {@code loop}'s pending tasks. */
    static TaskTree capture(EventLoop loop) {
        List<Task<?>> tasks = loop.pendingTasks();
        // who awaits whom: child task -> the task awaiting it, and the group (gather/TaskGroup) it is awaited through
        Map<Task<?>, Task<?>> awaiter = new IdentityHashMap<>();
        Map<Task<?>, String> via = new IdentityHashMap<>();
        for (Task<?> t : tasks) {
            for (Object entry : t.waiterEntries()) {
                if (entry instanceof Task) {
                    awaiter.putIfAbsent(t, (Task<?>) entry);
                } else if (entry instanceof GatheringFuture) {
                    Task<?> a = ((GatheringFuture<?>) entry).firstAwaitingTask();
                    if (a != null && !awaiter.containsKey(t)) {
                        awaiter.put(t, a);
                        via.put(t, "gather");
                    }
                } else if (entry instanceof TaskGroup.ChildDone) {
                    Task<?> parent = ((TaskGroup.ChildDone) entry).group().parentTask();
                    if (parent != null && !awaiter.containsKey(t)) {
                        awaiter.put(t, parent);
                        via.put(t, "TaskGroup@" + Integer.toHexString(System.identityHashCode(((TaskGroup.ChildDone) entry).group())));
                    }
                }
            }
        }
        Map<Task<?>, List<Task<?>>> awaited = new IdentityHashMap<>();
        for (Task<?> t : tasks) {
            Task<?> a = awaiter.get(t);
            if (a != null && a != t) {
                awaited.computeIfAbsent(a, k -> new ArrayList<>()).add(t);
            }
        }
        Map<Task<?>, Boolean> pending = new IdentityHashMap<>();
        for (Task<?> t : tasks) {
            pending.put(t, Boolean.TRUE);
        }
        List<Node> roots = new ArrayList<>();
        Map<Task<?>, Boolean> shown = new IdentityHashMap<>();
        for (Task<?> t : tasks) {
            Task<?> a = awaiter.get(t);
            if (a == null || a == t || !pending.containsKey(a)) {
                roots.add(taskNode(t, awaited, via, shown));
            }
        }
        for (Task<?> t : tasks) {
            if (!shown.containsKey(t)) {
                roots.add(taskNode(t, awaited, via, shown));    // a cycle of awaits: shown once, at the top
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (Task<?> t : tasks) {
            List<StackTraceElement> stack = t.getStack();
            String awaits = awaits(t);
            Task<?> a = awaiter.get(t);
            rows.add(new String[] {t.getName(), state(t), stack.isEmpty() ? "" : where(stack.get(0)),
                    awaits == null ? "" : awaits, a == null ? "" : a.getName()});
        }
        Thread thread = loop.loopThread();
        return new TaskTree(thread == null ? "not running" : thread.getName(), roots, rows);
    }

    private static Node taskNode(Task<?> t, Map<Task<?>, List<Task<?>>> awaited, Map<Task<?>, String> via,
            Map<Task<?>, Boolean> shown) {
        shown.put(t, Boolean.TRUE);
        Node node = new Node(Node.Kind.TASK, "(T) " + t.getName() + " [" + state(t) + "]");
        List<StackTraceElement> stack = t.getStack();     // innermost first
        Node innermost = node;
        for (int i = stack.size() - 1; i >= 0; i--) {
            Node frame = new Node(Node.Kind.FRAME, where(stack.get(i)));
            innermost.children.add(frame);
            innermost = frame;
        }
        List<Task<?>> children = awaited.getOrDefault(t, List.of());
        Map<String, Node> groups = new LinkedHashMap<>();
        boolean awaitsChild = false;
        for (Task<?> c : children) {
            if (shown.containsKey(c)) {
                continue;
            }
            String group = via.get(c);
            Node parent = innermost;
            if (group != null) {
                parent = groups.computeIfAbsent(group, g -> new Node(Node.Kind.GROUP, g.replaceAll("@.*", "")));
            } else {
                awaitsChild = true;
            }
            parent.children.add(taskNode(c, awaited, via, shown));
        }
        innermost.children.addAll(groups.values());
        String awaits = awaits(t);
        if (awaits != null && !awaitsChild && groups.isEmpty()) {
            innermost.children.add(0, new Node(Node.Kind.AWAITS, "awaits " + awaits));
        }
        return node;
    }

    /** The task's state: running, scheduled, sleeping, waiting (on a future), or done. */
    private static String state(Task<?> t) {
        if (t.done()) {
            return t.cancelled() ? "cancelled" : "finished";
        }
        if (t.loop.currentTask() == t) {
            return "running";
        }
        if (t.stepScheduled) {
            return "scheduled";
        }
        return t.sleeping() ? "sleeping" : t.waitingOn() != null ? "waiting" : "pending";
    }

    /** What the suspended task waits on: a sleep, a task, a gather, a TaskGroup's exit, a future; or null. */
    private static String awaits(Task<?> t) {
        Object w = t.waitingOn();
        if (t.sleeping()) {
            return "sleep";
        }
        if (w instanceof Task) {
            return "task " + ((Task<?>) w).getName();
        }
        if (w instanceof GatheringFuture) {
            return "gather";
        }
        if (w != null && TaskGroup.isExit(t.currentFrame())) {
            return "TaskGroup";     // the exit waits for the group's last child
        }
        return w == null ? null : String.valueOf(w);
    }

    /** {@code demo.Shop.price (Shop.java:46)}. */
    private static String where(StackTraceElement e) {
        String file = e.getFileName() == null ? "" : " (" + e.getFileName()
                + (e.getLineNumber() > 0 ? ":" + e.getLineNumber() : "") + ")";
        return e.getClassName() + "." + e.getMethodName() + file;
    }
}
