package org.asyncio4j.processor;

import org.asyncio4j.processor.emit.Jumps;
import org.asyncio4j.processor.emit.MethodPlan;
import org.asyncio4j.processor.emit.Signature;
import org.asyncio4j.processor.emit.StateMachineWriter;
import org.asyncio4j.processor.lower.ClassFields;
import org.asyncio4j.processor.lower.FrameNames;
import org.asyncio4j.processor.lower.Hoisting;
import org.asyncio4j.processor.lower.LocalTypes;
import org.asyncio4j.processor.lower.Lowering;
import org.asyncio4j.processor.lower.WitnessedLocals;
import org.asyncio4j.processor.print.AssignedTypes;
import org.asyncio4j.processor.print.AwaitReads;
import org.asyncio4j.processor.print.KnownTypes;
import org.asyncio4j.processor.print.MemberResolver;
import org.asyncio4j.processor.print.NameRewriter;
import org.asyncio4j.processor.print.SourcePrinter;
import org.asyncio4j.processor.print.UnsupportedTreeException;
import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.Companions;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.Messages;
import org.asyncio4j.processor.scan.MethodChecks;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The passes that turn one {@code @Async} method into a state machine, in order; this is the one place that order
 * is stated.
 *
 * <ol>
 *   <li><b>scan</b> — {@link MethodChecks#checkDeclaration}: the declaration can be transformed (it has a body,
 *       its signature's types exist); {@link BodyScan}: names resolved to locals, awaits found, awaits in lambdas
 *       and classes rejected.
 *   <li><b>lower</b> — {@link Lowering}: the body cut into blocks at every await; {@link Hoisting}: the locals
 *       that live across an await become fields ({@link WitnessedLocals}: those read through a witness);
 *       {@link LocalTypes}: their types; {@link FrameNames}: every generated name, allocated once.
 *   <li><b>print</b> — {@link MemberResolver}: how copied code names the template's members; {@link AwaitReads}:
 *       how it reads awaited values; {@link SourcePrinter}: the copied code's text, with {@link Jumps} for the
 *       jumps that leave it.
 *   <li><b>emit</b> — {@link Signature} and {@link MethodPlan}, then {@link StateMachineWriter}: the state machine
 *       class and its entry points; {@code CompanionWriter} (called by {@link AsyncProcessor}) the companion.
 * </ol>
 * <pre>{@code
 * @Async String greet(String who) {             GreetCoroutine: case 0: state = 1; suspend on lookup(who);
 *     String name = await(lookup(who));  ===>                    case 1: String name = awaitedValue(task);
 *     return "hi " + name;                                               return "hi " + name;
 * }
 * }</pre>
 * Each pass returns a value the next one reads (a report, the lowered blocks, a record of names); any problem stops
 * the method (not the whole round) and is returned for reporting. Not thread-safe: one instance per method.
 */
final class Pipeline {
    /**
     * The outcome: generated code, or problems, or a request to retry in the next round.
     *
     * @param entryPoint the companion's entry point; null if the method failed
     * @param framelessEntry {@code m$await}, see {@link StateMachineWriter#framelessEntry()}
     * @param warnings for a method that was transformed: on the method (null path) or on a tree
     */
    record Outcome(MethodSpec entryPoint, MethodSpec framelessEntry, TypeSpec stateMachine,
            List<BodyScan.Problem> problems, String elementProblem, boolean deferred,
            List<BodyScan.Problem> warnings) {
        static Outcome of(MethodSpec entryPoint, MethodSpec framelessEntry, TypeSpec stateMachine,
                List<BodyScan.Problem> warnings) {
            return new Outcome(entryPoint, framelessEntry, stateMachine, List.of(), null, false, warnings);
        }

        static Outcome problems(List<BodyScan.Problem> problems) {
            return new Outcome(null, null, null, problems, null, false, List.of());
        }

        static Outcome onElement(String message) {
            return new Outcome(null, null, null, List.of(), message, false, List.of());
        }

        static Outcome retryNextRound() {
            return new Outcome(null, null, null, List.of(), null, true, List.of());
        }

        boolean succeeded() {
            return entryPoint != null;
        }
    }

    private final Trees trees;
    private final Elements elements;
    private final Types types;
    private final ExecutableElement method;
    private final TypeElement owner;
    private final Set<String> takenClassNames;
    private final TreePath methodPath;

    /** {@code methodPath} is the method's declaration (the caller finds all of a class's in one pass). */
    Pipeline(Trees trees, Elements elements, Types types, ExecutableElement method, TreePath methodPath,
            Set<String> takenClassNames) {
        this.methodPath = methodPath;
        this.trees = trees;
        this.elements = elements;
        this.types = types;
        this.method = method;
        this.owner = (TypeElement) method.getEnclosingElement();
        this.takenClassNames = takenClassNames;
    }

    Outcome transform(boolean lastChance) {
        try {
            return transformOrThrow(lastChance);
        } catch (LocalTypes.TypeUnavailable e) {
            return e.retryLater() ? Outcome.retryNextRound()
                    : Outcome.problems(List.of(new BodyScan.Problem(e.getMessage(), e.where())));
        }
    }

    private Outcome transformOrThrow(boolean lastChance) {
        // scan
        Companions companions = new Companions(trees, elements, owner);
        MethodChecks checks = new MethodChecks(method, companions);
        MethodTree tree = methodPath == null ? null : (MethodTree) methodPath.getLeaf();
        MethodChecks.Report report = checks.checkDeclaration(tree, lastChance);
        if (!report.clean()) {
            return report.deferred() ? Outcome.retryNextRound() : Outcome.onElement(report.elementProblem());
        }
        CompilationUnitTree unit = methodPath.getCompilationUnit();
        AwaitCalls awaitCalls = AwaitCalls.in(elements, owner);
        BodyScan scan = new BodyScan(awaitCalls);
        scan.scan(tree, methodPath);
        if (!scan.problems().isEmpty()) {
            return Outcome.problems(scan.problems());
        }
        // lower
        SourcePositions positions = trees.getSourcePositions();
        boolean returnsVoid = method.getReturnType().getKind() == TypeKind.VOID;
        WitnessedLocals witnessed =
                new WitnessedLocals(scan, call -> !companions.asyncMethodsCalledBy(call).isEmpty());
        LocalTypes localTypes = new LocalTypes(trees, elements, types, method, companions, lastChance, witnessed);
        ClassFields classFields = new ClassFields(elements, types, owner, unit, tree.getBody(), scan, localTypes);
        Lowering.Result lowered = Lowering.lower(new TreePath(methodPath, tree.getBody()), awaitCalls, scan, unit,
                positions, returnsVoid, classFields);
        if (!lowered.problems.isEmpty()) {
            return Outcome.problems(lowered.problems);
        }
        List<BodyScan.Problem> localClasses = Hoisting.localClassesAcrossBlocks(lowered.blocks, unit, positions);
        localClasses.addAll(Hoisting.keepPatternVariables(lowered.blocks, scan));
        if (!localClasses.isEmpty()) {
            return Outcome.problems(localClasses);
        }
        // Which locals need a witness must be known before any of their reads is printed; their initializers'
        // locals become fields then, which may need witnesses in turn.
        Set<LocalVar> fields = witnessed.typed(Hoisting.fields(lowered.blocks, scan.locals(), lowered.cursors, scan),
                localTypes::typeOf);
        FrameNames frame = FrameNames.allocate(method, scan, lowered, fields, takenClassNames);
        witnessed.name(frame.fresh()::fresh);
        Signature signature = Signature.of(method, tree, unit, positions, scan, frame.locals());
        MethodPlan.Template template = new MethodPlan.Template(positions, elements, owner, scan, localTypes,
                checks.userSuppressions(), companions::hasFramelessEntry);
        // print
        MemberResolver resolver = new MemberResolver(trees, elements, types, method, unit, tree.getBody(), scan,
                frame.locals(), frame.receiver());
        Set<LocalVar> mutableFields = new HashSet<>(fields);
        mutableFields.removeIf(v -> v.kind == LocalVar.Kind.PARAMETER && signature.parameters().stream()
                .noneMatch(p -> p.reassigned && p.name.equals(frame.locals().get(v))));
        resolver.captureFields(mutableFields, frame.fresh()::fresh);
        AwaitReads reads = new AwaitReads(lowered, awaitCalls, frame.taskVar(), witnessed::witnessOf,
                new AssignedTypes(scan, localTypes, classFields, elements, owner)::typeOf,
                new KnownTypes(elements, types, owner, scan, unit, companions));
        resolver.witnessing(reads::inWitness, frame.className() + (signature.typeVariables().isEmpty() ? ""
                : signature.typeVariables().stream().map(TypeName::toString)
                        .collect(Collectors.joining(", ", "<", ">"))));
        Jumps jumps = new Jumps(lowered, reads, frame, signature);
        SourcePrinter printer = new SourcePrinter(new NameRewriter.WithJumps(resolver, jumps::rewrite, reads::print),
                unit, positions);
        // emit
        MethodPlan plan = new MethodPlan(template, signature, frame, lowered, fields, printer, resolver, reads);
        try {
            StateMachineWriter writer = new StateMachineWriter(plan);
            TypeSpec stateMachine = writer.stateMachine();
            MethodSpec entryPoint = writer.entryPoint();
            if (!resolver.problems().isEmpty()) {
                return Outcome.problems(resolver.problems());
            }
            List<BodyScan.Problem> warnings = checks.warnings(scan);
            return Outcome.of(entryPoint, writer.framelessEntry(), stateMachine, warnings);
        } catch (UnsupportedTreeException e) {
            TreePath at = trees.getPath(unit, e.tree());
            return Outcome.problems(List.of(new BodyScan.Problem(
                    Messages.UNSUPPORTED_TREE.format(e.getMessage()), at)));
        }
    }
}
