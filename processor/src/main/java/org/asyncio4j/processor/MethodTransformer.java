package org.asyncio4j.processor;

import org.asyncio4j.processor.emit.CompanionWriter;
import org.asyncio4j.processor.emit.Jumps;
import org.asyncio4j.processor.emit.MethodPlan;
import org.asyncio4j.processor.emit.StateMachineWriter;
import org.asyncio4j.processor.lower.Finally;
import org.asyncio4j.processor.lower.Hoisting;
import org.asyncio4j.processor.lower.Lowering;
import org.asyncio4j.processor.lower.NestedAwaits;
import org.asyncio4j.processor.lower.WitnessedLocals;
import org.asyncio4j.processor.print.AwaitReads;
import org.asyncio4j.processor.print.MemberResolver;
import org.asyncio4j.processor.print.NameRewriter;
import org.asyncio4j.processor.print.SourcePrinter;
import org.asyncio4j.processor.print.UnsupportedTreeException;
import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.Messages;
import org.asyncio4j.processor.scan.NameKinds;
import org.asyncio4j.processor.scan.RuntimeNames;
import org.asyncio4j.processor.scan.TypeCheck;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Transforms one {@code @Async} method: the pipeline of passes, in order.
 *
 * <ol>
 *   <li>{@link BodyScan}: resolve names to locals, find awaits, reject awaits in lambdas and classes;
 *   <li>{@link Lowering}: cut the body into blocks at every await;
 *   <li>{@link Hoisting}: decide which locals become fields;
 *   <li>naming and typing (here): allocate names that cannot clash, type the fields through
 *       {@code Trees.getScope};
 *   <li>{@link StateMachineWriter}: emit the class and its entry point, rewriting names through
 *       {@link MemberResolver}.
 * </ol>
 * Any problem found stops the method (not the whole round); the problems are returned for reporting.
 *
 * <p>(This file runs past 500 lines. Splitting the processor by stage — scan, lower, print, emit, with an immutable
 * model between them — is issue #14's redesign, which also rewrites what this file does for linear generated code;
 * it is done there once rather than piecemeal here.)
 */
public final class MethodTransformer {
    /** The outcome: generated code, or problems, or a request to retry in the next round. */
    static final class Outcome {
        final MethodSpec entryPoint;
        /** {@code m$await}, see {@link StateMachineWriter#framelessEntry()}. */
        MethodSpec framelessEntry;
        final TypeSpec stateMachine;
        final List<BodyScan.Problem> problems;
        final String elementProblem;
        final boolean deferred;
        /** Warnings for a method that was transformed: on the method (null path) or on a tree. */
        final List<BodyScan.Problem> warnings;

        private Outcome(MethodSpec entryPoint, TypeSpec stateMachine, List<BodyScan.Problem> problems,
                String elementProblem, boolean deferred, List<BodyScan.Problem> warnings) {
            this.entryPoint = entryPoint;
            this.stateMachine = stateMachine;
            this.problems = problems;
            this.elementProblem = elementProblem;
            this.deferred = deferred;
            this.warnings = warnings;
        }

        private Outcome(MethodSpec entryPoint, TypeSpec stateMachine, List<BodyScan.Problem> problems,
                String elementProblem, boolean deferred) {
            this(entryPoint, stateMachine, problems, elementProblem, deferred, List.of());
        }

        static Outcome of(MethodSpec entryPoint, TypeSpec stateMachine, List<BodyScan.Problem> warnings) {
            return new Outcome(entryPoint, stateMachine, List.of(), null, false, warnings);
        }

        static Outcome problems(List<BodyScan.Problem> problems) {
            return new Outcome(null, null, problems, null, false);
        }

        static Outcome onElement(String message) {
            return new Outcome(null, null, List.of(), message, false);
        }

        static Outcome deferred() {
            return new Outcome(null, null, List.of(), null, true);
        }

        boolean succeeded() {
            return entryPoint != null;
        }
    }

    /** Thrown to abandon the method when a local's type is not available yet or cannot be written. */
    private static final class TypeUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final boolean retryLater;
        final transient TreePath where;

        TypeUnavailable(String message, boolean retryLater, TreePath where) {
            super(message, null, false, false);
            this.retryLater = retryLater;
            this.where = where;
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
    MethodTransformer(Trees trees, Elements elements, Types types, ExecutableElement method, TreePath methodPath,
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
        } catch (TypeUnavailable e) {
            return e.retryLater ? Outcome.deferred()
                    : Outcome.problems(List.of(new BodyScan.Problem(e.getMessage(), e.where)));
        }
    }

    private Outcome transformOrThrow(boolean lastChance) {
        String where = owner.getSimpleName() + "." + method.getSimpleName() + "()";
        MethodTree tree = methodPath == null ? null : (MethodTree) methodPath.getLeaf();
        if (tree == null || tree.getBody() == null) {
            return Outcome.onElement(Messages.ASYNC_NO_BODY.format(where));
        }
        if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            return Outcome.onElement(Messages.ASYNC_SYNCHRONIZED.format(where));
        }
        for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            TypeElement type = (TypeElement) e;
            if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                return Outcome.onElement(Messages.ASYNC_IN_LOCAL_CLASS.format(where));
            }
            if (type.getModifiers().contains(Modifier.PRIVATE)) {
                return Outcome.onElement(Messages.ASYNC_IN_PRIVATE_CLASS.format(where, type.getSimpleName()));
            }
        }
        if (mentionsMissingType(method.getReturnType())
                || method.getParameters().stream().anyMatch(p -> mentionsMissingType(p.asType()))) {
            return lastChance ? Outcome.onElement(Messages.UNKNOWN_LOCAL_TYPE.format("of a parameter or result",
                    "it mentions a type that does not exist")) : Outcome.deferred();
        }
        CompilationUnitTree unit = methodPath.getCompilationUnit();
        AwaitCalls awaitCalls = AwaitCalls.in(elements, owner);
        BodyScan scan = new BodyScan(awaitCalls);
        scan.scan(tree, methodPath);
        if (!scan.problems().isEmpty()) {
            return Outcome.problems(scan.problems());
        }
        SourcePositions positions = trees.getSourcePositions();
        boolean returnsVoid = method.getReturnType().getKind() == TypeKind.VOID;
        WitnessedLocals witnessed = new WitnessedLocals(scan, call -> !asyncMethodsCalledBy(call).isEmpty());
        ScopeTypes scopeTypes = new ScopeTypes(lastChance, witnessed);
        ClassFields classFields = new ClassFields(unit, scan, scopeTypes::typeOf);
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
        MethodPlan plan = new MethodPlan();
        plan.fileName = fileName(unit);
        plan.declarationLine = unit.getLineMap().getLineNumber(positions.getStartPosition(unit, tree));
        plan.signature = owner.getSimpleName() + "." + method.getSimpleName() + "("
                + method.getParameters().stream().map(p -> simpleNames(TypeName.get(p.asType()).toString()))
                        .collect(Collectors.joining(", ")) + ")";
        plan.lowered = lowered;
        plan.positions = positions;
        plan.scan = scan;
        plan.elements = elements;
        plan.owner = owner;
        // Which locals need a witness must be known before any of their reads is printed; their initializers'
        // locals become fields then, which may need witnesses in turn.
        plan.fields = witnessed.typed(Hoisting.fields(lowered.blocks, scan.locals(), lowered.cursors, scan),
                scopeTypes::typeOf);
        allocateNames(plan, scan, lowered);
        witnessed.name(plan.freshNames::fresh);
        describeSignature(plan, scan);
        plan.scopeType = scopeTypes::typeOf;
        plan.userSuppressions = userSuppressions();
        MemberResolver resolver = new MemberResolver(trees, elements, types, method, unit, tree.getBody(), scan,
                plan.names, plan.receiver);
        Set<LocalVar> mutableFields = new HashSet<>(plan.fields);
        mutableFields.removeIf(v -> v.kind == LocalVar.Kind.PARAMETER && plan.parameters.stream()
                .noneMatch(p -> p.reassigned && p.name.equals(plan.name(v))));
        resolver.captureFields(mutableFields, plan.freshNames::fresh);
        plan.framelessCall = this::hasFramelessEntry;
        plan.resolver = resolver;
        NameRewriter[] rewriter = new NameRewriter[1];
        Jumps jumps = new Jumps(plan, lowered::exit,
                path -> new SourcePrinter(rewriter[0], unit, positions).print(path));
        AwaitReads reads = new AwaitReads(lowered, awaitCalls, plan.taskVar, witnessed::witnessOf, target -> {
            LocalVar local = scan.resolve(target.getLeaf());
            if (local != null) {
                return local.kind == LocalVar.Kind.PARAMETER ? TypeName.get(plan.scopeType.apply(local)).toString()
                        : plan.fieldType(local).toString();
            }
            if (target.getLeaf() instanceof com.sun.source.tree.MemberSelectTree) {
                com.sun.source.tree.MemberSelectTree select = (com.sun.source.tree.MemberSelectTree) target.getLeaf();
                TypeMirror field = classFields.fieldOfLocal(select.getExpression(), select.getIdentifier().toString());
                if (field != null) { // local.f
                    return TypeName.get(field).toString();
                }
            }
            String name = target.getLeaf() instanceof com.sun.source.tree.MemberSelectTree
                    ? ((com.sun.source.tree.MemberSelectTree) target.getLeaf()).getIdentifier().toString() // this.x
                    : ((com.sun.source.tree.IdentifierTree) target.getLeaf()).getName().toString();
            for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
                for (Element member : elements.getAllMembers((TypeElement) e)) {
                    if (member.getKind().isField() && member.getSimpleName().contentEquals(name)) {
                        return TypeName.get(member.asType()).toString();
                    }
                }
            }
            throw new IllegalStateException("no variable " + name);
        });
        lowered.reads = reads;
        resolver.witnessing(reads::inWitness, plan.className + (plan.typeVariables.isEmpty() ? ""
                : plan.typeVariables.stream().map(TypeName::toString).collect(Collectors.joining(", ", "<", ">"))));
        rewriter[0] = new NameRewriter.WithJumps(resolver, jumps::rewrite, reads::print);
        plan.printer = new SourcePrinter(rewriter[0], unit, positions);
        try {
            StateMachineWriter writer = new StateMachineWriter(plan);
            TypeSpec stateMachine = writer.stateMachine();
            MethodSpec entryPoint = writer.entryPoint();
            if (!resolver.problems().isEmpty()) {
                return Outcome.problems(resolver.problems());
            }
            Outcome outcome = Outcome.of(entryPoint, stateMachine, warnings(scan, where));
            outcome.framelessEntry = writer.framelessEntry();
            return outcome;
        } catch (UnsupportedTreeException e) {
            TreePath at = trees.getPath(unit, e.tree());
            return Outcome.problems(List.of(new BodyScan.Problem(
                    Messages.UNSUPPORTED_TREE.format(e.getMessage()), at)));
        }
    }

    /**
     * Warnings on a method that transforms fine: it never awaits, or it creates a coroutine and drops it. Each can
     * be turned off with {@code @SuppressWarnings("<tag>")} on the method or an enclosing class.
     */
    private List<BodyScan.Problem> warnings(BodyScan scan, String where) {
        List<BodyScan.Problem> warnings = new ArrayList<>();
        if (!scan.awaits() && !suppressed(Messages.ASYNC_WITHOUT_AWAIT)) {
            warnings.add(new BodyScan.Problem(Messages.ASYNC_WITHOUT_AWAIT.format(where), null));
        }
        if (!suppressed(Messages.COROUTINE_NEVER_AWAITED)) {
            for (TreePath statement : scan.expressionStatements()) {
                Tree expression = ((com.sun.source.tree.ExpressionStatementTree) statement.getLeaf())
                        .getExpression();
                if (!asyncMethodsCalledBy(expression).isEmpty()) {
                    String call = expression.toString();
                    warnings.add(new BodyScan.Problem(
                            Messages.COROUTINE_NEVER_AWAITED.format(call, call, call), statement));
                }
            }
        }
        return warnings;
    }

    /**
     * The javac warnings the template's method and its enclosing classes suppress: the generated code copies the
     * template's statements, so it suppresses them too (e.g. {@code lossy-conversions} on JDK 20+).
     */
    private List<String> userSuppressions() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Element e = method; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress != null) {
                names.addAll(List.of(suppress.value()));
            }
        }
        return new ArrayList<>(names);
    }

    private boolean suppressed(Messages warning) {
        for (Element e = method; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress != null && List.of(suppress.value()).contains(warning.tag())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an awaited expression is a direct call {@code OwnerAsync.m(..)} whose companion has the frame-less
     * entry {@code m$await}: always if the owner is compiled now (its companion is generated with this processor),
     * else only if the compiled companion declares it (one generated by an older processor does not).
     */
    private boolean hasFramelessEntry(Tree expression) {
        if (!(expression instanceof MethodInvocationTree)) {
            return false;
        }
        List<ExecutableElement> targets = asyncMethodsCalledBy(expression);
        if (targets.isEmpty()) {
            return false;
        }
        TypeElement target = (TypeElement) targets.get(0).getEnclosingElement();
        if (trees.getPath(target) != null) {
            return true;
        }
        TypeElement companion = elements.getTypeElement(CompanionWriter.companionName(elements, target).canonicalName());
        String entry = targets.get(0).getSimpleName() + RuntimeNames.FRAMELESS_SUFFIX;
        return companion != null && companion.getEnclosedElements().stream()
                .anyMatch(e -> e.getSimpleName().contentEquals(entry));
    }

    /**
     * The {@code @Async} methods that a call {@code OwnerAsync.m(..)} may be the entry point of (the owner found by
     * the companion's name, in this package or by qualified name); empty for any other expression.
     */
    private List<ExecutableElement> asyncMethodsCalledBy(Tree expression) {
        Tree call = AwaitCalls.stripParentheses(expression);
        if (!(call instanceof MethodInvocationTree)
                || !(((MethodInvocationTree) call).getMethodSelect() instanceof MemberSelectTree)) {
            return List.of();
        }
        MemberSelectTree select = (MemberSelectTree) ((MethodInvocationTree) call).getMethodSelect();
        String companion = select.getExpression().toString();
        if (!companion.endsWith("Async")) {
            return List.of();
        }
        String ownerName = companion.substring(0, companion.length() - "Async".length()).replace('_', '.');
        String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
        TypeElement target = elements.getTypeElement(pkg.isEmpty() ? ownerName : pkg + "." + ownerName);
        if (target == null) {
            target = elements.getTypeElement(ownerName);
        }
        if (target == null) {
            return List.of();
        }
        return ElementFilter.methodsIn(target.getEnclosedElements()).stream()
                .filter(m -> m.getSimpleName().contentEquals(select.getIdentifier()))
                .filter(m -> m.getAnnotationMirrors().stream().anyMatch(a -> ((TypeElement) a.getAnnotationType()
                        .asElement()).getQualifiedName().contentEquals(RuntimeNames.ASYNC_ANNOTATION)))
                .collect(Collectors.toList());
    }

    /** Allocates every generated name so that none equals a name used in the body (no capture, no shadowing). */
    private void allocateNames(MethodPlan plan, BodyScan scan, Lowering.Result lowered) {
        Set<String> taken = new HashSet<>(scan.names());
        taken.addAll(List.of(RuntimeNames.SUSPENDED));
        Names names = new Names(taken);
        plan.freshNames = names;
        plan.receiver = method.getModifiers().contains(Modifier.STATIC) ? null : names.fresh("self");
        plan.receiverParameter = plan.receiver;
        plan.stateField = names.fresh("state");
        plan.dispatchLabel = names.fresh("dispatch");
        plan.frameVar = names.fresh("frame");
        plan.taskVar = names.fresh("task");
        lowered.caughtField = names.fresh("caught");
        for (int i = 0; i < lowered.savedSlots; i++) {
            lowered.savedFields.add(names.fresh("saved" + (i + 1)));
        }
        lowered.returnedField = names.fresh("returned");
        for (int i = 0; i < lowered.finallies.size(); i++) {
            Finally fin = lowered.finallies.get(i);
            fin.exitField = names.fresh("finally" + (i + 1) + "Exit");
            fin.errorField = names.fresh("finally" + (i + 1) + "Error");
        }
        Map<LocalVar, String> generated = new IdentityHashMap<>();
        Set<String> used = new HashSet<>(List.of(RuntimeNames.SUSPENDED, plan.stateField, plan.dispatchLabel));
        if (plan.receiver != null) {
            used.add(plan.receiver);
        }
        for (LocalVar var : scan.locals()) {
            if (var.insideFragment) {
                continue;
            }
            String name = used.contains(var.name) || (plan.fields.contains(var) && clashesAsWritten(var, scan))
                    ? names.fresh(var.name) : var.name;
            used.add(name);
            generated.put(var, name);
        }
        for (LocalVar cursor : lowered.cursors) {
            String name = names.fresh(cursor.name);
            used.add(name);
            generated.put(cursor, name);
        }
        plan.names = generated;
        String base = Character.toUpperCase(method.getSimpleName().charAt(0))
                + method.getSimpleName().toString().substring(1) + "Coroutine";
        String className = base;
        for (int i = 2; takenClassNames.contains(className); i++) {
            className = base + i;
        }
        takenClassNames.add(className);
        plan.className = className;
    }

    /**
     * Whether a hoisted local, which is a local of the whole frame-less body, has its name declared by code that is
     * copied as written: an await-free statement's local, a lambda parameter, a local class's member, or its own
     * declaration inside a switch expression (copied again as a type witness).
     */
    private static boolean clashesAsWritten(LocalVar var, BodyScan scan) {
        if (var.kind == LocalVar.Kind.PARAMETER) {
            return false;
        }
        return scan.shadowed(var.name) || insideSwitchExpression(var) || scan.locals().stream()
                .anyMatch(other -> other != var && other.insideFragment && other.name.equals(var.name));
    }

    private static boolean insideSwitchExpression(LocalVar var) {
        for (TreePath p = var.declaration; p != null; p = p.getParentPath()) {
            if (p.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION) {
                return true;
            }
            if (p.getLeaf() instanceof MethodTree) {
                return false;
            }
        }
        return false;
    }

    private void describeSignature(MethodPlan plan, BodyScan scan) {
        plan.entryName = method.getSimpleName().toString();
        plan.varargs = method.isVarArgs();
        Set<Modifier> modifiers = method.getModifiers();
        plan.entryModifiers = modifiers.contains(Modifier.PUBLIC) || modifiers.contains(Modifier.PROTECTED)
                ? new Modifier[] {Modifier.PUBLIC} : new Modifier[0];
        List<TypeVariableName> variables = new ArrayList<>();
        boolean isStatic = modifiers.contains(Modifier.STATIC);
        if (!isStatic) {
            for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
                ((TypeElement) e).getTypeParameters().forEach(p -> variables.add(TypeVariableName.get(p)));
                if (e.getModifiers().contains(Modifier.STATIC) || e.getKind() != ElementKind.CLASS) {
                    break;
                }
            }
            plan.receiverType = receiverType();
        }
        method.getTypeParameters().forEach(p -> variables.add(TypeVariableName.get(p)));
        plan.typeVariables = variables;
        TypeMirror result = method.getReturnType();
        plan.resultType = result.getKind() == TypeKind.VOID ? ClassName.get(Void.class) : TypeName.get(result).box();
        plan.primitiveResult = result.getKind().isPrimitive() ? result.getKind() : null;
        Map<String, LocalVar> parameters = new LinkedHashMap<>();
        for (LocalVar var : scan.locals()) {
            if (var.kind == LocalVar.Kind.PARAMETER) {
                parameters.put(var.name, var);
            }
        }
        Set<LocalVar> reassigned = reassignedParameters(scan);
        List<MethodPlan.Parameter> list = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            LocalVar var = parameters.get(parameter.getSimpleName().toString());
            list.add(new MethodPlan.Parameter(plan.name(var), TypeName.get(parameter.asType()),
                    reassigned.contains(var)));
        }
        plan.parameters = list;
    }

    private TypeName receiverType() {
        ClassName raw = ClassName.get(owner);
        if (owner.getTypeParameters().isEmpty()) {
            return raw;
        }
        return ParameterizedTypeName.get(raw, owner.getTypeParameters().stream().map(TypeVariableName::get)
                .toArray(TypeName[]::new));
    }

    private Set<LocalVar> reassignedParameters(BodyScan scan) {
        Set<LocalVar> reassigned = new HashSet<>();
        new TreeScanner<Void, Void>() {
            private void target(ExpressionTree variable) {
                if (variable instanceof IdentifierTree) {
                    LocalVar var = scan.resolve(variable);
                    if (var != null && var.kind == LocalVar.Kind.PARAMETER) {
                        reassigned.add(var);
                    }
                }
            }

            @Override
            public Void visitAssignment(AssignmentTree node, Void unused) {
                target(node.getVariable());
                return super.visitAssignment(node, unused);
            }

            @Override
            public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
                target(node.getVariable());
                return super.visitCompoundAssignment(node, unused);
            }

            @Override
            public Void visitUnary(UnaryTree node, Void unused) {
                target(node.getExpression());
                return super.visitUnary(node, unused);
            }
        }.scan(((MethodTree) methodPath.getLeaf()).getBody(), null);
        return reassigned;
    }

    /** {@code java.util.List<java.lang.String>} as {@code List<String>}, for comments. */
    private static String simpleNames(String type) {
        return QUALIFIER.matcher(type).replaceAll("");
    }

    /** A package qualifier: compiled once, not per parameter of every method. */
    private static final java.util.regex.Pattern QUALIFIER =
            java.util.regex.Pattern.compile("\\b(?:[a-z_][\\w]*\\.)+(?=[A-Z])");

    private static String fileName(CompilationUnitTree unit) {
        String path = unit.getSourceFile().getName();
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** Whether a type mentions a class that does not exist yet (generated later in this build). */
    static boolean mentionsMissingType(TypeMirror type) {
        return TypeCheck.problem(type) == TypeCheck.MISSING;
    }

    /** Fields of the owner, its enclosing classes, and of types named in the body, for {@link NestedAwaits}. */
    private final class ClassFields implements NestedAwaits.Fields {
        private final NameKinds names;
        private final BodyScan scan;
        private final java.util.function.Function<LocalVar, TypeMirror> localTypes;

        ClassFields(CompilationUnitTree unit, BodyScan scan, java.util.function.Function<LocalVar, TypeMirror> types) {
            this.scan = scan;
            this.localTypes = types;
            this.names = new NameKinds(elements, owner, unit, ((MethodTree) methodPath.getLeaf()).getBody(),
                    name -> scan.resolve(name) != null, this::isField);
        }

        @Override
        public boolean isField(String name) {
            return field(name) != null;
        }

        @Override
        public boolean isFinalField(String name) {
            Element field = field(name);
            return field != null && field.getModifiers().contains(Modifier.FINAL);
        }

        private Element field(String name) {
            for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
                for (Element member : elements.getAllMembers((TypeElement) e)) {
                    if (member.getKind().isField() && member.getSimpleName().contentEquals(name)) {
                        return member;
                    }
                }
            }
            return null;
        }

        @Override
        public NameKinds names() {
            return names;
        }

        @Override
        public boolean isFieldOfLocal(Tree receiver, String name) {
            return fieldOfLocal(receiver, name) != null;
        }

        /** The type of the non-private field {@code name} of the local {@code receiver}'s declared class, or null. */
        TypeMirror fieldOfLocal(Tree receiver, String name) {
            LocalVar local = receiver instanceof com.sun.source.tree.IdentifierTree ? scan.resolve(receiver) : null;
            if (local == null || local.declaration == null) {
                return null;
            }
            TypeMirror type;
            try {
                type = localTypes.apply(local);
            } catch (RuntimeException unavailable) {
                return null;
            }
            if (type == null || type.getKind() != TypeKind.DECLARED) {
                return null;
            }
            for (Element member : elements.getAllMembers((TypeElement) types.asElement(type))) {
                if (member.getKind().isField() && member.getSimpleName().contentEquals(name)
                        && !member.getModifiers().contains(Modifier.PRIVATE)) {
                    return types.asMemberOf((javax.lang.model.type.DeclaredType) type, member);
                }
            }
            return null;
        }
    }

    /**
     * The type a multi-catch parameter {@code catch (A | B e)} is used as (JLS 14.20: the least upper bound of the
     * alternatives): their nearest common superclass, which a field can be declared with.
     */
    private TypeMirror commonSuperclass(javax.lang.model.type.UnionType union) {
        TypeMirror candidate = union.getAlternatives().get(0);
        while (candidate.getKind() == TypeKind.DECLARED) {
            TypeMirror current = candidate;
            if (union.getAlternatives().stream().allMatch(a -> types.isSubtype(a, current))) {
                return candidate;
            }
            candidate = ((TypeElement) types.asElement(candidate)).getSuperclass();
        }
        return elements.getTypeElement("java.lang.Throwable").asType();
    }

    /** Types of locals from {@code Trees.getScope}: one call per declaring scope, cached. */
    private final class ScopeTypes {
        private final boolean lastChance;
        private final WitnessedLocals witnessed;
        private final Map<Tree, Map<String, TypeMirror>> byScope = new HashMap<>();

        ScopeTypes(boolean lastChance, WitnessedLocals witnessed) {
            this.lastChance = lastChance;
            this.witnessed = witnessed;
        }

        TypeMirror typeOf(LocalVar var) {
            if (var.kind == LocalVar.Kind.PARAMETER) {
                for (VariableElement parameter : method.getParameters()) {
                    if (parameter.getSimpleName().contentEquals(var.name)) {
                        return parameter.asType();
                    }
                }
            }
            Tree scopeTree = var.declaration.getParentPath().getLeaf();
            Map<String, TypeMirror> types = byScope.computeIfAbsent(scopeTree, unused -> new HashMap<>());
            TypeMirror type = types.get(var.name);
            if (type == null || type.getKind() == TypeKind.NONE) {
                TreePath at = var.keptBinding ? var.firstUse : var.declaration;
                if (scopeTree instanceof com.sun.source.tree.CatchTree) {
                    // a catch parameter is in scope in the catch block, not at its own declaration
                    at = new TreePath(var.declaration.getParentPath(),
                            ((com.sun.source.tree.CatchTree) scopeTree).getBlock());
                }
                for (Element local : trees.getScope(at).getLocalElements()) {
                    if (local.getKind() != ElementKind.FIELD && local.getKind() != ElementKind.CLASS) {
                        types.putIfAbsent(local.getSimpleName().toString(), local.asType());
                    }
                }
                type = types.get(var.name);
            }
            if (type != null && type.getKind() == TypeKind.UNION) {
                type = commonSuperclass((javax.lang.model.type.UnionType) type);
            }
            String problem = type == null ? "its declaration could not be analysed" : TypeCheck.problem(type);
            if (problem == TypeCheck.MISSING) {
                TypeMirror fromSignature = fromAsyncSignature(var);
                if (fromSignature != null) {
                    type = fromSignature;
                    problem = TypeCheck.problem(type);
                }
            }
            if ((problem == TypeCheck.MISSING && witnessed.isCandidate(var))
                    || (TypeCheck.inferable(problem) && witnessed.canWitness(var))) {
                // javac types it from its initializer (once the companion it calls exists): kept as an Object, read
                // through a witness
                witnessed.witness(var);
                return elements.getTypeElement("java.lang.Object").asType();
            }
            if (problem == TypeCheck.MISSING && !lastChance) {
                throw new TypeUnavailable(null, true, var.declaration);
            }
            if (problem != null) {
                throw new TypeUnavailable(Messages.UNKNOWN_LOCAL_TYPE.format(var.name, problem), false,
                        var.declaration);
            }
            return type;
        }
    }

    /**
     * The type of {@code var x = await(OwnerAsync.m(..))} or {@code var c = OwnerAsync.m(..)} from the signature of
     * the {@code @Async} method {@code m}, when the companion does not exist yet (it may be the one being written).
     * Only for a unique, non-generic method; otherwise null.
     */
    private TypeMirror fromAsyncSignature(LocalVar var) {
        ExpressionTree initializer = var.tree().getInitializer();
        if (initializer == null) {
            return null;
        }
        ExpressionTree operand = AwaitCalls.in(elements, owner).awaitedOperand(initializer);
        List<ExecutableElement> candidates = asyncMethodsCalledBy(operand != null ? operand : initializer);
        if (candidates.size() != 1 || !candidates.get(0).getTypeParameters().isEmpty()) {
            return null;
        }
        TypeMirror result = candidates.get(0).getReturnType();
        TypeMirror boxed = result.getKind() == TypeKind.VOID ? elements.getTypeElement("java.lang.Void").asType()
                : result.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) result).asType() : result;
        if (operand != null) {
            return boxed;
        }
        TypeElement coroutine = elements.getTypeElement(RuntimeNames.COROUTINE.canonicalName());
        return coroutine == null ? null : types.getDeclaredType(coroutine, boxed);
    }

    /** Hands out names that are not used anywhere in the body. */
    public static final class Names {
        private final Set<String> taken;

        public Names(Set<String> taken) {
            this.taken = taken;
        }

        public String fresh(String base) {
            String name = base;
            for (int i = 2; taken.contains(name); i++) {
                name = base + i;
            }
            taken.add(name);
            return name;
        }
    }
}
