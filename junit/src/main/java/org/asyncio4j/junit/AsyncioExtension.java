package org.asyncio4j.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.asyncio4j.Asyncio;
import org.asyncio4j.CancelledError;
import org.asyncio4j.EventLoop;
import org.asyncio4j.Task;
import org.asyncio4j.TimerHandle;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit Jupiter extension behind {@link AsyncioTest @AsyncioTest}: one fresh
 * {@linkplain EventLoop#virtualTime() virtual-time} event loop per test, checked and closed after it (the part of
 * CPython's {@code IsolatedAsyncioTestCase} and pytest-asyncio that makes and closes a loop per test).
 *
 * <h2>Lifecycle of one test</h2>
 * <ol>
 *   <li>Before the {@code @BeforeEach} methods: creates the loop, installs an exception handler that records what
 *       reaches it, and, with {@link AsyncioTest#timeout()}, arms the virtual time limit.</li>
 *   <li>{@code @BeforeEach} methods, the test method and {@code @AfterEach} methods get that loop as an
 *       {@link EventLoop} parameter; {@link AsyncioTesting} reaches it from the test's thread. The test runs the
 *       loop itself ({@code loop.runUntilComplete(...)}, {@link AsyncioTesting#run}); the extension never runs
 *       test code.</li>
 *   <li>After the {@code @AfterEach} methods, unless the test closed the loop: runs one more pass of the loop
 *       to list the tasks that are still pending ({@link Asyncio#allTasks()} needs a running loop), cancels them,
 *       runs the loop until they have finished (at most 60 s of virtual time), and closes the loop.</li>
 *   <li>Fails the test, with one {@link AssertionFailedError} that lists every problem, if:
 *     <ul>
 *       <li>tasks were still pending when the test ended ("leaked"; named in the message). Not reported when
 *           the test failed anyway: a failed test naturally leaves tasks behind;</li>
 *       <li>an exception reached the loop's exception handler at any time up to and including the loop's
 *           {@code close()}: a task that failed while nobody awaited it ("Task exception was never retrieved"), a
 *           callback that threw, a task of a {@code TaskGroup} that failed after its parent was done, or anything
 *           else the runtime reports there. Each exception is attached as suppressed;</li>
 *       <li>a leaked task failed instead of being cancelled (its exception attached as suppressed), or did not
 *           finish within 60 s of virtual time after being cancelled;</li>
 *       <li>the virtual time limit was passed (then the test fails with that message and the original failure,
 *           usually "Event loop stopped before Future completed.", as its cause).</li>
 *     </ul>
 *   </li>
 * </ol>
 *
 * <p>Thread-safety: JUnit calls an extension from the thread that runs the test; the loop and the state kept
 * for it belong to that thread. Parallel test execution is fine (each test has its own loop); a test method
 * moved to another thread by {@code @Timeout(threadMode = SEPARATE_THREAD)} cannot use {@link AsyncioTesting}.
 */
public final class AsyncioExtension
        implements BeforeEachCallback, AfterEachCallback, ParameterResolver, TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AsyncioExtension.class);
    private static final String KEY = "loop";
    /** How much virtual time the leaked tasks get to finish after they were cancelled. */
    static final double CLEANUP_LIMIT = 60.0;
    /** The time limit fires once the clock is past it, not at it: a test that ends exactly at the limit passes. */
    private static final double LIMIT_MARGIN = 1e-6;

    /** Created by JUnit (through {@code @ExtendWith} on {@link AsyncioTest}). */
    public AsyncioExtension() {}

    @Override
    public void beforeEach(ExtensionContext context) {
        TestLoop state = new TestLoop(timeoutFor(context));
        context.getStore(NAMESPACE).put(KEY, state);
        AsyncioTesting.enter(state.loop);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestLoop state = context.getStore(NAMESPACE).remove(KEY, TestLoop.class);
        if (state == null) {
            return;
        }
        AsyncioTesting.leave(state.loop);
        AssertionFailedError failure = state.finish(context.getExecutionException().isPresent());
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == EventLoop.class
                && parameterContext.getDeclaringExecutable() instanceof Method;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestLoop state = extensionContext.getStore(NAMESPACE).get(KEY, TestLoop.class);
        if (state == null) {
            throw new ParameterResolutionException("@AsyncioTest provides an EventLoop to test methods and to their "
                    + "@BeforeEach/@AfterEach methods only, not to " + parameterContext.getDeclaringExecutable());
        }
        return state.loop;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        TestLoop state = context.getStore(NAMESPACE).get(KEY, TestLoop.class);
        if (state != null && state.limitPassed) {
            state.limitReported = true;
            throw new AssertionFailedError(state.limitMessage(), throwable);
        }
        throw throwable;
    }

    /** The {@link AsyncioTest#timeout()} of the nearest {@code @AsyncioTest}: method, class, enclosing classes. */
    private static double timeoutFor(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<AnnotatedElement> element = c.get().getElement();
            if (element.isPresent()) {
                Optional<AsyncioTest> found = AnnotationSupport.findAnnotation(element.get(), AsyncioTest.class);
                if (found.isPresent()) {
                    return checkedTimeout(found.get().timeout());
                }
            }
        }
        return 0;
    }

    private static double checkedTimeout(double timeout) {
        if (!(timeout >= 0) || Double.isInfinite(timeout)) {
            throw new IllegalArgumentException("@AsyncioTest(timeout = " + timeout + "): expected a finite number of "
                    + "seconds of virtual time, or 0 for no limit");
        }
        return timeout;
    }

    /** One test's loop and what was seen on it. Used only from the test's thread. */
    private static final class TestLoop {
        final EventLoop loop = EventLoop.virtualTime();
        final double timeout;
        /** What reached the exception handler; synchronized, since a runtime may report from another thread. */
        final List<Map<String, Object>> handled = Collections.synchronizedList(new ArrayList<>());
        TimerHandle limit;
        boolean limitPassed;
        boolean limitReported;

        TestLoop(double timeout) {
            this.timeout = timeout;
            loop.setExceptionHandler((l, context) -> handled.add(new LinkedHashMap<>(context)));
            if (timeout > 0) {
                limit = loop.callAt(timeout + LIMIT_MARGIN, this::limitPassed);
            }
        }

        /** Stops the loop; stays armed (due at once), so every later run of the loop stops as well. */
        private void limitPassed() {
            limitPassed = true;
            loop.stop();
            limit = loop.callAt(timeout + LIMIT_MARGIN, this::limitPassed);
        }

        String limitMessage() {
            return "virtual time limit of " + timeout + " s exceeded (@AsyncioTest(timeout = " + timeout
                    + ")): the loop's clock passed it";
        }

        /** Cleans up and closes the loop; returns the failure to report, or {@code null}. */
        AssertionFailedError finish(boolean testFailed) {
            List<String> problems = new ArrayList<>();
            List<Throwable> causes = new ArrayList<>();
            if (limit != null) {
                limit.cancel();
            }
            if (limitPassed && !limitReported) {
                problems.add(limitMessage());
            }
            if (loop.isRunning()) {
                problems.add("the event loop was still running when the test ended; it was not closed");
            } else if (!loop.isClosed()) {
                try {
                    List<Task<?>> leaked = pendingTasks();
                    List<String> descriptions = new ArrayList<>();
                    for (Task<?> t : leaked) {
                        descriptions.add(t.toString());
                    }
                    cancelAndDrain(leaked, problems, causes);
                    if (!leaked.isEmpty() && !testFailed) {
                        problems.add(0, leakMessage(leaked, descriptions));
                    }
                } finally {
                    loop.close();
                }
            }
            for (Map<String, Object> context : List.copyOf(handled)) {
                String message = describe(context);
                Object exception = context.get("exception");
                if (exception instanceof Throwable) {
                    problems.add("an exception reached the event loop's exception handler: " + message
                            + "\n      " + exception);
                    causes.add((Throwable) exception);
                } else {
                    problems.add("the event loop's exception handler was called: " + message);
                }
            }
            if (problems.isEmpty()) {
                return null;
            }
            StringBuilder sb = new StringBuilder("asyncio4j: ");
            if (problems.size() == 1) {
                sb.append(problems.get(0));
            } else {
                sb.append(problems.size()).append(" problems with the test's event loop:");
                for (int i = 0; i < problems.size(); i++) {
                    sb.append("\n  ").append(i + 1).append(". ").append(problems.get(i));
                }
            }
            AssertionFailedError failure = new AssertionFailedError(sb.toString());
            for (Throwable t : causes) {
                if (t != failure) {
                    failure.addSuppressed(t);
                }
            }
            return failure;
        }

        /**
         * Runs exactly one pass of the loop (a stopped loop's next run does one pass, and does not move the
         * clock) with a callback at its end that lists the pending tasks.
         */
        private List<Task<?>> pendingTasks() {
            List<Task<?>> tasks = new ArrayList<>();
            loop.callSoon(() -> tasks.addAll(Asyncio.allTasks()));
            loop.stop();
            loop.runForever();
            return tasks;
        }

        /** Cancels {@code tasks} and runs the loop until they are done or {@link #CLEANUP_LIMIT} has passed. */
        private void cancelAndDrain(List<Task<?>> tasks, List<String> problems, List<Throwable> causes) {
            if (tasks.isEmpty()) {
                return;
            }
            for (Task<?> t : tasks) {
                t.cancel("still pending when the test ended: cancelled by AsyncioExtension");
            }
            TimerHandle cleanupLimit = loop.callLater(CLEANUP_LIMIT, loop::stop);
            try {
                loop.runUntilComplete(Asyncio.gatherReturnExceptions(tasks));
            } catch (RuntimeException e) {
                List<String> names = new ArrayList<>();
                for (Task<?> t : tasks) {
                    if (!t.done()) {
                        names.add(t.getName());
                    }
                }
                problems.add("leaked tasks did not finish within " + CLEANUP_LIMIT + " s of virtual time after "
                        + "being cancelled: " + String.join(", ", names));
            } finally {
                cleanupLimit.cancel();
            }
            for (Task<?> t : tasks) {
                if (t.done() && !t.cancelled() && t.exception() != null) {
                    Throwable e = t.exception();
                    if (!(e instanceof CancelledError)) {
                        problems.add("leaked task " + t.getName() + " failed when it was cancelled:\n      " + e);
                        causes.add(e);
                    }
                }
            }
        }

        /** The context's message, and the name of the task it is about, if any. */
        private static String describe(Map<String, Object> context) {
            String message = String.valueOf(context.getOrDefault("message", "Unhandled error in event loop"));
            Object task = context.get("task");
            Object name = task instanceof Task ? ((Task<?>) task).getName() : context.get("taskName");
            return name == null ? message : message + " (task " + name + ")";
        }

        private static String leakMessage(List<Task<?>> leaked, List<String> descriptions) {
            List<String> names = new ArrayList<>();
            for (Task<?> t : leaked) {
                names.add(t.getName());
            }
            StringBuilder sb = new StringBuilder()
                    .append(leaked.size() == 1 ? "1 task was" : leaked.size() + " tasks were")
                    .append(" still pending when the test ended (leaked; the extension cancelled ")
                    .append(leaked.size() == 1 ? "it" : "them").append("): ").append(String.join(", ", names));
            for (String d : descriptions) {
                sb.append("\n      ").append(d);
            }
            return sb.toString();
        }
    }
}
