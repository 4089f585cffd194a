package org.asyncio4j.processor.emit;

import org.asyncio4j.processor.lower.Block;
import org.asyncio4j.processor.print.SourceLines;
import org.asyncio4j.processor.print.TypeArguments;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * Writes the body of a state machine too large for one method ({@link StepParts}) as a dispatcher and parts: each
 * group of consecutive states becomes a static method {@code stepPartK(frame, task, receiver, parameters)} with its
 * own dispatch loop, and {@code stepBody} calls the part that owns the current state until one returns something
 * else than {@code NEXT_PART}.
 * <pre>{@code
 * stepBody(frame, task, a):                         stepBody(frame, task, a):
 *   int state = ...; int x = 0; ...                   if (frame == null) { frame = new MCoroutine(a); ... }
 *   dispatch: for (;;) { try { suspend: {             for (;;) {
 *     switch (state) {                                    int state = frame.state;
 *       case 0: ... case 39: ...            ===>          outcome = state < 40 ? stepPart1(frame, task, a) : ...
 *       case 40: ... case 84: ...                         if (outcome != NEXT_PART) return outcome;
 *   } } save the frame; ... } catch ... }             }
 *                                                   stepPart1(frame, task, a):      (and stepPart2, ...)
 *                                                     int state = frame.state; int x = frame.x;   (what it uses)
 *                                                     dispatch: for (;;) { try { suspend: { switch (state) {
 *                                                       case 0: ... case 39: ...
 *                                                       default: leave = true; break suspend;   // another part's
 *                                                     } } frame.state = state; frame.x = x;
 *                                                     if (leave) return NEXT_PART;  ...suspend as before
 *                                                     } catch ... }
 * }</pre>
 * What does not change: every state's code is written by the same {@link StateMachineWriter#writeOps} as in one
 * method, so jumps are still {@code state = n; continue dispatch;}. A jump to a state of another part reaches the
 * part's {@code default}, which saves the locals the part uses into the frame and returns to the dispatcher; the
 * part's last state falling through into the next part's first is told apart there by {@code state} still being one
 * of the part's own. Locals that cross states live in the frame's fields between parts (they already did between
 * suspensions), so a split state machine always has its frame: {@code stepBody} creates it at once when called
 * frame-less ({@code m$await} still works; it allocates the frame even when nothing suspends). Exceptions: each
 * part's {@code catch} sends an exception to the handler of the state that threw, as in one method; a handler in
 * another part is reached as any other jump. Each part's handler dispatch lists its own states, the next part's first
 * (a boundary it may fall through to) and the states its awaits resume at (set before {@code suspendOnKept}, which
 * may throw the awaited coroutine's failure). Not thread-safe: one instance writes one method.
 */
final class SplitStepWriter {
    private final StateMachineWriter writer;
    private final MethodPlan plan;
    private final StepParts parts;
    private final List<Block> blocks;

    SplitStepWriter(StateMachineWriter writer, StepParts parts) {
        this.writer = writer;
        this.plan = writer.plan;
        this.parts = parts;
        this.blocks = writer.blocks;
    }

    /** Adds the sentinel, {@code stepBody} (the dispatcher) and its parts to the state machine class. */
    void addTo(TypeSpec.Builder type) {
        String nextPart = plan.freshNames.fresh("NEXT_PART");
        String leave = plan.freshNames.fresh("leave");
        String thrown = plan.freshNames.fresh("thrown");
        writer.suspendLabel();
        List<String> names = new ArrayList<>();
        List<CodeBlock> bodies = new ArrayList<>();
        for (int k = 0; k < parts.ranges.size(); k++) {
            names.add(plan.freshNames.fresh("stepPart" + (k + 1)));
        }
        for (int[] range : parts.ranges) {
            bodies.add(part(range[0], range[1], nextPart, leave, thrown));
        }
        type.addField(FieldSpec.builder(Object.class, nextPart, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("What a part returns when the next state is another part's.\n")
                .initializer("new $T()", Object.class).build());
        type.addMethod(SourceLines.ended(dispatcher(names, nextPart)));
        AnnotationSpec suppress = writer.suppressWarnings(); // after printing: it depends on the printed code
        for (int k = 0; k < names.size(); k++) {
            type.addMethod(SourceLines.ended(method(names.get(k)).addAnnotation(suppress)
                    .addCode(bodies.get(k)).build()));
        }
    }

    /** A static method with {@code stepBody}'s parameters, without its body. */
    private MethodSpec.Builder method(String name) {
        MethodSpec.Builder method = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .addTypeVariables(plan.typeVariables)
                .returns(ClassName.OBJECT)
                .addParameter(writer.frameType(), plan.frameVar)
                .addParameter(BlockWriter.taskType(), plan.taskVar)
                .addException(Throwable.class);
        writer.addArguments(method);
        return method;
    }

    /**
     * {@code stepBody}: creates the frame if a frame-less call has none, then runs the part that owns the state
     * until one returns a result, {@code SUSPENDED} or a failure.
     */
    private MethodSpec dispatcher(List<String> names, String nextPart) {
        String arguments = plan.frameVar + ", " + plan.taskVar
                + (writer.argumentNames().isEmpty() ? "" : ", " + writer.argumentNames());
        String outcome = plan.freshNames.fresh("outcome");
        Code code = Code.builder().line(plan.headerLine);
        code.add("// Too large for one method (about $L bytes of bytecode): its states are split across $L parts,\n",
                String.format(java.util.Locale.ROOT, "%,d", parts.estimate), names.size());
        code.add("// and the locals that cross states live in the frame, which is created at once.\n");
        code.beginControlFlow("if ($N == null)", plan.frameVar)
                .addStatement("$N = new $N$L($L)", plan.frameVar, plan.className,
                        TypeArguments.of(plan.typeVariables), writer.argumentNames())
                .addStatement("$N.startInline($N)", plan.frameVar, plan.taskVar)
                .endControlFlow();
        code.beginControlFlow("for (;;)");
        code.addStatement("int $N = $N.$N", plan.stateField, plan.frameVar, plan.stateField);
        code.addStatement("$T $N", Object.class, outcome);
        code.beginControlFlow("if ($N < 0 || $N >= $L)", plan.stateField, plan.stateField, blocks.size());
        code.addStatement("throw $N($N, $N.class)", RuntimeNames.INVALID_STATE, plan.stateField, plan.className);
        for (int k = 0; k < names.size(); k++) {
            int to = parts.ranges.get(k)[1];
            if (k + 1 < names.size()) {
                code.nextControlFlow("else if ($N < $L)", plan.stateField, to);
            } else {
                code.nextControlFlow("else");
            }
            code.addStatement("$N = $N($L)", outcome, names.get(k), arguments);
        }
        code.endControlFlow();
        code.beginControlFlow("if ($N != $N)", outcome, nextPart)
                .addStatement("return $N", outcome)
                .endControlFlow();
        code.endControlFlow();
        return method(RuntimeNames.STEP_BODY).addCode(code.build()).build();
    }

    /** The body of the part that owns states {@code [from, to)}. */
    private CodeBlock part(int from, int to, String nextPart, String leave, String thrown) {
        List<Block> own = blocks.subList(from, to);
        List<Block> covered = handled(from, to);
        boolean adopts = own.stream().anyMatch(b -> b.ops().stream().anyMatch(op -> op instanceof Block.Op.Suspend
                && plan.framelessCall.test(((Block.Op.Suspend) op).awaited.getLeaf())));
        Code head = Code.builder().line(plan.headerLine);
        Code body = head.fork();
        body.add("$L:\n", plan.dispatchLabel);
        body.beginControlFlow("for (;;)");
        if (!covered.isEmpty()) {
            body.beginControlFlow("try");
        }
        body.add("$L: {\n", writer.suspendLabel()).indent();
        body.beginControlFlow("switch ($N)", plan.stateField);
        for (int i = from; i < to; i++) {
            Block block = blocks.get(i);
            Block next = i + 1 < blocks.size() ? blocks.get(i + 1) : null;
            body.add("case $L: {\n", block.id).indent();
            long line = writer.firstLine(block);
            if (line > 0) {
                body.add("// $L\n", plan.location(line));
            }
            writer.writeOps(body, block, next);
            body.unindent().add("}\n");
        }
        Set<String> used = identifiers(body.toString());
        used.add(plan.stateField);
        if (!covered.isEmpty()) {
            used.add(plan.lowered.caughtField);
        }
        List<StateMachineWriter.FrameLocal> locals = new ArrayList<>();
        for (StateMachineWriter.FrameLocal local : writer.frameLocals()) {
            if (used.contains(local.name)) {
                locals.add(local);
            }
        }
        List<String> parameters = new ArrayList<>();
        for (MethodPlan.Parameter parameter : plan.parameters) {
            if (parameter.reassigned && used.contains(parameter.name)) {
                parameters.add(parameter.name);
            }
        }
        body.line(plan.headerLine);
        int first = blocks.get(from).id;
        int end = to < blocks.size() ? blocks.get(to).id : blocks.size();
        body.add("default: // a state of another part: the dispatcher runs it\n").indent();
        body.add("// still a state of this part: its last state fell through into the next part's first\n");
        body.beginControlFlow("if ($N >= $L && $N < $L)", plan.stateField, first, plan.stateField, end)
                .addStatement("$N = $L", plan.stateField, end)
                .endControlFlow();
        body.addStatement("$N = true", leave);
        body.addStatement("break $N", writer.suspendLabel()).unindent();
        body.endControlFlow();
        body.endControlFlow();
        body.add("// Every await that must wait, and every jump to another part, breaks out of the switch to here.\n");
        for (String parameter : parameters) {
            body.addStatement("$N.$N = $N", plan.frameVar, parameter, parameter);
        }
        for (StateMachineWriter.FrameLocal local : locals) {
            body.addStatement("$N.$N = $N", plan.frameVar, local.name, local.name);
        }
        body.addStatement("if ($N) return $N", leave, nextPart);
        if (adopts) {
            body.addStatement("if ($N) return $N.adoptSuspended()", writer.adoptVar(), plan.frameVar);
        }
        if (plan.generator && writer.hasEmit()) {
            // an element is ready: the frame itself goes back through the dispatcher, as from an unsplit stepBody
            body.addStatement("if ($N.handedOut()) return $N", plan.frameVar, plan.frameVar);
        }
        body.addStatement("if ($N.suspendOnKept()) return $N.suspended()", plan.frameVar, plan.frameVar);
        if (!covered.isEmpty()) {
            writer.writeHandlerDispatch(body, covered, thrown);
        }
        body.endControlFlow();
        head.line(plan.headerLine); // loading the locals: the method's own line, as in stepBody
        for (String parameter : parameters) {
            head.addStatement("$N = $N.$N", parameter, plan.frameVar, parameter);
        }
        for (StateMachineWriter.FrameLocal local : locals) {
            head.addStatement("$T $N = $N.$N", local.type, local.name, plan.frameVar, local.name);
        }
        head.addStatement("boolean $N = false", leave);
        if (adopts) {
            head.addStatement("boolean $N = false", writer.adoptVar());
        }
        return head.append(body).build();
    }

    /**
     * The states whose handler this part's {@code catch} must know: its own, the next part's first (its last state
     * may fall through into it, setting {@code state} first when the handler changes), and the states its awaits
     * resume at (set before {@code suspendOnKept}, which may throw). Only those with a handler, in state order.
     */
    private List<Block> handled(int from, int to) {
        TreeMap<Integer, Block> states = new TreeMap<>();
        for (int i = from; i <= to && i < blocks.size(); i++) {
            Block block = blocks.get(i);
            states.put(block.id, block);
            if (i < to) {
                for (Block.Op op : block.ops()) {
                    if (op instanceof Block.Op.Suspend) {
                        Block resume = ((Block.Op.Suspend) op).resume;
                        states.put(resume.id, resume);
                    }
                }
            }
        }
        List<Block> handled = new ArrayList<>();
        for (Block block : states.values()) {
            if (block.handler != null) {
                handled.add(block);
            }
        }
        return handled;
    }

    /** The Java identifiers in {@code text}: a superset of the locals it uses (names in strings count too). */
    static Set<String> identifiers(String text) {
        Set<String> names = new HashSet<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++;
                }
                names.add(text.substring(start, i));
            } else if (Character.isJavaIdentifierPart(c)) {
                while (i < text.length() && Character.isJavaIdentifierPart(text.charAt(i))) {
                    i++; // a number, or the rest of one
                }
            } else {
                i++;
            }
        }
        return names;
    }
}
