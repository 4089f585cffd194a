package org.asyncio4j.processor.print;

import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.Messages;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Rewrites the names of an {@code @Async} body for the generated class, which is another class in the same package.
 *
 * <ul>
 *   <li>a local or parameter becomes its generated name (a field of the state machine, or a renamed local);
 *   <li>{@code this} and {@code Owner.this} become the receiver field;
 *   <li>an unqualified field or method of the class becomes {@code self.name} or {@code Owner.name};
 *   <li>a member type of the class (or of an enclosing or super class) is qualified: {@code Owner.Inner};
 *   <li>everything else (imports, packages, static imports) is kept: the generated file has the same imports.
 * </ul>
 * Private fields, methods and constructors are printed through handles ({@link PrivateMembers}, through the
 * {@link #expression} hook). Members the generated class cannot reach (private classes, protected members from
 * another package, the enclosing instance of an inner class, {@code super}) are reported as problems with the fix;
 * the name is then kept as written.
 *
 * <p>Names inside anonymous and local classes of the body may refer to that class's own (also inherited) members:
 * those are recognised through {@link Trees#getScope}, once per class body.
 */
public final class MemberResolver implements NameRewriter {
    private final Trees trees;
    private final Elements elements;
    private final TypeElement owner;
    private final ExecutableElement method;
    private final BodyScan scan;
    private final Map<LocalVar, String> generatedNames;
    private final String receiver;
    private final List<BodyScan.Problem> problems = new ArrayList<>();
    private final TypeScope typeScope;
    private final Tree body;
    /** Fields a lambda or class of the statement being printed captures, with the final local copying each. */
    private final Map<LocalVar, String> snapshots = new java.util.LinkedHashMap<>();
    /** The names that the patterns of kept pattern variables declare ({@link #matchName}). */
    private final Map<LocalVar, String> matchNames = new java.util.HashMap<>();
    private java.util.function.BooleanSupplier inWitness = () -> false;
    private String frameType;
    private Set<LocalVar> fields = Set.of();
    private boolean callsStaticThroughInstance;
    private java.util.function.UnaryOperator<String> freshName;
    private final PrivateMembers privateMembers;
    private final ProtectedSelects protectedSelects;
    private final ReceiverTypes receivers;
    private final Accessibility accessibility;
    private final com.sun.source.tree.CompilationUnitTree unit;
    /** Method names the state machine declares or inherits; see {@link #qualifiedStaticImport}. */
    private Set<String> stateMachineMethods;

    public MemberResolver(Trees trees, Elements elements, javax.lang.model.util.Types types, ExecutableElement method,
            com.sun.source.tree.CompilationUnitTree unit, Tree body, BodyScan scan,
            Map<LocalVar, String> generatedNames, String receiver) {
        this.trees = trees;
        this.elements = elements;
        this.method = method;
        this.owner = (TypeElement) method.getEnclosingElement();
        this.body = body;
        this.scan = scan;
        this.generatedNames = generatedNames;
        this.receiver = receiver;
        this.typeScope = new TypeScope(trees, elements, method, body);
        Accessibility accessibility = new Accessibility(elements, types, owner);
        ReceiverTypes receivers = new ReceiverTypes(this, trees, elements, types, owner, unit, accessibility);
        this.receivers = receivers;
        this.accessibility = accessibility;
        this.privateMembers = new PrivateMembers(this, receivers, accessibility, elements, owner, unit, receiver);
        this.protectedSelects = new ProtectedSelects(this, elements, owner, receivers, accessibility);
        this.unit = unit;
    }

    /**
     * Private fields, methods and constructors: printed through handles and bridges ({@link PrivateMembers});
     * protected members of another package through an explicit receiver: reported ({@link ProtectedSelects}); and
     * inner classes created with an implicit enclosing instance.
     */
    @Override
    public boolean expression(TreePath path, Output out) {
        protectedSelects.check(path, out);
        return privateMembers.print(path, out) || innerCreation(path, out);
    }

    /**
     * {@code new Inner(..)} of an inner (non-static) member class of the owner, in an instance method: Java passes
     * {@code this} as the enclosing instance, which in the generated class is the receiver, so it is written
     * {@code self.new Inner(..)}; qualified as {@code Owner.Inner} it would have no enclosing instance and not
     * compile. Anonymous subclasses and generic inner classes are left to the printer.
     */
    private boolean innerCreation(TreePath path, Output out) {
        if (!(path.getLeaf() instanceof NewClassTree) || method.getModifiers().contains(Modifier.STATIC)
                || out.inClassBody()) {
            return false;
        }
        NewClassTree creation = (NewClassTree) path.getLeaf();
        if (creation.getEnclosingExpression() != null || creation.getClassBody() != null
                || !creation.getTypeArguments().isEmpty() || !(creation.getIdentifier() instanceof IdentifierTree)) {
            return false;
        }
        String name = ((IdentifierTree) creation.getIdentifier()).getName().toString();
        TypeElement type = typeScope.memberType(owner, name);
        if (type == null || type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.STATIC)
                || isMemberOfLocalClass(path, name) || out.declaresVariable(name)) {
            return false;
        }
        out.write(receiver + ".new " + name + "(");
        String separator = "";
        for (Tree argument : creation.getArguments()) {
            out.write(separator);
            out.print(new TreePath(path, argument));
            separator = ", ";
        }
        out.write(")");
        return true;
    }

    /** Whether the identifier names a local or parameter of the method. */
    boolean isLocal(Tree identifier) {
        return scan.resolve(identifier) != null;
    }

    /** The local or parameter of the method that {@code identifier} names, or null. */
    LocalVar localOf(Tree identifier) {
        return scan.resolve(identifier);
    }

    public List<BodyScan.Problem> problems() {
        return problems;
    }

    /** Turns on snapshots of captured fields (after hoisting is decided). */
    public void captureFields(Set<LocalVar> fields, java.util.function.UnaryOperator<String> freshName) {
        this.fields = fields;
        this.freshName = freshName;
    }

    /**
     * Tells whether a never-called type witness ({@code () -> x}) is being printed: a mutable local it names is
     * written as the frame's field ({@code ((XCoroutine) null).x}), since the frame-less body keeps it in a local
     * that a lambda cannot capture.
     */
    public void witnessing(java.util.function.BooleanSupplier inWitness, String frameType) {
        this.inWitness = inWitness;
        this.frameType = frameType;
    }

    /** The snapshots the last printed statement needs, in first-use order; clears them. */
    public Map<LocalVar, String> takeSnapshots() {
        Map<LocalVar, String> taken = new java.util.LinkedHashMap<>(snapshots);
        snapshots.clear();
        return taken;
    }

    private boolean insideLambdaOrClass(TreePath path) {
        for (TreePath p = path.getParentPath(); p != null && p.getLeaf() != body; p = p.getParentPath()) {
            if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String expressionName(TreePath path) {
        IdentifierTree identifier = (IdentifierTree) path.getLeaf();
        String name = identifier.getName().toString();
        if (name.equals("this")) {
            return receiver;
        }
        if (name.equals("super")) {
            Tree parent = path.getParentPath().getLeaf();
            String member = parent instanceof MemberSelectTree ? ((MemberSelectTree) parent).getIdentifier().toString()
                    : name;
            report(Messages.SUPER_ACCESS.format(member), path);
            return name;
        }
        LocalVar var = scan.resolve(identifier);
        if (var != null) {
            return local(var, path);
        }
        if (isMemberOfLocalClass(path, name) || isEnumCaseLabel(path, name)) {
            return name;
        }
        for (TypeElement type = owner; type != null; type = enclosingType(type)) {
            for (Element field : membersNamed(type, name, ElementKind.FIELD, ElementKind.ENUM_CONSTANT)) {
                return memberAccess(type, field, "field", path);
            }
            TypeElement memberType = typeScope.memberType(type, name);
            if (memberType != null) {
                return isLocalClass(path, name) ? name : typeReference(memberType, path);
            }
        }
        return name;
    }

    /** A use of a local or parameter of the method at {@code path}. */
    private String local(LocalVar var, TreePath path) {
        String generated = generatedNames.getOrDefault(var, var.name);
        if (fields.contains(var) && inWitness.getAsBoolean()) {
            // Inside a never-called type witness: the frame's field of the same type, still assignable (x++).
            return "((" + frameType + ") null)." + generated;
        }
        if (fields.contains(var) && insideLambdaOrClass(path)) {
            // The original lambda captured the value at creation; the field may change later (next loop
            // iteration), so the lambda gets a final copy made just before the statement.
            return snapshots.computeIfAbsent(var, v -> freshName.apply(generated));
        }
        return generated;
    }

    @Override
    public boolean keepsBinding(VariableTree binding) {
        return keptBinding(binding) != null;
    }

    @Override
    public String matchName(TreePath binding) {
        LocalVar var = keptBinding((VariableTree) binding.getLeaf());
        return matchNames.computeIfAbsent(var, v -> freshName.apply(v.name + "Match"));
    }

    @Override
    public String keptBinding(TreePath binding, String match) {
        return RuntimeNames.MATCHED + "(" + local(keptBinding((VariableTree) binding.getLeaf()), binding) + " = "
                + match + ")";
    }

    /** The kept pattern variable that {@code binding} declares, or null. */
    private LocalVar keptBinding(VariableTree binding) {
        for (LocalVar var : fields) {
            if (var.keptBinding && var.declaration.getLeaf() == binding) {
                return var;
            }
        }
        return null;
    }

    @Override
    public String methodName(TreePath path) {
        String name = ((IdentifierTree) path.getLeaf()).getName().toString();
        if (isMemberOfLocalClass(path, name)) {
            return name;
        }
        for (TypeElement type = owner; type != null; type = enclosingType(type)) {
            List<Element> methods = membersNamed(type, name, ElementKind.METHOD);
            if (methods.isEmpty()) {
                continue;
            }
            // Overloads cannot be told apart without expression types: every candidate javac may choose (JLS
            // 15.12.2.1: as many parameters as arguments) must be reachable.
            List<TypeMirror> arguments = receivers.argumentTypes(path.getParentPath(),
                    ((MethodInvocationTree) path.getParentPath().getLeaf()).getArguments());
            List<Element> candidates = List.copyOf(accessibility.applicable(ElementFilter.methodsIn(methods),
                    arguments));
            if (candidates.isEmpty()) {
                candidates = methods; // javac rejects the call; any choice prints it as written
            }
            for (Element candidate : candidates) {
                String problem = reachability(candidate, "method");
                if (problem != null) {
                    report(problem, path);
                    return name;
                }
            }
            boolean anyStatic = candidates.stream().anyMatch(m -> m.getModifiers().contains(Modifier.STATIC));
            boolean anyInstance = candidates.stream().anyMatch(m -> !m.getModifiers().contains(Modifier.STATIC));
            // In a static @Async method (no receiver) javac can only have chosen a static overload (JLS 15.12.3);
            // otherwise `self.m(..)` reaches static and instance overloads alike.
            boolean viaClass = !anyInstance || (anyStatic && receiver == null);
            Element chosen = candidates.stream()
                    .filter(m -> m.getModifiers().contains(Modifier.STATIC) == viaClass).findFirst()
                    .orElse(candidates.get(0));
            String access = memberAccess(type, chosen, "method", path);
            // Static and instance overloads: only javac knows which one the call means, and `self.m(..)` reaches
            // both; when it means the static one, javac's [static] lint applies (see callsStaticThroughInstance).
            callsStaticThroughInstance |= anyStatic && anyInstance && receiver != null
                    && access.startsWith(receiver + ".");
            return access;
        }
        return qualifiedStaticImport(name);
    }

    /**
     * A statically imported method whose name the state machine also declares or inherits ({@code stepBody},
     * {@code suspendOn}, {@code toString}, ...): inside the state machine that member would shadow the import, so the
     * call is written through the imported class ({@code Util.suspendOn(x)}). Any other name is kept as written.
     */
    private String qualifiedStaticImport(String name) {
        if (!stateMachineMethods().contains(name)) {
            return name;
        }
        for (com.sun.source.tree.ImportTree imported : unit.getImports()) {
            if (!imported.isStatic() || !(imported.getQualifiedIdentifier() instanceof MemberSelectTree)) {
                continue;
            }
            MemberSelectTree select = (MemberSelectTree) imported.getQualifiedIdentifier();
            String member = select.getIdentifier().toString();
            String type = select.getExpression().toString();
            if (member.equals(name) || (member.equals("*") && hasStaticMethod(type, name))) {
                return type + "." + name;
            }
        }
        return name;
    }

    private boolean hasStaticMethod(String typeName, String name) {
        TypeElement type = elements.getTypeElement(typeName);
        return type != null && type.getEnclosedElements().stream().anyMatch(e -> e.getKind() == ElementKind.METHOD
                && e.getModifiers().contains(Modifier.STATIC) && e.getSimpleName().contentEquals(name));
    }

    private Set<String> stateMachineMethods() {
        if (stateMachineMethods == null) {
            stateMachineMethods = new java.util.HashSet<>(List.of(RuntimeNames.STEP_BODY));
            TypeElement base = elements.getTypeElement(RuntimeNames.ASYNC_STATE_MACHINE.canonicalName());
            if (base != null) {
                for (Element member : elements.getAllMembers(base)) {
                    if (member.getKind() == ElementKind.METHOD) {
                        stateMachineMethods.add(member.getSimpleName().toString());
                    }
                }
            }
        }
        return stateMachineMethods;
    }

    /** Whether a call may reach a static method through the receiver (the writer then suppresses [static]). */
    public boolean callsStaticThroughInstance() {
        return callsStaticThroughInstance;
    }

    @Override
    public String typeName(TreePath path) {
        String name = ((IdentifierTree) path.getLeaf()).getName().toString();
        return resolveType(path, name);
    }

    private String resolveType(TreePath path, String name) {
        for (TypeParameterElement parameter : method.getTypeParameters()) {
            if (parameter.getSimpleName().contentEquals(name)) {
                return name;
            }
        }
        if (isMemberOfLocalClass(path, name) || isLocalClass(path, name)) {
            return name;
        }
        for (TypeElement type = owner; type != null; type = enclosingType(type)) {
            if (!method.getModifiers().contains(Modifier.STATIC) || type != owner) {
                for (TypeParameterElement parameter : type.getTypeParameters()) {
                    if (parameter.getSimpleName().contentEquals(name)) {
                        return name;
                    }
                }
            }
            if (type.getSimpleName().contentEquals(name)) {
                return typeReference(type, path);
            }
            TypeElement memberType = typeScope.memberType(type, name);
            if (memberType != null) {
                return typeReference(memberType, path);
            }
        }
        return name;
    }

    @Override
    public String qualifiedThis(TreePath path) {
        MemberSelectTree select = (MemberSelectTree) path.getLeaf();
        String qualifier = select.getExpression().toString();
        boolean isOwner = qualifier.equals(owner.getSimpleName().toString())
                || qualifier.equals(owner.getQualifiedName().toString())
                || qualifier.equals(typeScope.sourceName(owner));
        if (isOwner && select.getIdentifier().contentEquals("this")) {
            return receiver;
        }
        if (isOwner) {
            report(Messages.SUPER_ACCESS.format("super"), path);
        } else {
            report(Messages.OUTER_INSTANCE.format(select), path);
        }
        return select.toString();
    }

    /** {@code case RED:} in a switch on an enum: the constant's simple name, which must stay unqualified. */
    private boolean isEnumCaseLabel(TreePath path, String name) {
        if (!(path.getParentPath().getLeaf() instanceof CaseTree)) {
            return false;
        }
        for (TypeElement type = owner; type != null; type = enclosingType(type)) {
            for (Element field : membersNamed(type, name, ElementKind.FIELD)) {
                return false; // a constant field of the class: qualify it like any other use
            }
        }
        return true;
    }

    /** How generated code writes a member of {@code type} (the owner or an enclosing class). */
    private String memberAccess(TypeElement type, Element member, String kind, TreePath path) {
        String problem = reachability(member, kind);
        if (problem != null) {
            report(problem, path);
            return member.getSimpleName().toString();
        }
        String name = member.getSimpleName().toString();
        if (member.getModifiers().contains(Modifier.STATIC)) {
            return typeScope.sourceName(type) + "." + name;
        }
        if (type != owner) {
            report(Messages.OUTER_INSTANCE.format(name), path);
            return name;
        }
        return receiver + "." + name;
    }

    /**
     * Null if generated code in the owner's package can use {@code member}; else the problem's message. Private
     * members are reachable: {@link PrivateMembers} prints their uses before names get here.
     */
    private String reachability(Element member, String kind) {
        TypeElement declaring = (TypeElement) member.getEnclosingElement();
        if (member.getModifiers().contains(Modifier.PROTECTED) && !typeScope.samePackage(declaring)) {
            return Messages.PROTECTED_MEMBER.format(kind, member.getSimpleName(), declaring.getQualifiedName());
        }
        return null;
    }

    private String typeReference(TypeElement type, TreePath path) {
        String problem = type.getModifiers().contains(Modifier.PRIVATE)
                ? Messages.PRIVATE_MEMBER.format("class", type.getSimpleName(),
                        type.getEnclosingElement().getSimpleName())
                : null;
        if (problem != null) {
            report(problem, path);
        }
        return typeScope.sourceName(type);
    }

    /** See {@link TypeScope#findType}. */
    TypeElement findType(String name) {
        return typeScope.findType(name);
    }

    /** See {@link TypeScope#mayBeTypeVariable}. */
    boolean mayBeTypeVariable(String name) {
        return typeScope.mayBeTypeVariable(name);
    }

    /** See {@link TypeScope#membersNamed}. */
    List<Element> membersNamed(TypeElement type, String name, ElementKind... kinds) {
        return typeScope.membersNamed(type, name, kinds);
    }

    /** See {@link TypeScope#isMemberOfLocalClass}. */
    boolean isMemberOfLocalClass(TreePath path, String name) {
        return typeScope.isMemberOfLocalClass(path, name);
    }

    /** See {@link TypeScope#isLocalClass}. */
    boolean isLocalClass(TreePath path, String name) {
        return typeScope.isLocalClass(path, name);
    }

    static TypeElement enclosingType(TypeElement type) {
        return TypeScope.enclosingType(type);
    }

    void report(String message, TreePath where) {
        problems.add(new BodyScan.Problem(message, where));
    }
}
