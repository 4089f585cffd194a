package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.scan.Companions;
import org.asyncio4j.processor.lower.Block;
import org.asyncio4j.processor.lower.Finally;
import org.asyncio4j.processor.lower.Hoisting;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Map;

/**
 * Writes the parts of {@code stepBody} that one lowered op or block needs besides the awaits: jumps between states,
 * branches, declarations, the end of a finally block, resource closes, a switch's dispatch and the exception
 * handlers' dispatch.
 * <pre>{@code
 * Block.Op.Branch(ready, 1, 2)   ===>   if (!(ready)) { state = 2; continue dispatch; }     (block 1 is next)
 * Block.Op.EndFinally(finally1)  ===>   switch (finally1Exit) { case -1: throw finally1Error; case 4: ... }
 * }</pre>
 * The first of the writer's chain ({@code BlockWriter} &lt; {@link EntryPointWriter} &lt; {@link OpWriter} &lt;
 * {@link StateMachineWriter}), split by concern so that each file stays under 500 lines. Not thread-safe: one
 * instance writes one method.
 */
abstract class BlockWriter {
    final MethodPlan plan;
    final List<Block> blocks;

    BlockWriter(MethodPlan plan) {
        this.plan = plan;
        this.blocks = plan.lowered.blocks;
    }

    /** This class with its type variables: {@code GreetCoroutine<T>}. */
    TypeName frameType() {
        ClassName raw = Companions.companionName(plan.elements, plan.owner).nestedClass(plan.className);
        return plan.typeVariables.isEmpty() ? raw
                : ParameterizedTypeName.get(raw, plan.typeVariables.toArray(new TypeName[0]));
    }

    static TypeName taskType() {
        return ParameterizedTypeName.get(RuntimeNames.TASK, WildcardTypeName.subtypeOf(Object.class));
    }

    /**
     * The exception handlers of lowered {@code try} statements: an exception thrown in a state that has a handler
     * is kept in {@code caught} and dispatched by the handler's state (catch clauses, then finally).
     */
    void writeHandlerDispatch(Code code) {
        writeHandlerDispatch(code, blocks, plan.freshNames.fresh("thrown"));
    }

    /** {@link #writeHandlerDispatch(Code)} for the states of {@code from} only (a part of a split body). */
    void writeHandlerDispatch(Code code, List<Block> from, String thrown) {
        code.nextControlFlow("catch ($T $N)", Throwable.class, thrown);
        code.beginControlFlow("switch ($N)", plan.stateField);
        java.util.Map<Block, java.util.List<Block>> byHandler = new java.util.LinkedHashMap<>();
        for (Block block : from) {
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
    long firstLine(Block block) {
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

    void writeBranch(Code code, String condition, Block ifTrue, Block ifFalse, Block current,
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
    static String negated(String condition) {
        return condition.matches("[\\w.$]+(\\([\\w.$, ]*\\))?") ? "!" + condition : "!(" + condition + ")";
    }

    /**
     * Falling through into the next state: {@code state} must name it when an exception there goes elsewhere than
     * from the current one (the handler dispatch reads {@code state}).
     */
    void enterNext(Code code, Block current, Block next) {
        if (next.handler != current.handler) {
            code.addStatement("$N = $L", plan.stateField, next.id);
        }
    }

    /** {@code finallyExit = key; state = start; continue dispatch;} */
    String enterFinally(Finally.Exit exit) {
        int key = exit.isReturn() ? Finally.RETURN : exit.target.id;
        return exit.first.exitField + " = " + key + ";\n" + plan.stateField + " = " + exit.first.start.id + ";\n"
                + "continue " + plan.dispatchLabel + ";";
    }

    /** The end of a finally block: rethrow, return, or jump, passing the exit on to the next finally block. */
    void writeEndFinally(Code code, Finally fin) {
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
    void writeClose(Code code, Finally close) {
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

    /**
     * The awaits of {@code async for} and {@code async with}, as an await statement's: {@code cursor.hasNextAsync()}
     * ({@link Block.Op.HasNextAsync}), or the close of a resource or cursor ({@link Block.Op.CloseAsync}):
     * {@code closeAsync()} after a normal end or a jump, {@code closeAsync(failure)} after an exception.
     */
    void writeAsyncSuspend(Code code, Block.Op op, Block next, String suspendLabel) {
        Block resume;
        Object awaited;
        if (op instanceof Block.Op.HasNextAsync) {
            Block.Op.HasNextAsync test = (Block.Op.HasNextAsync) op;
            resume = test.resume;
            awaited = plan.name(test.cursor) + ".hasNextAsync()";
        } else {
            Finally close = ((Block.Op.CloseAsync) op).owner;
            resume = ((Block.Op.CloseAsync) op).resume;
            String resource = close.cursor != null ? plan.name(close.cursor)
                    : close.resourceVar != null ? plan.name(close.resourceVar) : plan.print(close.resource);
            if (close.resourceVar != null && plan.fieldType(close.resourceVar).equals(TypeName.get(Object.class))) {
                resource = "((" + AutoCloseable.class.getSimpleName() + ") " + resource + ")"; // a kept `var`
            }
            awaited = Code.of("$T.closing($L, $N == $L ? $N : null)", RuntimeNames.ASYNC_SUPPORT, resource,
                    close.exitField, Finally.THROW, close.errorField).toString();
        }
        code.addStatement("$N = $L", plan.stateField, resume.id);
        code.addStatement("if ($N($N, $N, $L)) break $N", RuntimeNames.SUSPEND_ON, plan.frameVar, plan.taskVar,
                awaited, suspendLabel);
        if (resume != next) {
            code.addStatement("continue $N", plan.dispatchLabel);
        }
    }

    /** The selector's switch, jumping to the state of the matching case. */
    void writeSwitchDispatch(Code code, Block.Op.SwitchDispatch dispatch) {
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

    void goTo(Code code, Block target) {
        code.addStatement("$N = $L", plan.stateField, target.id);
        code.addStatement("continue $N", plan.dispatchLabel);
    }

    void writeDeclare(Code code, Block.Op.Declare declare) {
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

    void writeTake(Code code, Block.Op.TakeAwaited take) {
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
    void declareWith(Code code, LocalVar var, Code value, boolean opaque) {
        if (plan.isField(var)) {
            code.addStatement("$N = $L", plan.name(var), value);
        } else {
            code.addStatement("$L $N = $L", plan.localType(var, opaque), plan.name(var), value);
        }
    }

    /**
     * Marks (for DebugLines) the user line an op of a state starts, if it has one: what follows belongs to that line. Returns that
     * line, or 0 if the op has none (it then belongs to the line before it).
     */
    long markOp(Code code, Block.Op op) {
        for (TreePath path : Hoisting.treesOf(op)) {
            long line = plan.lineOf(path);
            if (line > 0) {
                code.line(line);
                return line;
            }
        }
        return 0;
    }

    /**
     * {@code OwnerAsync.m$await(task, a, b)} for the awaited direct call {@code OwnerAsync.m(a, b)}: it runs
     * {@code m} without a frame, and returns {@code true} if it suspended.
     */
    String framelessCall(TreePath awaited) {
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

    /** Whether {@code suspend} is an {@code emit(value)} of a generator's body, not an await. */
    boolean isEmit(Block.Op.Suspend suspend) {
        return plan.generator
                && org.asyncio4j.processor.scan.AwaitCalls.isEmitPoint(suspend.awaited.getParentPath().getLeaf());
    }

    /** Whether some block suspends at an {@code emit} (a generator's body). */
    boolean hasEmit() {
        return blocks.stream().anyMatch(block -> block.ops().stream()
                .anyMatch(op -> op instanceof Block.Op.Suspend && isEmit((Block.Op.Suspend) op)));
    }
}
