package org.asyncio4j.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.asyncio4j.EventLoop;
import org.asyncio4j.junit.fixtures.ExtensionFixtures;
import org.asyncio4j.junit.fixtures.Gate;
import org.asyncio4j.junit.fixtures.LifecycleFixtures;
import org.asyncio4j.junit.fixtures.TimeLimitFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the fixture test classes (org.asyncio4j.junit.fixtures) through JUnit's EngineTestKit and checks which
 * of their tests pass, and how the others fail.
 */
class AsyncioExtensionTest {

    @BeforeEach
    void reset() {
        ExtensionFixtures.lastLoop = null;
        ExtensionFixtures.lastTime = Double.NaN;
        LifecycleFixtures.LOOPS.clear();
    }

    // ---- passing tests, virtual time ----

    @Test
    void aPassingCoroutineTestPassesAndItsLoopIsClosedAfterwards() {
        assertPassed(runMethod(ExtensionFixtures.class, "passes"));
        assertEquals(1.5, ExtensionFixtures.lastTime);
        assertTrue(ExtensionFixtures.lastLoop.isClosed());
    }

    @Test
    void theHelperRunsOnTheTestsLoop() {
        assertPassed(runMethod(ExtensionFixtures.class, "passesWithTheHelper"));
        assertEquals(5.0, ExtensionFixtures.lastTime, "2 s, then gather of 1 s and 3 s");
        assertTrue(ExtensionFixtures.lastLoop.isClosed());
    }

    @Test
    void sleepingTenSecondsTakesTenVirtualSeconds() {
        assertPassed(runMethod(ExtensionFixtures.class, "sleepsTenSeconds"));
        assertEquals(10.0, ExtensionFixtures.lastTime);
    }

    @Test
    void aTestThatClosesTheLoopItselfPasses() {
        assertPassed(runMethod(ExtensionFixtures.class, "closesTheLoopItself"));
        assertTrue(ExtensionFixtures.lastLoop.isClosed());
    }

    // ---- leaked tasks ----

    @Test
    void aLeakedTaskFailsTheTestByName() {
        Throwable failure = assertFailed(runMethod(ExtensionFixtures.class, "leaksATask"));
        assertInstanceOf(AssertionFailedError.class, failure);
        String message = failure.getMessage();
        assertTrue(message.startsWith("asyncio4j: 1 task was still pending when the test ended (leaked; the "
                + "extension cancelled it): sleeper\n"), message);
        assertTrue(message.contains("Task[name=sleeper"), message);
        assertTrue(ExtensionFixtures.lastLoop.isClosed());
    }

    @Test
    void aTestThatFailsAnywayDoesNotReportItsLeakedTasks() {
        Throwable failure = assertFailed(runMethod(ExtensionFixtures.class, "failsAndLeaksATask"));
        assertEquals("the test's own failure", failure.getMessage());
        assertEquals(0, failure.getSuppressed().length);
    }

    @Test
    void aLeakedTaskThatFailsWhenCancelledIsReportedWithItsException() {
        Throwable failure = assertFailed(runMethod(ExtensionFixtures.class, "leaksATaskThatFailsWhenCancelled"));
        String message = failure.getMessage();
        assertTrue(message.startsWith("asyncio4j: 2 problems with the test's event loop:\n"
                + "  1. 1 task was still pending when the test ended (leaked; the extension cancelled it): stubborn"),
                message);
        assertTrue(message.contains("\n  2. leaked task stubborn failed when it was cancelled:\n"
                + "      java.lang.IllegalArgumentException: stubborn: failed while cancelled"), message);
        assertSuppressed(failure, IllegalArgumentException.class, "stubborn: failed while cancelled");
    }

    @Test
    void anAfterEachThatCancelsTheLeakedTasksClearsTheLeak() {
        assertPassed(runClass(LifecycleFixtures.AfterEachCleansUp.class).get("leaksButTheAfterEachCleansUp"));
    }

    // ---- exceptions that reach the loop's exception handler ----

    @Test
    void aFireAndForgetCallbackThatThrowsFailsTheTestWithItsException() {
        Throwable failure = assertFailed(runMethod(ExtensionFixtures.class, "callbackThrows"));
        String message = failure.getMessage();
        assertTrue(message.startsWith("asyncio4j: an exception reached the event loop's exception handler: "
                + "Exception in callback"), message);
        assertTrue(message.endsWith("\n      java.lang.IllegalStateException: callback failure"), message);
        assertSuppressed(failure, IllegalStateException.class, "callback failure");
    }

    /** asyncio's "Task exception was never retrieved": the runtime reports it, at the latest when the loop closes. */
    @Test
    void aFireAndForgetTaskThatFailsFailsTheTestWithItsException() {
        Throwable failure = assertFailed(runMethod(ExtensionFixtures.class, "fireAndForgetTaskFails"));
        assertEquals("asyncio4j: an exception reached the event loop's exception handler: Task exception was never "
                + "retrieved (task boomer)\n      java.lang.IllegalStateException: fire-and-forget failure",
                failure.getMessage());
        assertSuppressed(failure, IllegalStateException.class, "fire-and-forget failure");
    }

    // ---- the virtual time limit ----

    @Test
    void aTestThatEndsExactlyAtTheLimitPasses() {
        assertPassed(runMethod(TimeLimitFixtures.class, "endsExactlyAtTheLimit"));
    }

    @Test
    void aTestThatRunsPastTheLimitFails() {
        for (String method : List.of("runsForever", "runsForeverThroughTheHelper")) {
            Throwable failure = assertFailed(runMethod(TimeLimitFixtures.class, method));
            assertEquals("virtual time limit of 5.0 s exceeded (@AsyncioTest(timeout = 5.0)): the loop's clock "
                    + "passed it", failure.getMessage(), method);
            assertInstanceOf(IllegalStateException.class, failure.getCause(), method);
            assertEquals("Event loop stopped before Future completed.", failure.getCause().getMessage(), method);
        }
    }

    @Test
    void catchingTheStopDoesNotHideThePassedLimit() {
        Throwable failure = assertFailed(runMethod(TimeLimitFixtures.class, "swallowsTheStop"));
        String message = failure.getMessage();
        assertTrue(message.startsWith("asyncio4j: 2 problems with the test's event loop:\n"
                + "  1. 1 task was still pending when the test ended (leaked; the extension cancelled it): Task-"),
                message);
        assertTrue(message.contains("\n  2. virtual time limit of 5.0 s exceeded (@AsyncioTest(timeout = 5.0)): the "
                + "loop's clock passed it"), message);
    }

    @Test
    void aMethodAnnotationOverridesTheClassLimit() {
        assertPassed(runMethod(TimeLimitFixtures.class, "methodRaisesTheLimit"));
    }

    @Test
    void aNegativeLimitIsRejected() {
        Throwable failure = assertFailed(runMethod(TimeLimitFixtures.class, "negativeLimit"));
        assertInstanceOf(IllegalArgumentException.class, failure);
        assertTrue(failure.getMessage().startsWith("@AsyncioTest(timeout = -1.0)"), failure.getMessage());
    }

    // ---- where the loop is available ----

    @Test
    void beforeEachTestAndAfterEachShareOneLoopAndNestedClassesGetTheirOwn() {
        Map<String, TestExecutionResult> results = runClass(LifecycleFixtures.Shared.class);
        assertPassed(results.get("sameLoopEverywhere"));
        assertPassed(results.get("nestedClassGetsALoopToo"));
        assertEquals(2, LifecycleFixtures.LOOPS.size());
        assertNotSame(LifecycleFixtures.LOOPS.get(0), LifecycleFixtures.LOOPS.get(1));
        for (EventLoop loop : LifecycleFixtures.LOOPS) {
            assertTrue(loop.isClosed());
        }
    }

    @Test
    void onAMethodTheAnnotationAppliesToThatMethodOnly() {
        Map<String, TestExecutionResult> results = runClass(LifecycleFixtures.OnOneMethod.class);
        assertPassed(results.get("annotated"));
        Throwable failure = assertFailed(results.get("notAnnotated"));
        assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(failure.getMessage().startsWith("no @AsyncioTest event loop on this thread"), failure.getMessage());
    }

    // ---- helpers ----

    private static TestExecutionResult runMethod(Class<?> fixtures, String name) {
        Method method = Arrays.stream(fixtures.getDeclaredMethods())
                .filter(m -> m.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture " + name));
        Map<String, TestExecutionResult> results = run(selectMethod(fixtures, method));
        assertEquals(List.of(name), List.copyOf(results.keySet()));
        return results.get(name);
    }

    private static Map<String, TestExecutionResult> runClass(Class<?> fixtures) {
        return run(selectClass(fixtures));
    }

    /** Runs the selected fixtures; returns each test's result by method name. */
    private static Map<String, TestExecutionResult> run(DiscoverySelector selector) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(Gate.PARAMETER, "true")
                .selectors(selector)
                .execute();
        results.containerEvents().assertStatistics(stats -> stats.skipped(0).failed(0));
        results.testEvents().assertStatistics(stats -> stats.skipped(0).aborted(0));
        Map<String, TestExecutionResult> byMethod = new LinkedHashMap<>();
        results.testEvents().finished().stream().forEach(event -> {
            MethodSource source = (MethodSource) event.getTestDescriptor().getSource().orElseThrow();
            byMethod.put(source.getMethodName(), event.getRequiredPayload(TestExecutionResult.class));
        });
        return byMethod;
    }

    private static void assertPassed(TestExecutionResult result) {
        if (result.getStatus() != Status.SUCCESSFUL) {
            throw new AssertionFailedError("expected the fixture to pass, but it " + result.getStatus(),
                    result.getThrowable().orElse(null));
        }
    }

    private static Throwable assertFailed(TestExecutionResult result) {
        assertEquals(Status.FAILED, result.getStatus());
        return result.getThrowable().orElseThrow();
    }

    private static void assertSuppressed(Throwable failure, Class<? extends Throwable> type, String message) {
        assertFalse(Arrays.stream(failure.getSuppressed()).noneMatch(
                        s -> type.isInstance(s) && message.equals(s.getMessage())),
                () -> "expected a suppressed " + type.getName() + ": " + message + " in " + failure);
    }
}
