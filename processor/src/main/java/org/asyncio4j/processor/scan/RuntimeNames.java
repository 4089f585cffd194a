package org.asyncio4j.processor.scan;

import com.palantir.javapoet.ClassName;

/**
 * Names of the runtime types that generated code refers to.
 *
 * <p>The processor has no compile-time dependency on the runtime (users put only the processor on the processor
 * path); {@code RuntimeNamesTest} checks these names against the real runtime classes.
 */
public final class RuntimeNames {
    private RuntimeNames() {}

    static final String PACKAGE = "org.asyncio4j";
    static final String INTERNAL_PACKAGE = PACKAGE + ".internal";

    public static final String ASYNC_ANNOTATION = PACKAGE + ".Async";
    /** The processor, as companions' {@code @Generated} names it (a string: the entry class is the last stage). */
    public static final String PROCESSOR = PACKAGE + ".processor.AsyncProcessor";
    static final String ASYNCIO = PACKAGE + ".Asyncio";

    public static final ClassName COROUTINE = ClassName.get(PACKAGE, "Coroutine");
    public static final ClassName ASYNC_STATE_MACHINE = ClassName.get(INTERNAL_PACKAGE, "AsyncStateMachine");
    /** The return type of an async generator's template, and of its entry point. */
    public static final ClassName ASYNC_GENERATOR = ClassName.get(PACKAGE, "AsyncGenerator");
    /** The base class of an async generator's state machine. */
    public static final ClassName ASYNC_GENERATOR_MACHINE = ClassName.get(INTERNAL_PACKAGE, "AsyncGeneratorMachine");
    /** {@code AsyncLambdas.typed(frame, witness)} and {@code .handler(...)}: where an async lambda was. */
    public static final ClassName ASYNC_LAMBDAS = ClassName.get(INTERNAL_PACKAGE, "AsyncLambdas");
    /** {@code handOut(frame, value)}: {@code emit(value)} in a generator's body. */
    public static final String HAND_OUT = "handOut";
    public static final ClassName ASYNC_CLOSEABLE = ClassName.get(PACKAGE, "AsyncCloseable");
    public static final ClassName ASYNC_ITERABLE = ClassName.get(PACKAGE, "AsyncIterable");
    public static final ClassName ASYNC_ITERATOR = ClassName.get(PACKAGE, "AsyncIterator");
    /** {@code AsyncSupport.closing(r, failure)}, {@code iterate(iterable)}, {@code next(cursor)}: async with/for. */
    public static final ClassName ASYNC_SUPPORT = ClassName.get(INTERNAL_PACKAGE, "AsyncSupport");
    public static final ClassName FOR_EACH_SUPPORT = ClassName.get(INTERNAL_PACKAGE, "ForEachSupport");
    public static final ClassName GENERATED_COROUTINE = ClassName.get(INTERNAL_PACKAGE, "GeneratedCoroutine");
    public static final ClassName UNBOXING = ClassName.get(INTERNAL_PACKAGE, "Unboxing");
    /** {@code Postfix.before(old, update)}: the value of {@code v++} on a local kept as an Object. */
    public static final ClassName POSTFIX = ClassName.get(INTERNAL_PACKAGE, "Postfix");
    public static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    /** Members of {@code AsyncStateMachine} that generated code calls; user names must not shadow them. */
    public static final String SUSPENDED = "SUSPENDED";
    public static final String STEP = "step";
    public static final String SUSPEND_ON = "suspendOn";
    /** {@code awaitedValue(task)}: the outcome of the frame-less body's last await. */
    public static final String AWAITED_VALUE = "awaitedValue";
    public static final String INVALID_STATE = "invalidState";
    /** {@code matched(v = vMatch)}: keeps a pattern variable that lives across an await. */
    public static final String MATCHED = "matched";
    /** {@code ForEachSupport.elementOf(e)}: the element type of a loop over {@code e}, for a witness. */
    public static final String ELEMENT_OF = "elementOf";
    public static final ClassName TASK = ClassName.get(PACKAGE, "Task");
    /** {@code m$await}: the frame-less entry of {@code m} in a companion, for generated code. */
    public static final String FRAMELESS_SUFFIX = "$await";
    public static final String STEP_BODY = "stepBody";
}
