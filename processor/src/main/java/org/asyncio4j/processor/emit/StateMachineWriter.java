package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.lower.Block;
import org.asyncio4j.processor.lower.Finally;
import org.asyncio4j.processor.print.SourceLines;
import org.asyncio4j.processor.print.TypeArguments;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes one {@code @Async} method's state machine class and its entry point, from the lowered blocks.
 *
 * <pre>{@code
 * private static final class GreetCoroutine extends AsyncStateMachine<String> {
 *     private final Greeter self;            // receiver, parameters, hoisted locals
 *     private int state;
 *
 *     protected Object step() throws Throwable {
 *         dispatch:
 *         for (;;) {
 *             switch (state) {
 *                 case 0: { ... }            // one case per block, in writing order
 *                 default: throw invalidState(state);
 *             }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The body of {@code step()} is built as one pre-formatted {@link Code} chunk rather than JavaPoet's many small
 * parts: JavaPoet's per-part cost made emitting it a large share of the compile time (issue #6, W7).
 *
 * <p>This class writes the frame and {@code stepBody}'s dispatch loop and the one suspension path; it extends
 * {@link OpWriter} (each op of a state), {@link EntryPointWriter} (the companion's entry points) and
 * {@link BlockWriter} (the ops' parts: jumps, declarations, finally and resource bookkeeping).
 */
public final class StateMachineWriter extends OpWriter {
    /** See {@link #frameLocals()}; computed once (a hoisted {@code var}'s type costs a scope lookup). */
    private List<FrameLocal> frameLocals;
    /** When the body is split across methods, and into parts of what size. */
    private final SplitLimits split;

    public StateMachineWriter(MethodPlan plan) {
        this(plan, SplitLimits.DEFAULT);
    }

    /** A writer that splits a body too large for one method as {@code split} says. */
    public StateMachineWriter(MethodPlan plan, SplitLimits split) {
        super(plan);
        this.split = split;
    }

    public TypeSpec stateMachine() {
        TypeSpec.Builder type = TypeSpec.classBuilder(plan.className)
                .addJavadoc("State machine of {@code $L}, $L.\n", plan.signature, plan.location(plan.declarationLine))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addTypeVariables(plan.typeVariables)
                .superclass(ParameterizedTypeName.get(plan.generator ? RuntimeNames.ASYNC_GENERATOR_MACHINE
                        : RuntimeNames.ASYNC_STATE_MACHINE, plan.resultType));
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        if (plan.receiver != null) {
            type.addField(plan.receiverType, plan.receiver, Modifier.PRIVATE, Modifier.FINAL);
            constructor.addParameter(plan.receiverType, plan.receiver)
                    .addStatement("this.$N = $N", plan.receiver, plan.receiver);
        }
        for (MethodPlan.Parameter parameter : plan.parameters) {
            FieldSpec.Builder field = FieldSpec.builder(parameter.type, parameter.name, Modifier.PRIVATE);
            if (!parameter.reassigned) {
                field.addModifiers(Modifier.FINAL);
            }
            type.addField(field.build());
            constructor.addParameter(parameter.type, parameter.name)
                    .addStatement("this.$N = $N", parameter.name, parameter.name);
        }
        for (LocalVar var : plan.fields) {
            if (var.kind == LocalVar.Kind.PARAMETER) {
                continue;
            }
            type.addField(plan.fieldType(var), plan.name(var), Modifier.PRIVATE);
        }
        type.addField(TypeName.INT, plan.stateField, Modifier.PRIVATE);
        if (plan.lowered.hasHandlers()) {
            type.addField(Throwable.class, plan.lowered.caughtField, Modifier.PRIVATE);
        }
        if (plan.lowered.finallies.stream().anyMatch(f -> f.routes.containsKey(null))) {
            type.addField(Object.class, plan.lowered.returnedField, Modifier.PRIVATE);
        }
        for (int i = 0; i < plan.lowered.savedFields.size(); i++) {
            type.addField(savedType(i), plan.lowered.savedFields.get(i), Modifier.PRIVATE);
        }
        for (Finally fin : plan.lowered.finallies) {
            type.addField(TypeName.INT, fin.exitField, Modifier.PRIVATE);
            type.addField(Throwable.class, fin.errorField, Modifier.PRIVATE);
        }
        type.addAnnotation(sourceLines());
        type.addMethod(constructor.build());
        type.addMethod(step());
        StepParts parts = StepParts.of(blocks, frameLocals().size(), split.above(), split.partSize());
        if (parts != null) {
            new SplitStepWriter(this, parts).addTo(type); // too large for one method: a dispatcher and its parts
            return type.build();
        }
        type.addMethod(SourceLines.ended(stepBody())); // the user's lines end with stepBody (see DebugLines)
        return type.build();
    }

    /** A body variable that lives in the frame while it is suspended: its name and type. */
    static final class FrameLocal {
        final String name;
        final TypeName type;

        FrameLocal(String name, TypeName type) {
            this.name = name;
            this.type = type;
        }

        /** The value the body starts with (a hoisted local is always assigned before it is read). */
        String initial() {
            switch (type.toString()) {
                case "boolean":
                    return "false";
                case "byte": case "short": case "char": case "int": case "long": case "float": case "double":
                    return "0";
                default:
                    return "null";
            }
        }
    }

    /** The frame's mutable fields but the parameters: the state, hoisted locals, and the lowering's bookkeeping. */
    List<FrameLocal> frameLocals() {
        if (frameLocals == null) {
            frameLocals = collectFrameLocals();
        }
        return frameLocals;
    }

    private List<FrameLocal> collectFrameLocals() {
        List<FrameLocal> locals = new java.util.ArrayList<>();
        locals.add(new FrameLocal(plan.stateField, TypeName.INT));
        for (LocalVar var : plan.fields) {
            if (var.kind != LocalVar.Kind.PARAMETER) {
                locals.add(new FrameLocal(plan.name(var), plan.fieldType(var)));
            }
        }
        if (plan.lowered.hasHandlers()) {
            locals.add(new FrameLocal(plan.lowered.caughtField, TypeName.get(Throwable.class)));
        }
        if (plan.lowered.finallies.stream().anyMatch(f -> f.routes.containsKey(null))) {
            locals.add(new FrameLocal(plan.lowered.returnedField, ClassName.OBJECT));
        }
        for (int i = 0; i < plan.lowered.savedFields.size(); i++) {
            locals.add(new FrameLocal(plan.lowered.savedFields.get(i), savedType(i)));
        }
        for (Finally fin : plan.lowered.finallies) {
            locals.add(new FrameLocal(fin.exitField, TypeName.INT));
            locals.add(new FrameLocal(fin.errorField, TypeName.get(Throwable.class)));
        }
        return locals;
    }

    /** A save slot's type: what every value saved in it has, if the processor knows it, else {@code Object}. */
    private TypeName savedType(int slot) {
        javax.lang.model.type.TypeMirror type = plan.reads.slotType(slot);
        return type == null ? ClassName.OBJECT : TypeName.get(type);
    }

    /** The receiver and parameters, as the body names them: {@code self, url}. */
    String argumentNames() {
        StringBuilder names = new StringBuilder();
        if (plan.receiver != null) {
            names.append(plan.receiver);
        }
        for (MethodPlan.Parameter parameter : plan.parameters) {
            names.append(names.length() == 0 ? "" : ", ").append(parameter.name);
        }
        return names.toString();
    }

    /** Adds the receiver and parameters, as the body names them. */
    void addArguments(MethodSpec.Builder method) {
        if (plan.receiver != null) {
            method.addParameter(plan.receiverType, plan.receiver);
        }
        for (MethodPlan.Parameter parameter : plan.parameters) {
            method.addParameter(parameter.type, parameter.name);
        }
    }

    /** {@code step()} runs the body with this frame: its parameters and locals come from the fields. */
    private MethodSpec step() {
        String arguments = argumentNames();
        return MethodSpec.methodBuilder(RuntimeNames.STEP)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(ClassName.OBJECT)
                .addException(Throwable.class)
                .addStatement("return $N(this, runningTask()$L)", RuntimeNames.STEP_BODY,
                        arguments.isEmpty() ? "" : ", " + arguments)
                .build();
    }

    /**
     * The method body as a static method: with this frame (resumed by {@link #step()}), or with none (a frame-less
     * call, until it first suspends). Its locals start from the frame's fields.
     */
    private MethodSpec stepBody() {
        Code code = Code.builder().line(plan.headerLine); // loading the frame: the method's own line
        boolean handlers = plan.lowered.hasHandlers();
        List<FrameLocal> locals = frameLocals();
        for (FrameLocal local : locals) {
            if (local.name.equals(plan.stateField) && locals.size() == 1) {
                code.addStatement("int $N = $N == null ? 0 : $N.$N", local.name, plan.frameVar, plan.frameVar,
                        local.name);
            } else {
                code.addStatement("$T $N = $L", local.type, local.name, local.initial());
            }
        }
        if (locals.size() > 1) {
            code.beginControlFlow("if ($N != null)", plan.frameVar);
            for (FrameLocal local : locals) {
                code.addStatement("$N = $N.$N", local.name, plan.frameVar, local.name);
            }
            code.endControlFlow();
        }
        boolean suspends = hasOp(Block.Op.Suspend.class) || hasOp(Block.Op.HasNextAsync.class)
                || hasOp(Block.Op.CloseAsync.class);
        if (suspends && blocks.stream().anyMatch(b -> b.ops().stream().anyMatch(op -> op instanceof Block.Op.Suspend
                && plan.framelessCall.test(((Block.Op.Suspend) op).awaited.getLeaf())))) {
            code.addStatement("boolean $N = false", adoptVar());
        }
        code.add("$L:\n", plan.dispatchLabel);
        code.beginControlFlow("for (;;)");
        if (handlers) {
            code.beginControlFlow("try");
        }
        if (suspends) {
            code.add("$L: {\n", suspendLabel()).indent();
        }
        code.beginControlFlow("switch ($N)", plan.stateField);
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
            code.add("case $L: {\n", block.id).indent();
            long line = firstLine(block);
            if (line > 0) {
                code.add("// $L\n", plan.location(line));
            }
            writeOps(code, block, next);
            code.unindent().add("}\n");
        }
        code.line(plan.headerLine); // the dispatch's own code: the method's line, as the frame's loading
        code.add("default:\n").indent().addStatement("throw $N($N, $N.class)", RuntimeNames.INVALID_STATE,
                plan.stateField, plan.className).unindent();
        code.endControlFlow();
        if (suspends) {
            code.endControlFlow();
            writeSuspension(code);
        }
        if (handlers) {
            writeHandlerDispatch(code);
        }
        code.endControlFlow();
        CodeBlock body = code.build(); // printing the body first tells whether [static] must be suppressed
        MethodSpec.Builder method = MethodSpec.methodBuilder(RuntimeNames.STEP_BODY)
                .addAnnotation(suppressWarnings())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariables(plan.typeVariables)
                .returns(ClassName.OBJECT)
                .addParameter(frameType(), plan.frameVar)
                .addParameter(taskType(), plan.taskVar);
        addArguments(method);
        return method.addException(Throwable.class).addCode(body).build();
    }

    /**
     * The warnings a method that holds the template's code suppresses: fall-through between states, and what the
     * printed code needs. Call it once that code is printed.
     */
    com.palantir.javapoet.AnnotationSpec suppressWarnings() {
        com.palantir.javapoet.AnnotationSpec.Builder suppress =
                com.palantir.javapoet.AnnotationSpec.builder(SuppressWarnings.class);
        java.util.Set<String> suppressed = new java.util.LinkedHashSet<>(List.of("fallthrough"));
        if (plan.resolver.callsStaticThroughInstance()) {
            suppressed.add("static");
        }
        if (!plan.lowered.compoundSaves.isEmpty()) {
            suppressed.add("cast"); // `x = (int) ((int) saved1 + r)`: the narrowing of x += r, often redundant
        }
        suppressed.addAll(plan.userSuppressions); // the template's statements are copied here, with its warnings
        suppress.addMember("value", suppressed.size() == 1 ? "$S" : "{$L}", suppressed.size() == 1
                ? suppressed.iterator().next() : suppressed.stream()
                        .map(w -> '"' + w.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                        .collect(java.util.stream.Collectors.joining(", ")));
        return suppress.build();
    }

    /** Whether some block has an op of this kind. */
    private boolean hasOp(Class<? extends Block.Op> kind) {
        return blocks.stream().anyMatch(block -> block.ops().stream().anyMatch(kind::isInstance));
    }

    /**
     * The one suspension path: every await that must wait sets the resume state and breaks out of the dispatch
     * switch to here, so saving the frame costs code once per method, not once per await (issue #14). It is still
     * inside the {@code try} of the handler dispatch, so a failure to suspend reaches the user's handlers as the
     * await's own failure did before. The first suspension of a frame-less body creates its frame. If the awaitable
     * finished meanwhile ({@code suspendOnKept()} is false), the dispatch loop goes on at the resume state.
     * <pre>{@code
     * if (frame == null) {
     *     frame = new CrawlCoroutine(self, urls);
     *     frame.startInline(task);
     * }
     * frame.state = state;
     * frame.pages = pages;
     * if (adopt) return frame.adoptSuspended();
     * if (frame.suspendOnKept()) return frame.suspended();
     * }</pre>
     */
    private void writeSuspension(Code code) {
        code.add("// Every await that must wait breaks out of the switch to here: the frame is saved in this one place.\n");
        code.beginControlFlow("if ($N == null)", plan.frameVar)
                .addStatement("$N = new $N$L($L)", plan.frameVar, plan.className,
                        TypeArguments.of(plan.typeVariables), argumentNames())
                .addStatement("$N.startInline($N)", plan.frameVar, plan.taskVar)
                .endControlFlow();
        for (MethodPlan.Parameter parameter : plan.parameters) {
            if (parameter.reassigned) {
                code.addStatement("$N.$N = $N", plan.frameVar, parameter.name, parameter.name);
            }
        }
        for (FrameLocal local : frameLocals()) {
            code.addStatement("$N.$N = $N", plan.frameVar, local.name, local.name);
        }
        if (adopts()) {
            code.addStatement("if ($N) return $N.adoptSuspended()", adoptVar(), plan.frameVar);
        }
        if (plan.generator && hasEmit()) {
            code.addStatement("if ($N.handedOut()) return $N", plan.frameVar, plan.frameVar); // an element is ready
        }
        code.addStatement("if ($N.suspendOnKept()) return $N.suspended()", plan.frameVar, plan.frameVar);
    }
}
