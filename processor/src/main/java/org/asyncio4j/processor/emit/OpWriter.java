package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.lower.Block;
import org.asyncio4j.processor.lower.Completion;
import org.asyncio4j.processor.lower.Finally;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.RuntimeNames;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.util.TreePath;
import java.util.Iterator;
import java.util.Map;
import javax.lang.model.type.TypeKind;

/**
 * Writes each op of a state, in order: copied statements, awaits (the state to resume at, then
 * {@code if (suspendOn(frame, task, x)) break suspend;}), reads of awaited values, jumps between states, and the
 * bookkeeping of {@code catch}, {@code finally}, resources, loops and {@code assert}.
 *
 * <pre>{@code
 * Block.Op.Suspend (await(fetch(url)))     state = 2;
 *                                   ===>   if (suspendOn(frame, task, fetch(url))) break suspend;
 * Block.Op.TakeAwaited (String page)       page = (String) awaitedValue(task);
 * Block.Op.Jump (to block 5)               state = 5; continue dispatch;
 * }</pre>
 *
 * <p>Part of the writer's chain ({@link BlockWriter} &lt; {@link EntryPointWriter} &lt; {@code OpWriter} &lt;
 * {@link StateMachineWriter}). Not thread-safe.
 */
abstract class OpWriter extends EntryPointWriter {
    /** See {@link #adoptVar()}; named once, on first use. */
    private String adoptVar;
    /** See {@link #suspendLabel()}; named once, on first use. */
    private String suspendLabel;

    OpWriter(MethodPlan plan) {
        super(plan);
    }

    /** {@code suspend}: the block around the dispatch switch that every await which must wait breaks out of. */
    String suspendLabel() {
        if (suspendLabel == null) {
            suspendLabel = plan.freshNames.fresh("suspend");
        }
        return suspendLabel;
    }

    /** Whether some await is a frame-less call whose frame may have to be adopted ({@link #adoptVar()} was named). */
    boolean adopts() {
        return adoptVar != null;
    }

    /** {@code adopt}: set by a frame-less call that suspended, whose frame this body's frame adopts. */
    String adoptVar() {
        if (adoptVar == null) {
            adoptVar = plan.freshNames.fresh("adopt");
        }
        return adoptVar;
    }

    void writeOps(Code code, Block block, Block next) {
        long blockLine = firstLine(block) > 0 ? firstLine(block) : plan.headerLine;
        code.line(blockLine);
        Iterator<Block.Op> ops = block.ops().iterator();
        while (ops.hasNext()) {
            Block.Op op = ops.next();
            boolean followed = ops.hasNext();
            Code opCode = code.fork(); // printing the op tells which snapshots must precede it
            long opLine = markOp(opCode, op);
            writeOp(opCode, block, op, next, followed);
            for (Map.Entry<LocalVar, String> snapshot : plan.resolver.takeSnapshots().entrySet()) {
                code.line(opLine > 0 ? opLine : blockLine); // a snapshot belongs to the op it is made for
                code.addStatement("final $T $N = $N", plan.fieldType(snapshot.getKey()), snapshot.getValue(),
                        plan.name(snapshot.getKey()));
            }
            code.append(opCode);
        }
    }

    private void writeOp(Code code, Block current, Block.Op op, Block next, boolean followed) {
        if (op instanceof Block.Op.Statement) {
            TreePath path = ((Block.Op.Statement) op).path;
            String text = plan.printer.printWithLines(path); // each statement that starts a line marks its line
            if (followed && Completion.of(path.getLeaf(), plan.lowered.variability) == Completion.UNKNOWN) {
                // javac may consider the statement unable to complete (a constant loop condition); inside
                // `if (true)` it can, so the generated code after it stays reachable (JLS 14.22).
                code.beginControlFlow("if (true)").add("$L\n", text).endControlFlow();
            } else {
                code.add("$L\n", text);
            }
        } else if (op instanceof Block.Op.Evaluate) {
            Block.Op.Evaluate evaluate = (Block.Op.Evaluate) op;
            code.addStatement(evaluate.returned ? "return $L" : "$L", plan.print(evaluate.expression));
        } else if (op instanceof Block.Op.Declare) {
            writeDeclare(code, (Block.Op.Declare) op);
        } else if (op instanceof Block.Op.TakeAwaited) {
            writeTake(code, (Block.Op.TakeAwaited) op);
        } else if (op instanceof Block.Op.Suspend) {
            Block.Op.Suspend suspend = (Block.Op.Suspend) op;
            code.addStatement("$N = $L", plan.stateField, suspend.resume.id);
            // Constant size per await: the frame is saved in one place, after the switch (see writeSuspension).
            if (isEmit(suspend)) {
                // emit(value) in a generator: hand the value out; the suspension path returns the frame itself
                code.addStatement("if ($N($N, $L)) break $N", RuntimeNames.HAND_OUT, plan.frameVar,
                        plan.print(suspend.awaited), suspendLabel());
            } else if (plan.framelessCall.test(suspend.awaited.getLeaf())) {
                code.beginControlFlow("if ($L)", framelessCall(suspend.awaited));
                code.addStatement("$N = true", adoptVar());
                code.addStatement("break $N", suspendLabel());
                code.endControlFlow();
            } else {
                code.addStatement("if ($N($N, $N, $L)) break $N", RuntimeNames.SUSPEND_ON, plan.frameVar,
                        plan.taskVar, plan.print(suspend.awaited), suspendLabel());
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
                plan.reads.saved(save.expression.getLeaf());
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
        } else if (op instanceof Block.Op.HasNextAsync || op instanceof Block.Op.CloseAsync) {
            writeAsyncSuspend(code, op, next, suspendLabel());
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
            code.addStatement("$N = $T.iterate($L)", plan.name(start.cursor), start.cursor.kind
                    == LocalVar.Kind.ASYNC_CURSOR ? RuntimeNames.ASYNC_SUPPORT : RuntimeNames.FOR_EACH_SUPPORT,
                    plan.print(start.expression));
        } else if (op instanceof Block.Op.IterateTest) {
            Block.Op.IterateTest test = (Block.Op.IterateTest) op;
            writeBranch(code, plan.name(test.cursor) + ".hasNext()", test.body, test.exit, current, next);
        } else if (op instanceof Block.Op.IterateNext) {
            Block.Op.IterateNext element = (Block.Op.IterateNext) op;
            String cursor = plan.name(element.cursor);
            Code value = plan.isPrimitive(element.var)
                    ? Code.of("$T.$L($N.next())", RuntimeNames.UNBOXING, plan.unboxer(element.var), cursor)
                    : Code.of("$T.next($N)", element.cursor.kind == LocalVar.Kind.ASYNC_CURSOR
                            ? RuntimeNames.ASYNC_SUPPORT : RuntimeNames.FOR_EACH_SUPPORT, cursor);
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
}
