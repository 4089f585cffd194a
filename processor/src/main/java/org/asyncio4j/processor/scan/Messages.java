package org.asyncio4j.processor.scan;

/**
 * Every diagnostic the processor reports, in one catalogue.
 *
 * <p>Each message is worded <em>rule + culprit + fix</em> and starts with a stable tag in brackets, documented in
 * {@code docs/diagnostics.md}. Tests refer to these constants, never to copies of the text.
 */
public enum Messages {
    AWAIT_OUTSIDE_ASYNC("AwaitOutsideAsync",
            "await() can only be used in the body of an @Async method; %s is not @Async. "
                    + "Annotate the method with @Async, or await in an @Async caller"),
    AWAIT_IN_LAMBDA("AwaitInLambda",
            "await() cannot be used inside a lambda: the lambda runs later, outside the coroutine. "
                    + "Move the await out of the lambda, or make the lambda's work an @Async method and await it"),
    EMIT_OUTSIDE_GENERATOR("EmitOutsideGenerator",
            "emit() hands an element to the consumer of an async generator, so it can only be used in the body of "
                    + "an @Async method that returns AsyncGenerator<T>; %s. Declare the method as "
                    + "`@Async AsyncGenerator<T> name(...)`, or collect the values and return them"),
    EMIT_IN_LAMBDA("EmitInLambda",
            "emit() cannot be used inside a %s: its code runs later, outside the generator's body. "
                    + "Move the emit into the generator's body (a loop over the values, say)"),
    GENERATOR_RETURNS_VALUE("GeneratorReturnsValue",
            "an async generator cannot return a value (`return %s;`): its elements are handed out with emit(). "
                    + "Write `emit(%s);` and end the generator with `return endGenerator();`"),
    ASYNC_LAMBDA_OUTSIDE_ASYNC("AsyncLambdaOutsideAsync",
            "async(...) turns a lambda into a coroutine, which the processor does only in the body of an @Async "
                    + "method; %s is not @Async. Annotate the method with @Async, or write the lambda's body as an "
                    + "@Async method and call its <Class>Async entry point"),
    ASYNC_LAMBDA_IN_LAMBDA("AsyncLambdaInLambda",
            "async(...) cannot be used inside %s of an @Async body: that code runs later, outside the coroutine. "
                    + "Create the coroutine in the @Async body itself (or in another async lambda) and use it there"),
    ASYNC_LAMBDA_FORM("AsyncLambdaForm",
            "async(...) turns the lambda written as its argument into a coroutine: a lambda with no parameter (a "
                    + "Coroutine<T>), one (a Function<P, Coroutine<T>>) or two (`(reader, writer)`, a ClientHandler); "
                    + "%s. %s"),
    ASYNC_LAMBDA_RESULT_UNKNOWN("AsyncLambdaResultUnknown",
            "an async lambda's expression body `%s` makes it a Coroutine of the call's result, or a Coroutine<Void> "
                    + "if the method is void, and the processor cannot tell which method is called (it has no "
                    + "expression types). Write the body as a block: `{ return %s; }` or `{ %s; }`"),
    ASYNC_LAMBDA_PARAMETER_TYPE("AsyncLambdaParameterType",
            "javac cannot infer the type of the async lambda's parameter `%s` yet: its statement also calls `%s`, "
                    + "whose companion is generated in this same build. Write the parameter's type, "
                    + "`(Type %s) -> ...`, or make that call in a statement of its own first"),
    ASYNC_LAMBDA_VOID_EXPRESSION("AsyncLambdaVoidExpression",
            "`%s` returns nothing, but an async lambda with an implicitly typed parameter and an expression body is "
                    + "a function of the expression's value (Java prefers AsyncFunction to AsyncConsumer for it). "
                    + "Write the body as a block, `%s -> { %s; }`, a Function<P, Coroutine<Void>>"),
    AWAIT_IN_CLASS("AwaitInLocalClass",
            "await() cannot be used inside an anonymous or local class: its methods are not part of the coroutine. "
                    + "Move the await out of the class body, or make the method an @Async method of a named class"),
    AWAIT_STATEMENT("AwaitStatementNotSupported",
            "await() inside a %s statement is not supported in this version. "
                    + "Move the await before the statement and keep its result in a local"),
    ASYNC_NO_BODY("AsyncWithoutBody",
            "@Async method %s has no body: @Async marks a method body to transform. "
                    + "Remove @Async, or give the method a body"),
    ASYNC_SYNCHRONIZED("AsyncSynchronized",
            "@Async method %s cannot be synchronized: a coroutine suspends while holding no monitor. "
                    + "Remove `synchronized` and use org.asyncio4j.sync.Lock if you need mutual exclusion"),
    ASYNC_IN_LOCAL_CLASS("AsyncInLocalClass",
            "@Async method %s is in a local or anonymous class, which generated code cannot name. "
                    + "Move the method to a top-level or member class"),
    ASYNC_IN_PRIVATE_CLASS("AsyncInPrivateClass",
            "@Async method %s is in private class %s, which the generated class cannot reach. "
                    + "Make the class package-private"),
    PRIVATE_MEMBER("PrivateMemberAccess",
            "@Async bodies cannot use private %s `%s` of %s in this version: generated code runs in another class. "
                    + "Make it package-private (remove `private`)"),
    PROTECTED_MEMBER("ProtectedMemberAccess",
            "@Async bodies cannot use protected %s `%s` inherited from %s, another package: generated code is "
                    + "not a subclass. Call it through a non-@Async helper method of this class"),
    SUPER_ACCESS("SuperAccess",
            "`super.%s` cannot be used in an @Async body: generated code runs in another class. "
                    + "Call it from a non-@Async helper method of this class"),
    OUTER_INSTANCE("OuterInstanceAccess",
            "@Async bodies of inner classes cannot use members of the enclosing instance (`%s`) in this version. "
                    + "Make the nested class static and pass what it needs, or qualify the access through a field"),
    LOCAL_CLASS_ACROSS_AWAIT("LocalClassAcrossAwait",
            "local class `%s` is declared in an @Async body and used after an await; this version cannot keep it "
                    + "across a suspension. Declare the class as a member of the enclosing class"),
    PATTERN_VARIABLE_ACROSS_AWAIT("PatternVariableAcrossAwait",
            "pattern variable `%s` of a `case` label or record pattern is used after an await; this version keeps "
                    + "only the variable of `x instanceof T v` across a suspension. Copy it into a local first: "
                    + "`%s kept = %s;` and use `kept` instead of `%s` after the await"),
    FUNCTION_BRANCH_ACROSS_AWAIT("FunctionBranchAcrossAwait",
            "%s is the value of a `?:` or `switch` expression whose branches await; javac types it by where the "
                    + "whole expression goes, which this version cannot see across a suspension. Give it its "
                    + "functional interface first (`Runnable r = ...;`) and use `r` there"),
    UNKNOWN_LOCAL_TYPE("UnknownLocalType",
            "cannot determine the type of local `%s`, which lives across an await (%s). "
                    + "Declare its type explicitly instead of `var`"),
    UNSUPPORTED_TREE("UnsupportedConstruct",
            "%s is not supported in an @Async body in this version. Move it into a non-@Async helper method"),
    ASYNC_WITHOUT_AWAIT("AsyncWithoutAwait",
            "@Async method %s never awaits: its coroutine runs to the end as soon as it starts, without letting "
                    + "other tasks run. Remove @Async if it does not need to be a coroutine, or add "
                    + "@SuppressWarnings(\"AsyncWithoutAwait\") if it must be one"),
    COROUTINE_NEVER_AWAITED("CoroutineNeverAwaited",
            "the coroutine from %s is created and dropped: a coroutine is lazy, so nothing of it runs. "
                    + "Write await(%s) to run it here, or createTask(%s) to run it concurrently"),
    UNSUPPORTED_COMPILER("UnsupportedCompiler",
            "asyncio4j's processor needs javac's com.sun.source Tree API, which %s does not provide, so it "
                    + "generated no <Class>Async classes; compile with javac (Maven's and Gradle's default "
                    + "compiler), or configure Eclipse/VS Code to delegate the build to Maven or Gradle"),
    INTERNAL_ERROR("InternalError",
            "internal error in the asyncio4j processor while transforming %s; please report it with this trace: %s"),
    ASYNC_RESOURCE_OUTSIDE_ASYNC("AsyncResourceOutsideAsync",
            "this try-with-resources statement's resource is an AsyncCloseable (%s), which is closed by awaiting "
                    + "closeAsync(), and only an @Async body can await; %s is not @Async. Annotate the method with "
                    + "@Async, or close the resource with await(r.closeAsync()) in an @Async caller"),
    ASYNC_FOR_OUTSIDE_ASYNC("AsyncForOutsideAsync",
            "this for-each loop is over an AsyncIterable (%s), whose elements are awaited, and only an @Async body "
                    + "can await; %s is not @Async. Annotate the method with @Async, or loop in an @Async caller"),
    ASYNC_FOR_UNKNOWN_TYPE("AsyncForUnknownType",
            "`%s` is an AsyncIterable (%s), but the processor could not tell without types, so this loop was not "
                    + "made an async for. Declare it in a local first (`AsyncIterable<...> items = ...;`) and loop "
                    + "over the local"),
    ASYNC_RESOURCE_UNKNOWN_TYPE("AsyncResourceUnknownType",
            "resource `%s` is an AsyncCloseable (%s), but the processor could not tell its type during processing, "
                    + "so it would be closed with close(). Declare its type explicitly instead of `var`"),
    AWAIT_IN_SYNCHRONIZED("AwaitInSynchronized",
            "await() cannot be used inside a `synchronized` block: the coroutine would suspend while holding the "
                    + "monitor and resume later on another call stack, where Java can neither keep nor release it. "
                    + "Use an org.asyncio4j.sync.Lock: `await(lock.acquire()); try { ... } finally { lock.release(); }`"),
    PRIVATE_RECEIVER_UNKNOWN("PrivateMemberReceiver",
            "`%s` may mean private %s `%s` of %s, but the processor cannot tell the class of `%s` without types, so "
                    + "it cannot tell whether generated code must reach it through a handle. Store the receiver in a "
                    + "local variable with its type first, e.g. `%s target = %s;`, and use `target.%s`"),
    PRIVATE_FIELD_COMPUTED_RECEIVER("PrivateFieldComputedReceiver",
            "`%s` updates private field `%s` of %s through a computed receiver: generated code reaches the field "
                    + "through a handle, reading and writing it separately, and must not compute `%s` twice. "
                    + "Store the receiver in a local first, e.g. `var target = %s;`"),
    PRIVATE_STATIC_COMPUTED_RECEIVER("PrivateStaticComputedReceiver",
            "`%s` uses private static %s `%s` of %s through `%s`, which Java evaluates only to discard its value; "
                    + "generated code reaches the member through a handle and would not evaluate it. Write "
                    + "`%s.%s` instead, and evaluate `%s` in a statement of its own if its effects matter"),
    PRIVATE_GENERIC_FIELD("PrivateGenericField",
            "private field `%s` of %s has type %s, which depends on the type arguments of the receiver `%s`; "
                    + "generated code can reach such a field only through `this`. Use it through `this`, or "
                    + "through a non-private accessor"),
    PRIVATE_METHOD_REFERENCE("PrivateMethodReference",
            "method reference `%s` names a private %s of %s, which generated code can reach only through a call. "
                    + "Write a lambda that calls it instead, e.g. `x -> %s(x)`"),
    PRIVATE_CONSTRUCTOR_SUBCLASS("PrivateConstructorSubclass",
            "`%s` calls a private constructor of %s from %s, which generated code cannot do: only a direct "
                    + "`new %s(...)` is bridged. Move the expression into a non-@Async helper method of this class, "
                    + "or make the constructor package-private");

    private final String tag;
    private final String format;

    Messages(String tag, String format) {
        this.tag = tag;
        this.format = format;
    }

    public String tag() {
        return tag;
    }

    /** The message text for these arguments, prefixed with its tag. */
    public String format(Object... args) {
        return "[" + tag + "] " + String.format(format, args);
    }
}
