package org.asyncio4j.processor;

import com.palantir.javapoet.ClassName;

/**
 * Names of the runtime types that generated code refers to.
 *
 * <p>The processor has no compile-time dependency on the runtime (users put only the processor on the processor
 * path); {@code RuntimeNamesTest} checks these names against the real runtime classes.
 */
final class RuntimeNames {
    private RuntimeNames() {}

    static final String PACKAGE = "org.asyncio4j";
    static final String INTERNAL_PACKAGE = PACKAGE + ".internal";

    static final String ASYNC_ANNOTATION = PACKAGE + ".Async";
    static final String ASYNCIO = PACKAGE + ".Asyncio";

    static final ClassName COROUTINE = ClassName.get(PACKAGE, "Coroutine");
    static final ClassName ASYNC_STATE_MACHINE = ClassName.get(INTERNAL_PACKAGE, "AsyncStateMachine");
    static final ClassName FOR_EACH_SUPPORT = ClassName.get(INTERNAL_PACKAGE, "ForEachSupport");
    static final ClassName GENERATED_COROUTINE = ClassName.get(INTERNAL_PACKAGE, "GeneratedCoroutine");
    static final ClassName UNBOXING = ClassName.get(INTERNAL_PACKAGE, "Unboxing");
    /** {@code Postfix.before(old, update)}: the value of {@code v++} on a local kept as an Object. */
    static final ClassName POSTFIX = ClassName.get(INTERNAL_PACKAGE, "Postfix");
    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

    /** Members of {@code AsyncStateMachine} that generated code calls; user names must not shadow them. */
    static final String SUSPENDED = "SUSPENDED";
    static final String STEP = "step";
    static final String SUSPEND_ON = "suspendOn";
    /** {@code awaitedValue(task)}: the outcome of the frame-less body's last await. */
    static final String AWAITED_VALUE = "awaitedValue";
    static final String INVALID_STATE = "invalidState";
    /** {@code matched(v = vMatch)}: keeps a pattern variable that lives across an await. */
    static final String MATCHED = "matched";
    /** {@code ForEachSupport.elementOf(e)}: the element type of a loop over {@code e}, for a witness. */
    static final String ELEMENT_OF = "elementOf";
    static final ClassName TASK = ClassName.get(PACKAGE, "Task");
    /** {@code m$await}: the frame-less entry of {@code m} in a companion, for generated code. */
    static final String FRAMELESS_SUFFIX = "$await";
    static final String STEP_BODY = "stepBody";
}
