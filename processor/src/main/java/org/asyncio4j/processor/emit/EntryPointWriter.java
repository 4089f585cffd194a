package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.print.TypeArguments;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.Modifier;

/**
 * Writes a state machine's entry points into the companion: the public method with the template's signature, which
 * creates the frame and starts it as a task's coroutine, and the frame-less {@code m$await} entry, which runs the
 * body on the caller's task until its first suspension.
 * <pre>{@code
 * @Async String greet(String name) { ... }   ===>   static Coroutine<String> greet(Greeter self, String name) {
 *                                                       return new GreetCoroutine(self, name);
 *                                                   }
 *                                                   static boolean greet$await(Task<?> task, Greeter self, String name)
 * }</pre>
 * Part of the writer's chain ({@link BlockWriter} &lt; {@code EntryPointWriter} &lt; {@link OpWriter} &lt;
 * {@link StateMachineWriter}).
 * Not thread-safe.
 */
abstract class EntryPointWriter extends BlockWriter {
    EntryPointWriter(MethodPlan plan) {
        super(plan);
    }

    /** Where each state is in the user's file, for the runtime's diagnostics (same lines as the comments). */
    com.palantir.javapoet.AnnotationSpec sourceLines() {
        StringBuilder lines = new StringBuilder("{");
        for (int i = 0; i < blocks.size(); i++) {
            lines.append(i == 0 ? "" : ", ").append(Math.max(0, firstLine(blocks.get(i))));
        }
        return com.palantir.javapoet.AnnotationSpec.builder(RuntimeNames.GENERATED_COROUTINE)
                .addMember("method", "$S", plan.signature)
                .addMember("owner", "$S", plan.elements.getBinaryName(plan.owner).toString())
                .addMember("file", "$S", plan.fileName)
                .addMember("lines", "$L", lines.append('}').toString())
                .build();
    }

    public MethodSpec entryPoint() {
        if (plan.generator) {
            return generatorEntryPoint();
        }
        MethodSpec.Builder entry = MethodSpec.methodBuilder(plan.entryName)
                .addJavadoc("Returns the coroutine of {@code $L} ($L): lazy, it runs when awaited or scheduled.\n",
                        plan.signature, plan.location(plan.declarationLine))
                .addModifiers(plan.entryModifiers)
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(plan.typeVariables)
                .returns(ParameterizedTypeName.get(RuntimeNames.COROUTINE, plan.resultType))
                .varargs(plan.varargs);
        entry.addStatement("return new $N$L($L)", plan.className, TypeArguments.of(plan.typeVariables),
                addEntryParameters(entry));
        return entry.build();
    }

    /**
     * An async generator's entry: {@code AsyncGenerator.of(new CountCoroutine(n))}, its body driven by the
     * consumer's {@code hasNextAsync()}.
     */
    private MethodSpec generatorEntryPoint() {
        MethodSpec.Builder entry = MethodSpec.methodBuilder(plan.entryName)
                .addJavadoc("Returns the async generator of {@code $L} ($L): lazy, its body runs as its consumer "
                        + "asks for elements.\n", plan.signature, plan.location(plan.declarationLine))
                .addModifiers(plan.entryModifiers)
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(plan.typeVariables)
                .returns(ParameterizedTypeName.get(RuntimeNames.ASYNC_GENERATOR, plan.resultType))
                .varargs(plan.varargs);
        entry.addStatement("return $T.of(new $N$L($L))", RuntimeNames.ASYNC_GENERATOR, plan.className,
                TypeArguments.of(plan.typeVariables), addEntryParameters(entry));
        return entry.build();
    }

    /** Adds an entry point's receiver and parameters, as the user named them; returns them as call arguments. */
    String addEntryParameters(MethodSpec.Builder entry) {
        StringBuilder arguments = new StringBuilder();
        if (plan.receiver != null) {
            entry.addParameter(plan.receiverType, plan.receiverParameter);
            arguments.append(plan.receiverParameter);
        }
        for (MethodPlan.Parameter parameter : plan.parameters) {
            entry.addParameter(parameter.type, parameter.originalName);
            arguments.append(arguments.length() == 0 ? "" : ", ").append(parameter.originalName);
        }
        return arguments.toString();
    }

    /**
     * {@code m$await(task, ..)}: what generated code calls for {@code await(OwnerAsync.m(..))}, running {@code m}
     * without creating its coroutine unless it suspends. Same access, type variables and parameters as the entry.
     */
    public MethodSpec framelessEntry() {
        if (plan.generator) {
            return null; // a generator is iterated, not awaited: its body always runs in its frame
        }
        MethodSpec.Builder entry = MethodSpec.methodBuilder(plan.entryName + RuntimeNames.FRAMELESS_SUFFIX)
                .addJavadoc("Awaits {@code $L} for generated code: it runs without a coroutine object until it must "
                        + "suspend.\n", plan.signature)
                .addModifiers(plan.entryModifiers)
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(plan.typeVariables)
                .returns(TypeName.BOOLEAN)
                .varargs(plan.varargs)
                .addParameter(taskType(), plan.taskVar);
        String parameters = addEntryParameters(entry);
        String arguments = "null, " + plan.taskVar + (parameters.isEmpty() ? "" : ", " + parameters);
        // The body runs with no frame; its outcome, or the frame it suspended with, is left for the caller.
        String failure = plan.freshNames.fresh("failure");
        return entry.beginControlFlow("try")
                .addStatement("return $T.inlineOutcome($N, $N.$L$N($L))", RuntimeNames.ASYNC_STATE_MACHINE,
                        plan.taskVar, plan.className, TypeArguments.of(plan.typeVariables),
                        RuntimeNames.STEP_BODY, arguments)
                .nextControlFlow("catch ($T $N)", Throwable.class, failure)
                .addStatement("return $T.inlineFailure($N, $N)", RuntimeNames.ASYNC_STATE_MACHINE, plan.taskVar,
                        failure)
                .endControlFlow()
                .build();
    }
}
