package org.asyncio4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body is a coroutine template.
 *
 * <p>The asyncio4j annotation processor turns the body of an {@code @Async} method {@code m} declared in class
 * {@code C} into a state machine and emits an entry point {@code CAsync.m(...)} (in the same package) that returns
 * a {@link Coroutine Coroutine&lt;R&gt;}, where {@code R} is the declared return type ({@code Void} for
 * {@code void}). Instance methods take the receiver as the first parameter of the entry point. Inside the body,
 * {@link Asyncio#await(Coroutine) Asyncio.await(x)} suspends the running task until {@code x} completes.
 *
 * <p>The template itself is never meant to run: calling it directly runs the untransformed body, whose first
 * {@code await} throws an {@link IllegalStateException}. The processor must be on the annotation processor path
 * ({@code annotationProcessorPaths} in Maven, {@code -processorpath} for javac); javac 23 and newer no longer run
 * processors found only on the class path.
 *
 * <p>Thread-safe (an annotation has no state).
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.CLASS)
public @interface Async {}
