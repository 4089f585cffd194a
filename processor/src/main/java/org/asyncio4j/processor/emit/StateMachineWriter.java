package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.lower.Block;
import org.asyncio4j.processor.lower.Completion;
import org.asyncio4j.processor.lower.Finally;
import org.asyncio4j.processor.lower.Hoisting;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.util.TreePath;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;

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
 * <p>(This file runs past 500 lines. Splitting the processor by stage — scan, lower, print, emit, with an immutable
 * model between them — is issue #14's redesign, which also rewrites what this file does for linear generated code;
 * it is done there once rather than piecemeal here.)
 */
public final class StateMachineWriter {
    private final MethodPlan plan;
    private final List<Block> blocks;
    /** See {@link #frameLocals()}; computed once (a hoisted {@code var}'s type costs a scope lookup). */
    private List<FrameLocal> frameLocals;
    /** See {@link #saveFrameCall()}; the same text at every await. */
    private String saveFrameCall;

    public StateMachineWriter(MethodPlan plan) {
        this.plan = plan;
        this.blocks = plan.lowered.blocks;
    }

    public TypeSpec stateMachine() {
        TypeSpec.Builder type = TypeSpec.classBuilder(plan.className)
                .addJavadoc("State machine of {@code $L}, $L.\n", plan.signature, plan.location(plan.declarationLine))
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addTypeVariables(plan.typeVariables)
                .superclass(ParameterizedTypeName.get(RuntimeNames.ASYNC_STATE_MACHINE, plan.resultType));
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
        for (String saved : plan.lowered.savedFields) {
            type.addField(Object.class, saved, Modifier.PRIVATE);
        }
        for (Finally fin : plan.lowered.finallies) {
            type.addField(TypeName.INT, fin.exitField, Modifier.PRIVATE);
            type.addField(Throwable.class, fin.errorField, Modifier.PRIVATE);
        }
        type.addAnnotation(sourceLines());
        type.addMethod(constructor.build());
        type.addMethod(step());
        type.addMethod(stepBody());
        type.addMethod(saveFrame());
        return type.build();
    }

    /** This class with its type variables: {@code GreetCoroutine<T>}. */
    private TypeName frameType() {
        ClassName raw = CompanionWriter.companionName(plan.elements, plan.owner).nestedClass(plan.className);
        return plan.typeVariables.isEmpty() ? raw
                : ParameterizedTypeName.get(raw, plan.typeVariables.toArray(new TypeName[0]));
    }

    private static TypeName taskType() {
        return ParameterizedTypeName.get(RuntimeNames.TASK, WildcardTypeName.subtypeOf(Object.class));
    }

    /** A body variable that lives in the frame while it is suspended: its name and type. */
    private static final class FrameLocal {
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
    private List<FrameLocal> frameLocals() {
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
        for (String saved : plan.lowered.savedFields) {
            locals.add(new FrameLocal(saved, ClassName.OBJECT));
        }
        for (Finally fin : plan.lowered.finallies) {
            locals.add(new FrameLocal(fin.exitField, TypeName.INT));
            locals.add(new FrameLocal(fin.errorField, TypeName.get(Throwable.class)));
        }
        return locals;
    }

    /** The receiver and parameters, as the body names them: {@code self, url}. */
    private String argumentNames() {
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
    private void addArguments(MethodSpec.Builder method) {
        if (plan.receiver != null) {
            method.addParameter(plan.receiverType, plan.receiver);
        }
        for (MethodPlan.Parameter parameter : plan.parameters) {
            method.addParameter(parameter.type, parameter.name);
        }
    }

    /** {@code saveFrame(frame, task, state, pages, iterator)}: the call that saves the body's locals. */
    private String saveFrameCall() {
        if (saveFrameCall != null) {
            return saveFrameCall;
        }
        StringBuilder call = new StringBuilder(RuntimeNames.SAVE_FRAME).append('(').append(plan.frameVar)
                .append(", ").append(plan.taskVar);
        String arguments = argumentNames();
        if (!arguments.isEmpty()) {
            call.append(", ").append(arguments);
        }
        for (FrameLocal local : frameLocals()) {
            call.append(", ").append(local.name);
        }
        saveFrameCall = call.append(')').toString();
        return saveFrameCall;
    }

    /**
     * Copies the body's locals into its frame when it suspends; a frame-less body's first suspension creates the
     * frame, detached until its caller adopts it.
     */
    private MethodSpec saveFrame() {
        TypeName frame = frameType();
        MethodSpec.Builder method = MethodSpec.methodBuilder(RuntimeNames.SAVE_FRAME)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariables(plan.typeVariables)
                .returns(frame)
                .addParameter(frame, plan.frameVar)
                .addParameter(taskType(), plan.taskVar);
        addArguments(method);
        List<FrameLocal> locals = frameLocals();
        for (FrameLocal local : locals) {
            method.addParameter(local.type, local.name);
        }
        method.beginControlFlow("if ($N == null)", plan.frameVar)
                .addStatement("$N = new $N$L($L)", plan.frameVar, plan.className,
                        plan.typeVariables.isEmpty() ? "" : "<>", argumentNames())
                .addStatement("$N.startInline($N)", plan.frameVar, plan.taskVar)
                .endControlFlow();
        for (MethodPlan.Parameter parameter : plan.parameters) {
            if (parameter.reassigned) {
                method.addStatement("$N.$N = $N", plan.frameVar, parameter.name, parameter.name);
            }
        }
        for (FrameLocal local : locals) {
            method.addStatement("$N.$N = $N", plan.frameVar, local.name, local.name);
        }
        return method.addStatement("return $N", plan.frameVar).build();
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

    /** Where each state is in the user's file, for the runtime's diagnostics (same lines as the comments). */
    private com.palantir.javapoet.AnnotationSpec sourceLines() {
        StringBuilder lines = new StringBuilder("{");
        for (int i = 0; i < blocks.size(); i++) {
            lines.append(i == 0 ? "" : ", ").append(Math.max(0, firstLine(blocks.get(i))));
        }
        return com.palantir.javapoet.AnnotationSpec.builder(RuntimeNames.GENERATED_COROUTINE)
                .addMember("method", "$S", plan.signature)
                .addMember("file", "$S", plan.fileName)
                .addMember("lines", "$L", lines.append('}').toString())
                .build();
    }

    public MethodSpec entryPoint() {
        MethodSpec.Builder entry = MethodSpec.methodBuilder(plan.entryName)
                .addJavadoc("Returns the coroutine of {@code $L} ($L): lazy, it runs when awaited or scheduled.\n",
                        plan.signature, plan.location(plan.declarationLine))
                .addModifiers(plan.entryModifiers)
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(plan.typeVariables)
                .returns(ParameterizedTypeName.get(RuntimeNames.COROUTINE, plan.resultType))
                .varargs(plan.varargs);
        entry.addStatement("return new $N$L($L)", plan.className, plan.typeVariables.isEmpty() ? "" : "<>",
                addEntryParameters(entry));
        return entry.build();
    }

    /** Adds an entry point's receiver and parameters, as the user named them; returns them as call arguments. */
    private String addEntryParameters(MethodSpec.Builder entry) {
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
                .addStatement("return $T.inlineOutcome($N, $N.$N($L))", RuntimeNames.ASYNC_STATE_MACHINE,
                        plan.taskVar, plan.className, RuntimeNames.STEP_BODY, arguments)
                .nextControlFlow("catch ($T $N)", Throwable.class, failure)
                .addStatement("return $T.inlineFailure($N, $N)", RuntimeNames.ASYNC_STATE_MACHINE, plan.taskVar,
                        failure)
                .endControlFlow()
                .build();
    }

    /**
     * The method body as a static method: with this frame (resumed by {@link #step()}), or with none (a frame-less
     * call, until it first suspends). Its locals start from the frame's fields.
     */
    private MethodSpec stepBody() {
        Code code = Code.builder();
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
        code.add("$L:\n", plan.dispatchLabel);
        code.beginControlFlow("for (;;)");
        if (handlers) {
            code.beginControlFlow("try");
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
        code.add("default:\n").indent().addStatement("throw $N($N, $N.class)", RuntimeNames.INVALID_STATE,
                plan.stateField, plan.className).unindent();
        code.endControlFlow();
        if (handlers) {
            writeHandlerDispatch(code);
        }
        code.endControlFlow();
        CodeBlock body = code.build(); // printing the body first tells whether [static] must be suppressed
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
        MethodSpec.Builder method = MethodSpec.methodBuilder(RuntimeNames.STEP_BODY)
                .addAnnotation(suppress.build())
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariables(plan.typeVariables)
                .returns(ClassName.OBJECT)
                .addParameter(frameType(), plan.frameVar)
                .addParameter(taskType(), plan.taskVar);
        addArguments(method);
        return method.addException(Throwable.class).addCode(body).build();
    }

    /**
     * The exception handlers of lowered {@code try} statements: an exception thrown in a state that has a handler
     * is kept in {@code caught} and dispatched by the handler's state (catch clauses, then finally).
     */
    private void writeHandlerDispatch(Code code) {
        String thrown = plan.freshNames.fresh("thrown");
        code.nextControlFlow("catch ($T $N)", Throwable.class, thrown);
        code.beginControlFlow("switch ($N)", plan.stateField);
        java.util.Map<Block, java.util.List<Block>> byHandler = new java.util.LinkedHashMap<>();
        for (Block block : blocks) {
            if (block.handler != null) {
                byHandler.computeIfAbsent(block.handler, h -> new java.util.ArrayList<>()).add(block);
            }
        }
        for (Map.Entry<Block, List<Block>> entry : byHandler.entrySet()) {
            StringBuilder labels = new StringBuilder();
            for (Block block : entry.getValue()) {
                labels.append(labels.length() == 0 ? "" : " ").append("case ").append(block.id).append(':');
            }
            code.add("$L\n", labels).indent();
            code.addStatement("$N = $L", plan.stateField, entry.getKey().id);
            code.addStatement("break").unindent();
        }
        code.add("default:\n").indent().addStatement("throw $N", thrown).unindent();
        code.endControlFlow();
        code.addStatement("$N = $N", plan.lowered.caughtField, thrown);
        code.endControlFlow();
    }

    /**
     * The line a state's comment names: for a state that resumes after an await, the await's line; otherwise the
     * line of its first user code (where execution continues), else where the block was made.
     */
    private long firstLine(Block block) {
        for (Block.Op op : block.ops()) {
            if (op instanceof Block.Op.TakeAwaited) {
                break;
            }
            for (TreePath path : Hoisting.treesOf(op)) {
                long line = plan.lineOf(path);
                if (line > 0) {
                    return line;
                }
            }
            if (op instanceof Block.Op.Declare || op instanceof Block.Op.IterateNext) {
                break; // a declaration's own line is where the block's code starts
            }
        }
        return block.line;
    }

    private void writeOps(Code code, Block block, Block next) {
        Iterator<Block.Op> ops = block.ops().iterator();
        while (ops.hasNext()) {
            Block.Op op = ops.next();
            boolean followed = ops.hasNext();
            Code opCode = code.fork(); // printing the op tells which snapshots must precede it
            writeOp(opCode, block, op, next, followed);
            for (Map.Entry<LocalVar, String> snapshot : plan.resolver.takeSnapshots().entrySet()) {
                code.addStatement("final $T $N = $N", plan.fieldType(snapshot.getKey()), snapshot.getValue(),
                        plan.name(snapshot.getKey()));
            }
            code.append(opCode);
        }
    }

    private void writeOp(Code code, Block current, Block.Op op, Block next, boolean followed) {
        if (op instanceof Block.Op.Statement) {
            TreePath path = ((Block.Op.Statement) op).path;
            String text = plan.print(path);
            if (followed && Completion.of(path.getLeaf(), plan.lowered.variability) == Completion.UNKNOWN) {
                // javac may consider the statement unable to complete (a constant loop condition); inside
                // `if (true)` it can, so the generated code after it stays reachable (JLS 14.22).
                code.beginControlFlow("if (true)").add("$L\n", text).endControlFlow();
            } else {
                code.add("$L\n", text);
            }
        } else if (op instanceof Block.Op.Evaluate) {
            code.addStatement("$L", plan.print(((Block.Op.Evaluate) op).expression));
        } else if (op instanceof Block.Op.Declare) {
            writeDeclare(code, (Block.Op.Declare) op);
        } else if (op instanceof Block.Op.TakeAwaited) {
            writeTake(code, (Block.Op.TakeAwaited) op);
        } else if (op instanceof Block.Op.Suspend) {
            Block.Op.Suspend suspend = (Block.Op.Suspend) op;
            code.addStatement("$N = $L", plan.stateField, suspend.resume.id);
            if (plan.framelessCall.test(suspend.awaited.getLeaf())) {
                code.beginControlFlow("if ($L)", framelessCall(suspend.awaited));
                code.addStatement("return $L.adoptSuspended()", saveFrameCall());
                code.endControlFlow();
            } else {
                code.beginControlFlow("if ($N($N, $N, $L))", RuntimeNames.SUSPEND_ON, plan.frameVar, plan.taskVar,
                        plan.print(suspend.awaited));
                code.addStatement("$N = $L", plan.frameVar, saveFrameCall());
                code.add("if ($N.suspendOnKept()) return $N.suspended();\n", plan.frameVar, plan.frameVar);
                code.endControlFlow();
            }
            if (suspend.resume != next) {
                code.addStatement("continue $N", plan.dispatchLabel);
            }
        } else if (op instanceof Block.Op.Jump) {
            Block target = ((Block.Op.Jump) op).target;
            if (target != next) {
                goTo(code, target);
            } else {
                enterNext(code, current, next);
            }
        } else if (op instanceof Block.Op.SaveAwaited) {
            code.addStatement("$N = $N($N)", plan.lowered.savedFields.get(((Block.Op.SaveAwaited) op).slot),
                    RuntimeNames.AWAITED_VALUE, plan.taskVar);
        } else if (op instanceof Block.Op.SaveValue) {
            Block.Op.SaveValue save = (Block.Op.SaveValue) op;
            code.addStatement("$N = $L", plan.lowered.savedFields.get(save.slot),
                    save.expression == null ? save.constant.toString() : plan.print(save.expression));
            if (save.expression != null) {
                plan.lowered.reads.saved(save.expression.getLeaf());
            }
        } else if (op instanceof Block.Op.CatchTest) {
            Block.Op.CatchTest test = (Block.Op.CatchTest) op;
            StringBuilder condition = new StringBuilder();
            for (TreePath type : test.types) {
                condition.append(condition.length() == 0 ? "" : " || ").append(plan.lowered.caughtField)
                        .append(" instanceof ").append(plan.print(type));
            }
            code.beginControlFlow("if ($L)", condition);
            goTo(code, test.body);
            code.endControlFlow();
        } else if (op instanceof Block.Op.Rethrow) {
            code.addStatement("throw $N", plan.lowered.caughtField);
        } else if (op instanceof Block.Op.BindCatch) {
            LocalVar var = ((Block.Op.BindCatch) op).var;
            TypeName type = plan.fieldType(var);
            Code value = java.util.Set.of("Throwable", "java.lang.Throwable").contains(type.toString())
                    ? Code.of("$N", plan.lowered.caughtField)
                    : Code.of("($T) $N", type, plan.lowered.caughtField);
            if (plan.isField(var)) {
                code.addStatement("$N = $L", plan.name(var), value);
            } else {
                code.addStatement("$T $N = $L", type, plan.name(var), value);
            }
            code.addStatement("$N = null", plan.lowered.caughtField);
        } else if (op instanceof Block.Op.EnterFinally) {
            code.add("$L\n", enterFinally(((Block.Op.EnterFinally) op).exit));
        } else if (op instanceof Block.Op.CaptureError) {
            Finally fin = ((Block.Op.CaptureError) op).owner;
            code.addStatement("$N = $N", fin.errorField, plan.lowered.caughtField);
            code.addStatement("$N = null", plan.lowered.caughtField);
            code.addStatement("$N = $L", fin.exitField, Finally.THROW);
            code.addStatement("$N = $L", plan.stateField, fin.start.id); // falls into the finally block
            if (fin.start != next) {
                code.addStatement("continue $N", plan.dispatchLabel);
            }
        } else if (op instanceof Block.Op.CloseResource) {
            writeClose(code, ((Block.Op.CloseResource) op).owner);
        } else if (op instanceof Block.Op.EndFinally) {
            writeEndFinally(code, ((Block.Op.EndFinally) op).owner);
        } else if (op instanceof Block.Op.SwitchDispatch) {
            writeSwitchDispatch(code, (Block.Op.SwitchDispatch) op);
        } else if (op instanceof Block.Op.Branch) {
            Block.Op.Branch branch = (Block.Op.Branch) op;
            String condition = branch.condition == null
                    ? plan.awaitedPrimitive(MethodPlan.unboxer(TypeKind.BOOLEAN))
                    : plan.print(branch.condition);
            writeBranch(code, condition, branch.ifTrue, branch.ifFalse, current, next);
        } else if (op instanceof Block.Op.IterateStart) {
            Block.Op.IterateStart start = (Block.Op.IterateStart) op;
            code.addStatement("$N = $T.iterate($L)", plan.name(start.cursor), RuntimeNames.FOR_EACH_SUPPORT,
                    plan.print(start.expression));
        } else if (op instanceof Block.Op.IterateTest) {
            Block.Op.IterateTest test = (Block.Op.IterateTest) op;
            writeBranch(code, plan.name(test.cursor) + ".hasNext()", test.body, test.exit, current, next);
        } else if (op instanceof Block.Op.IterateNext) {
            Block.Op.IterateNext element = (Block.Op.IterateNext) op;
            String cursor = plan.name(element.cursor);
            Code value = plan.isPrimitive(element.var)
                    ? Code.of("$T.$L($N.next())", RuntimeNames.UNBOXING, plan.unboxer(element.var), cursor)
                    : Code.of("$T.next($N)", RuntimeNames.FOR_EACH_SUPPORT, cursor);
            declareWith(code, element.var, value, true);
        } else if (op instanceof Block.Op.AssertionsEnabled) {
            Block.Op.AssertionsEnabled enabled = (Block.Op.AssertionsEnabled) op;
            javax.lang.model.element.Element top = plan.owner;
            while (top.getEnclosingElement() instanceof javax.lang.model.element.TypeElement) {
                top = top.getEnclosingElement();
            }
            writeBranch(code, Code.of("$T.class.desiredAssertionStatus()",
                    ClassName.get((javax.lang.model.element.TypeElement) top)).toString(), enabled.check,
                    enabled.skip, current, next);
        } else if (op instanceof Block.Op.AssertCheck) {
            Block.Op.AssertCheck check = (Block.Op.AssertCheck) op;
            code.beginControlFlow("if (!($L))", plan.print(check.condition));
            code.addStatement("throw new $T($L)", AssertionError.class,
                    check.detail == null ? "" : plan.print(check.detail));
            code.endControlFlow();
        } else if (op instanceof Block.Op.AssertFail) {
            code.addStatement("throw new $T($L)", AssertionError.class, plan.print(((Block.Op.AssertFail) op).detail));
        } else if (op instanceof Block.Op.NoMatch) {
            code.addStatement("throw new $T()", IncompatibleClassChangeError.class);
        } else if (op instanceof Block.Op.ReturnVoid) {
            code.addStatement("return null");
        } else {
            throw new IllegalStateException("unknown op " + op);
        }
    }

    /**
     * {@code OwnerAsync.m$await(task, a, b)} for the awaited direct call {@code OwnerAsync.m(a, b)}: it runs
     * {@code m} without a frame, and returns {@code true} if it suspended.
     */
    private String framelessCall(TreePath awaited) {
        com.sun.source.tree.MethodInvocationTree call = (com.sun.source.tree.MethodInvocationTree) awaited.getLeaf();
        com.sun.source.tree.MemberSelectTree select = (com.sun.source.tree.MemberSelectTree) call.getMethodSelect();
        TreePath selectPath = new TreePath(awaited, select);
        StringBuilder text = new StringBuilder(plan.print(new TreePath(selectPath, select.getExpression())))
                .append('.');
        if (!call.getTypeArguments().isEmpty()) {
            StringBuilder types = new StringBuilder();
            for (com.sun.source.tree.Tree type : call.getTypeArguments()) {
                types.append(types.length() == 0 ? "" : ", ").append(plan.print(new TreePath(selectPath, type)));
            }
            text.append('<').append(types).append('>');
        }
        text.append(select.getIdentifier()).append(RuntimeNames.FRAMELESS_SUFFIX).append('(').append(plan.taskVar);
        for (com.sun.source.tree.Tree argument : call.getArguments()) {
            text.append(", ").append(plan.print(new TreePath(awaited, argument)));
        }
        return text.append(')').toString();
    }

    private void writeBranch(Code code, String condition, Block ifTrue, Block ifFalse, Block current,
            Block next) {
        if (ifTrue == next) {
            code.beginControlFlow("if ($L)", negated(condition));
            goTo(code, ifFalse);
            code.endControlFlow();
            enterNext(code, current, next);
        } else if (ifFalse == next) {
            code.beginControlFlow("if ($L)", condition);
            goTo(code, ifTrue);
            code.endControlFlow();
            enterNext(code, current, next);
        } else {
            code.addStatement("$N = ($L) ? $L : $L", plan.stateField, condition, ifTrue.id, ifFalse.id);
            code.addStatement("continue $N", plan.dispatchLabel);
        }
    }

    /** {@code !call()} for a plain call or name, {@code !(a < b)} for anything else. */
    private static String negated(String condition) {
        return condition.matches("[\\w.$]+(\\([\\w.$, ]*\\))?") ? "!" + condition : "!(" + condition + ")";
    }

    /**
     * Falling through into the next state: {@code state} must name it when an exception there goes elsewhere than
     * from the current one (the handler dispatch reads {@code state}).
     */
    private void enterNext(Code code, Block current, Block next) {
        if (next.handler != current.handler) {
            code.addStatement("$N = $L", plan.stateField, next.id);
        }
    }

    /** {@code finallyExit = key; state = start; continue dispatch;} */
    private String enterFinally(Finally.Exit exit) {
        int key = exit.isReturn() ? Finally.RETURN : exit.target.id;
        return exit.first.exitField + " = " + key + ";\n" + plan.stateField + " = " + exit.first.start.id + ";\n"
                + "continue " + plan.dispatchLabel + ";";
    }

    /** The end of a finally block: rethrow, return, or jump, passing the exit on to the next finally block. */
    private void writeEndFinally(Code code, Finally fin) {
        code.beginControlFlow("switch ($N)", fin.exitField);
        code.add("case $L: // entered by an exception\n", Finally.THROW).indent()
                .addStatement("throw $N", fin.errorField).unindent();
        for (Map.Entry<Block, Finally> route : fin.routes.entrySet()) {
            Block target = route.getKey();
            Finally onward = route.getValue();
            if (onward == null && target != null) {
                continue; // the default below
            }
            code.add(target == null ? "case $L: // entered by a return\n" : "case $L:\n",
                    target == null ? Finally.RETURN : target.id).indent();
            if (onward == null) {
                code.addStatement("return $N", plan.lowered.returnedField);
            } else {
                code.add("$L\n", enterFinally(new Finally.Exit(onward, target)));
            }
            code.unindent();
        }
        code.add("default:\n").indent();
        code.addStatement("$N = $N", plan.stateField, fin.exitField);
        code.addStatement("continue $N", plan.dispatchLabel).unindent();
        code.endControlFlow();
    }

    /** Closes a resource; a failure to close is added to the exception leaving the statement, if there is one. */
    private void writeClose(Code code, Finally close) {
        String resource = close.resourceVar != null ? plan.name(close.resourceVar) : plan.print(close.resource);
        if (close.resourceVar != null && plan.fieldType(close.resourceVar).equals(TypeName.get(Object.class))) {
            // a `var` resource kept as an Object (see WitnessedLocals): close() is the same virtual call
            resource = "((" + AutoCloseable.class.getSimpleName() + ") " + resource + ")";
        }
        String suppressed = plan.freshNames.fresh("suppressed");
        code.beginControlFlow("if ($L != null)", resource);
        code.beginControlFlow("if ($N == $L)", close.exitField, Finally.THROW);
        code.beginControlFlow("try");
        code.addStatement("$L.close()", resource);
        code.nextControlFlow("catch ($T $N)", Throwable.class, suppressed);
        code.addStatement("$N.addSuppressed($N)", close.errorField, suppressed);
        code.endControlFlow();
        code.nextControlFlow("else");
        code.addStatement("$L.close()", resource);
        code.endControlFlow();
        code.endControlFlow();
    }

    /** The selector's switch, jumping to the state of the matching case. */
    private void writeSwitchDispatch(Code code, Block.Op.SwitchDispatch dispatch) {
        code.beginControlFlow("switch ($L)", plan.print(dispatch.selector));
        for (int i = 0; i < dispatch.labels.size(); i++) {
            List<TreePath> labels = dispatch.labels.get(i);
            if (labels.isEmpty()) {
                continue; // default: below
            }
            StringBuilder cases = new StringBuilder();
            for (TreePath label : labels) {
                cases.append(cases.length() == 0 ? "" : " ").append("case ").append(plan.print(label)).append(':');
            }
            code.add("$L\n", cases).indent();
            goTo(code, dispatch.targets.get(i));
            code.unindent();
        }
        code.add("default:\n").indent();
        goTo(code, dispatch.otherwise);
        code.unindent();
        code.endControlFlow();
    }

    private void goTo(Code code, Block target) {
        code.addStatement("$N = $L", plan.stateField, target.id);
        code.addStatement("continue $N", plan.dispatchLabel);
    }

    private void writeDeclare(Code code, Block.Op.Declare declare) {
        if (declare.initializer == null) {
            if (!plan.isField(declare.var)) {
                code.addStatement("$L $N", plan.localType(declare.var, false), plan.name(declare.var));
            }
            return;
        }
        String value = plan.print(declare.initializer);
        if (declare.initializer.getLeaf() instanceof NewArrayTree
                && ((NewArrayTree) declare.initializer.getLeaf()).getType() == null) {
            // `int[] a = {1, 2};` — an array initializer is only allowed in a declaration; a field assignment
            // needs the `new int[]` the declaration implied.
            value = "new " + plan.fieldType(declare.var) + " " + value;
        }
        declareWith(code, declare.var, Code.of("$L", value), false);
    }

    private void writeTake(Code code, Block.Op.TakeAwaited take) {
        Code awaited = Code.of("$N($N)", RuntimeNames.AWAITED_VALUE, plan.taskVar);
        switch (take.into) {
            case DISCARD:
                code.addStatement("$L", awaited);
                break;
            case RETURN:
                if (take.exit == null && plan.primitiveResult != null) {
                    code.addStatement("return $L", plan.unboxedReturn(
                            plan.awaitedPrimitive(MethodPlan.unboxer(plan.primitiveResult))));
                } else if (take.exit == null) {
                    code.addStatement("return $L", awaited);
                } else {
                    code.addStatement("$N = $L", plan.lowered.returnedField, awaited);
                    code.add("$L\n", enterFinally(take.exit));
                }
                break;
            case THROW:
                code.addStatement("throw awaitedThrowable($N)", plan.taskVar);
                break;
            case DECLARE:
                declareWith(code, take.var, plan.isPrimitive(take.var)
                        ? Code.of("$L", plan.awaitedPrimitive(plan.unboxer(take.var)))
                        : awaited, true);
                break;
            case ASSIGN: {
                String unboxer = plan.unboxerOfTarget(take.target);
                code.addStatement("$L = $L", plan.print(take.target), unboxer == null ? awaited
                        : plan.awaitedPrimitive(unboxer));
                break;
            }
            default:
                throw new IllegalStateException(take.into.toString());
        }
    }

    /** {@code name = value;} for a field, else a local declaration; an opaque value needs the real type. */
    private void declareWith(Code code, LocalVar var, Code value, boolean opaque) {
        if (plan.isField(var)) {
            code.addStatement("$N = $L", plan.name(var), value);
        } else {
            code.addStatement("$L $N = $L", plan.localType(var, opaque), plan.name(var), value);
        }
    }

    static TypeName iteratorType() {
        return ParameterizedTypeName.get(ClassName.get(Iterator.class), WildcardTypeName.subtypeOf(Object.class));
    }
}
