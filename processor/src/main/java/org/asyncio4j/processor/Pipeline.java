package org.asyncio4j.processor;

import org.asyncio4j.processor.emit.Jumps;
import org.asyncio4j.processor.emit.MethodPlan;
import org.asyncio4j.processor.emit.Signature;
import org.asyncio4j.processor.emit.SplitLimits;
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
import org.asyncio4j.processor.scan.AsyncStatementCheck;
import org.asyncio4j.processor.scan.AsyncStatements;
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
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 *       and classes rejected; {@link AsyncStatements}: async resources and async for-each loops marked as awaiting
 *       ({@link AsyncStatementCheck} checks the rest after attribution).
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
            List<BodyScan.Problem> warnings, List<TypeSpec> lambdaMachines) {
        static Outcome of(MethodSpec entryPoint, MethodSpec framelessEntry, TypeSpec stateMachine,
                List<BodyScan.Problem> warnings, List<TypeSpec> lambdaMachines) {
            return new Outcome(entryPoint, framelessEntry, stateMachine, List.of(), null, false, warnings,
                    lambdaMachines);
        }

        static Outcome problems(List<BodyScan.Problem> problems) {
            return new Outcome(null, null, null, problems, null, false, List.of(), List.of());
        }

        static Outcome onElement(String message) {
            return new Outcome(null, null, null, List.of(), message, false, List.of(), List.of());
        }

        static Outcome retryNextRound() {
            return new Outcome(null, null, null, List.of(), null, true, List.of(), List.of());
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
    /** Where async statements lowered as such are recorded, for {@link AsyncStatementCheck}. */
    private final Set<String> asyncLowered;
    /** When a state machine's body is split across methods. */
    private final SplitLimits split;

    /**
     * {@code methodPath} is the method's declaration (the caller finds all of a class's in one pass);
     * {@code split}: when a body too large for one method is split, see {@link SplitLimits}.
     */
    Pipeline(Trees trees, Elements elements, Types types, ExecutableElement method, TreePath methodPath,
            Set<String> takenClassNames, Set<String> asyncLowered, SplitLimits split) {
        this.asyncLowered = asyncLowered;
        this.split = split;
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
        if (AwaitCalls.returnsGenerator(method)) {
            awaitCalls = awaitCalls.inGenerator();      // emit(x) suspends as an await does
        }
        BodyScan scan = new BodyScan(awaitCalls);
        scan.scan(tree, methodPath);
        if (!scan.problems().isEmpty()) {
            return Outcome.problems(scan.problems());
        }
        boolean returnsVoid = method.getReturnType().getKind() == TypeKind.VOID;
        Body body = new Body(new TreePath(methodPath, tree.getBody()), scan, awaitCalls, returnsVoid,
                !method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC),
                Character.toUpperCase(method.getSimpleName().charAt(0)) + method.getSimpleName().toString()
                        .substring(1) + "Coroutine",
                frame -> Signature.of(method, tree, unit, trees.getSourcePositions(), scan, frame.locals()), Map.of());
        Machine machine = lowerPrintEmit(body, companions, checks.userSuppressions(), lastChance);
        if (!machine.problems.isEmpty()) {
            return Outcome.problems(machine.problems);
        }
        List<BodyScan.Problem> warnings = checks.warnings(scan);
        return Outcome.of(machine.writer.entryPoint(), machine.writer.framelessEntry(), machine.stateMachine,
                warnings, machine.lambdaMachines);
    }

    /**
     * A body the shared passes transform: a method's, or an async lambda's ({@link AsyncLambdaSites}).
     *
     * @param path the body block
     * @param scan its scan
     * @param awaitCalls how its awaits (and a generator's emits) are recognised
     * @param returnsVoid whether it returns nothing
     * @param hasReceiver whether the state machine keeps the receiver ({@code self})
     * @param classBase the state machine's class name, before it is made unique
     * @param signature the signature, from the frame's names
     * @param parameterTypes for an async lambda: its parameters' types (captured locals and its own)
     */
    record Body(TreePath path, BodyScan scan, AwaitCalls awaitCalls, boolean returnsVoid, boolean hasReceiver,
            String classBase, java.util.function.Function<FrameNames, Signature> signature,
            Map<String, javax.lang.model.type.TypeMirror> parameterTypes) {}

    /** The state machine of a body and those of its async lambdas (classes of the companion too); or problems. */
    record Machine(TypeSpec stateMachine, StateMachineWriter writer, List<TypeSpec> lambdaMachines,
            List<BodyScan.Problem> problems) {
        static Machine problems(List<BodyScan.Problem> problems) {
            return new Machine(null, null, List.of(), problems);
        }
    }

    /** lower, print and emit: the passes a method's body and an async lambda's body share. */
    Machine lowerPrintEmit(Body body, Companions companions, List<String> userSuppressions, boolean lastChance) {
        BodyScan scan = body.scan();
        new AsyncStatements(trees, elements, types, owner, scan, asyncLowered).mark(body.path());
        CompilationUnitTree unit = body.path().getCompilationUnit();
        Tree bodyTree = body.path().getLeaf();
        // lower
        SourcePositions positions = trees.getSourcePositions();
        WitnessedLocals witnessed =
                new WitnessedLocals(scan, call -> !companions.asyncMethodsCalledBy(call).isEmpty());
        LocalTypes localTypes = new LocalTypes(trees, elements, types, method, companions, lastChance, witnessed)
                .withParameterTypes(body.parameterTypes());
        ClassFields classFields = new ClassFields(elements, types, owner, unit, bodyTree, scan, localTypes);
        Lowering.Result lowered = Lowering.lower(body.path(), body.awaitCalls(), scan, unit, positions,
                body.returnsVoid(), classFields);
        if (!lowered.problems.isEmpty()) {
            return Machine.problems(lowered.problems);
        }
        List<BodyScan.Problem> localClasses = Hoisting.localClassesAcrossBlocks(lowered.blocks, unit, positions);
        localClasses.addAll(Hoisting.keepPatternVariables(lowered.blocks, scan));
        if (!localClasses.isEmpty()) {
            return Machine.problems(localClasses);
        }
        // Which locals need a witness must be known before any of their reads is printed; their initializers'
        // locals become fields then, which may need witnesses in turn.
        Set<LocalVar> fields = witnessed.typed(Hoisting.fields(lowered.blocks, scan.locals(), lowered.cursors, scan),
                localTypes::typeOf);
        List<BodyScan.Problem> localClassFields = Hoisting.localClassesTypingFields(lowered.blocks, fields, unit,
                positions);
        if (!localClassFields.isEmpty()) {
            return Machine.problems(localClassFields);
        }
        FrameNames frame = FrameNames.allocate(body.hasReceiver(), body.classBase(), scan, lowered, fields,
                takenClassNames);
        witnessed.name(frame.fresh()::fresh);
        Signature signature = body.signature().apply(frame);
        MethodPlan.Template template = new MethodPlan.Template(positions, elements, owner, scan, localTypes,
                userSuppressions, companions::hasFramelessEntry);
        // the async lambdas in this body: state machines of their own, beside this one in the companion
        AsyncLambdaSites lambdas = new AsyncLambdaSites(this, scan, localTypes, frame, signature, companions,
                userSuppressions, lastChance);
        if (!lambdas.problems().isEmpty()) {
            return Machine.problems(lambdas.problems());
        }
        // print
        MemberResolver resolver = new MemberResolver(trees, elements, types, method, unit, bodyTree, scan,
                frame.locals(), frame.receiver());
        Set<LocalVar> mutableFields = new HashSet<>(fields);
        mutableFields.removeIf(v -> v.kind == LocalVar.Kind.PARAMETER && signature.parameters().stream()
                .noneMatch(p -> p.reassigned && p.name.equals(frame.locals().get(v))));
        resolver.captureFields(mutableFields, frame.fresh()::fresh);
        AwaitReads reads = new AwaitReads(lowered, body.awaitCalls(), frame.taskVar(), witnessed::witnessOf,
                new AssignedTypes(scan, localTypes, classFields, elements, owner)::typeOf,
                new KnownTypes(elements, types, owner, scan, unit, companions));
        resolver.witnessing(reads::inWitness, frame.className() + (signature.typeVariables().isEmpty() ? ""
                : signature.typeVariables().stream().map(TypeName::toString)
                        .collect(Collectors.joining(", ", "<", ">"))));
        Jumps jumps = new Jumps(lowered, reads, frame, signature);
        SourcePrinter printer = new SourcePrinter(new NameRewriter.WithJumps(resolver, jumps::rewrite,
                (path, out) -> lambdas.print(path, out) || reads.print(path, out)), unit, positions);
        // emit
        MethodPlan plan = new MethodPlan(template, signature, frame, lowered, fields, printer, resolver, reads);
        try {
            StateMachineWriter writer = new StateMachineWriter(plan, split);
            TypeSpec stateMachine = writer.stateMachine();
            if (!resolver.problems().isEmpty()) {
                return Machine.problems(resolver.problems());
            }
            return new Machine(stateMachine, writer, lambdas.machines(), List.of());
        } catch (UnsupportedTreeException e) {
            TreePath at = trees.getPath(unit, e.tree());
            return Machine.problems(List.of(new BodyScan.Problem(
                    Messages.UNSUPPORTED_TREE.format(e.getMessage()), at)));
        }
    }

    ExecutableElement method() {
        return method;
    }

    Trees trees() {
        return trees;
    }

    Elements elements() {
        return elements;
    }

    Types types() {
        return types;
    }

    TypeElement owner() {
        return owner;
    }
}
