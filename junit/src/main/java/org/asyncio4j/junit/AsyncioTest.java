package org.asyncio4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs each test of the annotated class (or the annotated test method) with a fresh
 * {@linkplain org.asyncio4j.EventLoop#virtualTime() virtual-time} event loop, and checks what the test left
 * behind (what pytest-asyncio's {@code @pytest.mark.asyncio} and CPython's {@code IsolatedAsyncioTestCase} do for
 * Python). See {@link AsyncioExtension} for the checks.
 *
 * <p>Thread-safety: an annotation has no state; each test's loop belongs to the thread that runs the test.
 *
 * <p>The test gets the loop as an {@link org.asyncio4j.EventLoop} parameter (of the test method, or of a
 * {@code @BeforeEach}/{@code @AfterEach} method: they all share the test's loop), or through
 * {@link AsyncioTesting}:
 * <pre>{@code
 * @AsyncioTest
 * class GreeterTest {
 *     @Test
 *     void greets(EventLoop loop) {
 *         assertEquals("Hello, Ada", loop.runUntilComplete(GreeterAsync.greet(new Greeter("Hello"), "Ada", 10)));
 *         assertEquals(10.0, loop.time());          // virtual time: the test took no wall time
 *     }
 *
 *     @Test
 *     void greetsBoth() {
 *         assertEquals(List.of("Hi, Ada", "Hi, Bob"), AsyncioTesting.run(GreeterAsync.greetBoth(new Greeter("Hi"))));
 *     }
 * }
 * }</pre>
 * The annotation does not make a method a test: test methods keep their {@code @Test} (or
 * {@code @ParameterizedTest}, {@code @RepeatedTest}, ...). On a method, it overrides the class's
 * {@code @AsyncioTest}; on a class, it also applies to its {@code @Nested} classes.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(AsyncioExtension.class)
public @interface AsyncioTest {
    /**
     * A limit on the loop's virtual time, in seconds; {@code 0} (the default) means none. When the loop's clock
     * reaches it, the loop stops (the running {@code runUntilComplete} ends) and the test fails with
     * "virtual time limit of N s exceeded". This turns a test that would run forever in virtual time (a task that
     * sleeps in a loop and is never stopped, an await that only a timer could end) into a failure.
     *
     * <p>The limit is a timer on the loop, so a loop with a limit never waits idle: a test that awaits work done
     * on <em>another thread</em> (a {@code CompletableFuture} completed elsewhere) sees the clock jump straight to
     * the limit. Leave the limit off for such tests, and bound them with JUnit's wall-clock {@code @Timeout}.
     * The limit does not stop a task that never awaits (virtual time does not move then); {@code @Timeout} does.
     *
     * @return the limit in seconds of virtual time, or {@code 0} for none
     */
    double timeout() default 0;
}
