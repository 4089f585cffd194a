package org.asyncio4j.processor.scan;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds the {@code async with} and {@code async for} statements of an {@code @Async} body: try-with-resources
 * resources whose static type is an {@code AsyncCloseable}, and for-each loops over an {@code AsyncIterable}, and
 * marks them in the {@link BodyScan} as containing an await (so the lowering takes them apart).
 *
 * <p>Bodies are unattributed here (see {@code known-facts.md}). A resource is a declared variable or an effectively
 * final local or field, so its type is exact: {@code Trees.getScope} inside the block (one call per statement), or the
 * field's element. A loop's expression is typed where the code says it: a local, a field, a call whose candidate
 * methods (by name and arity) all return an async iterable or all do not, {@code new C(..)}, a cast. Anything else
 * is taken as a plain {@code Iterable}; {@link AsyncStatementCheck} reports it after attribution if it was not
 * ({@code AsyncForUnknownType}), so a wrong guess is a compile error, never a loop that throws. The same lookup
 * tells whether a call returns anything ({@link #returnsVoid}), which types an async lambda's expression body.
 * <pre>{@code
 * for (String line : reader.lines()) { print(line); }   ===>   marked: lowered as async for (reader: a local whose
 *                                                              class's lines() returns AsyncIterable<String>)
 * }</pre>
 * Not thread-safe: one instance per body.
 */
public final class AsyncStatements {
    private final Trees trees;
    private final Elements elements;
    private final Types types;
    private final TypeElement owner;
    private final BodyScan scan;
    private final TypeMirror closeable;
    private final TypeMirror iterable;
    private final Set<String> lowered;
    private final Companions companions;
    /** The types of {@code var} locals found through {@code Trees.getScope}, by local. */
    private final Map<LocalVar, TypeMirror> scopeTypes = new IdentityHashMap<>();

    /**
     * @param lowered where the positions of statements lowered as async are recorded (for
     *     {@link AsyncStatementCheck}), as {@link AsyncStatementCheck#key}
     */
    public AsyncStatements(Trees trees, Elements elements, Types types, TypeElement owner, BodyScan scan,
            Set<String> lowered) {
        this.trees = trees;
        this.elements = elements;
        this.types = types;
        this.owner = owner;
        this.scan = scan;
        this.lowered = lowered;
        this.companions = new Companions(trees, elements, owner);
        TypeElement closeableType = elements.getTypeElement(RuntimeNames.ASYNC_CLOSEABLE.canonicalName());
        TypeElement iterableType = elements.getTypeElement(RuntimeNames.ASYNC_ITERABLE.canonicalName());
        this.closeable = closeableType == null ? null : types.erasure(closeableType.asType());
        this.iterable = iterableType == null ? null : types.erasure(iterableType.asType());
    }

    /** Marks the async statements of the body at {@code body} in the scan. */
    public void mark(TreePath body) {
        if (closeable == null || iterable == null) {
            return; // an old runtime on the class path: nothing is async
        }
        CompilationUnitTree unit = body.getCompilationUnit();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitTry(TryTree tree, Void unused) {
                if (!tree.getResources().isEmpty()) {
                    markResources(getCurrentPath(), tree, unit);
                }
                return super.visitTry(tree, null);
            }

            @Override
            public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
                TreePath expression = new TreePath(getCurrentPath(), tree.getExpression());
                if (isSubtype(typeOf(expression), iterable)) {
                    scan.markAsync(getCurrentPath());
                    lowered.add(AsyncStatementCheck.key(unit, trees, tree));
                }
                return super.visitEnhancedForLoop(tree, null);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
                return null; // not lowered: AsyncStatementCheck reports async statements there
            }

            @Override
            public Void visitClass(ClassTree tree, Void unused) {
                return null;
            }
        }.scan(body, null);
    }

    private void markResources(TreePath path, TryTree tree, CompilationUnitTree unit) {
        List<? extends Element> locals = null; // Trees.getScope costs 5-15 ms: only when a type is not written out
        for (Tree resource : tree.getResources()) {
            TypeMirror type = null;
            if (resource instanceof VariableTree && !LocalVar.isImplicit((VariableTree) resource)) {
                TypeElement declared = typeNamed(path, ((VariableTree) resource).getType());
                type = declared == null ? null : declared.asType();
            }
            if (type == null) {
                if (locals == null) {
                    List<? extends StatementTree> statements = tree.getBlock().getStatements();
                    TreePath block = new TreePath(path, tree.getBlock());
                    locals = scopeLocals(statements.isEmpty() ? block : new TreePath(block, statements.get(0)));
                }
                type = resource instanceof VariableTree
                        ? localNamed(locals, ((VariableTree) resource).getName().toString())
                        : resourceExpressionType(new TreePath(path, resource), locals);
            }
            // A type that mentions a class generated in this round (`var r = await(OwnerAsync.open())`: the
            // companion being made) cannot be told: the close then asks the object (AsyncSupport.closing overloads).
            boolean unknown = type != null && TypeCheck.problem(type) == TypeCheck.MISSING;
            if (isSubtype(type, closeable) || unknown) {
                scan.markAsync(new TreePath(path, resource));
                lowered.add(AsyncStatementCheck.key(unit, trees, resource));
            }
        }
    }

    /** {@code try (r)}, {@code try (this.r)}: an effectively final local or a field. */
    private TypeMirror resourceExpressionType(TreePath path, List<? extends Element> locals) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof IdentifierTree && scan.resolve(leaf) != null) {
            return localNamed(locals, ((IdentifierTree) leaf).getName().toString());
        }
        return typeOf(path);
    }

    /** A local's type: as written (no attribution), else from {@code Trees.getScope} (a {@code var}, a type variable). */
    private TypeMirror localType(LocalVar local, TreePath use) {
        if (local.declaration != null && LocalVar.isImplicit(local.tree()) && local.tree().getInitializer() != null) {
            // `var g = OwnerAsync.gen(..)`: Trees.getScope types it as an error while the companion does not exist
            TypeMirror generator = generatorEntry(local.tree().getInitializer());
            if (generator != null) {
                return generator;
            }
        }
        if (local.declaration != null && !LocalVar.isImplicit(local.tree())) {
            Tree type = local.tree().getType();
            if (type instanceof ArrayTypeTree || type instanceof PrimitiveTypeTree) {
                return null; // never async, and no scope needed to know it
            }
            TypeElement declared = typeNamed(local.declaration, type);
            if (declared != null) {
                return declared.asType();
            }
        }
        if (!scopeTypes.containsKey(local)) { // one Trees.getScope per local: each attributes the body up to `use`
            scopeTypes.put(local, localNamed(scopeLocals(use), local.name));
        }
        return scopeTypes.get(local);
    }

    private List<? extends Element> scopeLocals(TreePath at) {
        List<Element> locals = new ArrayList<>();
        trees.getScope(at).getLocalElements().forEach(locals::add); // innermost first
        return locals;
    }

    private static TypeMirror localNamed(List<? extends Element> locals, String name) {
        for (Element local : locals) {
            if (local.getSimpleName().contentEquals(name) && local.getKind() != ElementKind.FIELD
                    && local.getKind() != ElementKind.CLASS) {
                return local.asType();
            }
        }
        return null;
    }

    private boolean isSubtype(TypeMirror type, TypeMirror of) {
        return type != null && type.getKind() == TypeKind.DECLARED && types.isSubtype(types.erasure(type), of);
    }

    /** The static type of {@code path}'s expression where the code says it, else null. */
    TypeMirror typeOf(TreePath path) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof ParenthesizedTree) {
            return typeOf(new TreePath(path, ((ParenthesizedTree) leaf).getExpression()));
        }
        if (leaf instanceof IdentifierTree) {
            String name = ((IdentifierTree) leaf).getName().toString();
            LocalVar local = scan.resolve(leaf);
            if (local != null) {
                return localType(local, path);
            }
            if (scan.shadowed(name)) {
                return null;
            }
            for (TypeElement type = owner; type != null; type = enclosingType(type)) {
                for (VariableElement field : fieldsNamed(type, name)) {
                    return field.asType();
                }
            }
            return null;
        }
        if (leaf instanceof MemberSelectTree) {
            MemberSelectTree select = (MemberSelectTree) leaf;
            TypeElement qualifier = classOf(new TreePath(path, select.getExpression()));
            if (qualifier == null) {
                return null;
            }
            for (VariableElement field : fieldsNamed(qualifier, select.getIdentifier().toString())) {
                return field.asType();
            }
            return null;
        }
        if (leaf instanceof NewClassTree && ((NewClassTree) leaf).getClassBody() == null) {
            TypeElement type = typeNamed(path, ((NewClassTree) leaf).getIdentifier());
            return type == null ? null : type.asType();
        }
        if (leaf instanceof TypeCastTree) {
            TypeElement type = typeNamed(path, ((TypeCastTree) leaf).getType());
            return type == null ? null : type.asType();
        }
        if (leaf instanceof MethodInvocationTree) {
            return returnedBy(path, (MethodInvocationTree) leaf);
        }
        return null;
    }

    /** The class of a qualifier: an expression's type, or a class name. */
    private TypeElement classOf(TreePath path) {
        Tree leaf = path.getLeaf();
        if (leaf instanceof IdentifierTree && ((IdentifierTree) leaf).getName().contentEquals("this")) {
            return owner;
        }
        TypeMirror type = typeOf(path);
        if (type != null) {
            return type.getKind() == TypeKind.DECLARED ? (TypeElement) types.asElement(type) : null;
        }
        return typeNamed(path.getParentPath(), leaf);
    }

    /**
     * What a call returns, as far as async iteration goes: the return type of the candidates (by name and arity)
     * when all of them are async iterables or none is; null when they disagree or there are none.
     */
    private TypeMirror returnedBy(TreePath path, MethodInvocationTree call) {
        TypeMirror generator = generatorEntry(call);
        if (generator != null) {
            return generator;
        }
        List<ExecutableElement> candidates = candidates(path, call);
        if (candidates == null) {
            return null;
        }
        TypeMirror first = null;
        Boolean async = null;
        for (ExecutableElement candidate : candidates) {
            TypeMirror returned = candidate.getReturnType();
            if (returned.getKind() != TypeKind.DECLARED && returned.getKind() != TypeKind.ARRAY) {
                return null; // a type variable, a primitive, a class not generated yet
            }
            boolean isAsync = isSubtype(returned, iterable);
            if (async != null && async != isAsync) {
                return null;
            }
            async = isAsync;
            first = first == null ? returned : first;
        }
        return first;
    }

    /**
     * Whether the call at {@code path} returns nothing, for an async lambda's expression body (whose coroutine is
     * typed by it): true if all its candidate methods (by name and arity) are {@code void}, false if none is, null
     * if they disagree or the method cannot be found without attribution.
     */
    public Boolean returnsVoid(TreePath path) {
        List<ExecutableElement> candidates = candidates(path, (MethodInvocationTree) path.getLeaf());
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        boolean first = candidates.get(0).getReturnType().getKind() == TypeKind.VOID;
        for (ExecutableElement candidate : candidates) {
            if ((candidate.getReturnType().getKind() == TypeKind.VOID) != first) {
                return null;
            }
        }
        return first;
    }

    /** The methods a call may invoke, by name and arity (null: its qualifier's class is unknown). */
    private List<ExecutableElement> candidates(TreePath path, MethodInvocationTree call) {
        ExpressionTree select = call.getMethodSelect();
        List<ExecutableElement> candidates = new ArrayList<>();
        if (select instanceof IdentifierTree) {
            String name = ((IdentifierTree) select).getName().toString();
            for (TypeElement type = owner; type != null && candidates.isEmpty(); type = enclosingType(type)) {
                candidates.addAll(methodsNamed(type, name));
            }
            if (candidates.isEmpty()) {
                candidates.addAll(staticImports(path.getCompilationUnit(), name));
            }
        } else if (select instanceof MemberSelectTree) {
            MemberSelectTree member = (MemberSelectTree) select;
            TypeElement qualifier = classOf(new TreePath(new TreePath(path, select), member.getExpression()));
            if (qualifier == null) {
                return null;
            }
            candidates.addAll(methodsNamed(qualifier, member.getIdentifier().toString()));
        }
        int arguments = call.getArguments().size();
        candidates.removeIf(m -> m.isVarArgs() ? arguments < m.getParameters().size() - 1
                : arguments != m.getParameters().size());
        return candidates;
    }

    /**
     * The type {@code OwnerAsync.gen(..)} returns when it is the entry point of async generators (as declared:
     * {@code AsyncGenerator<T>}), told from the templates, since the companion may not exist yet (it is generated
     * in this round); null for any other expression.
     */
    private TypeMirror generatorEntry(ExpressionTree expression) {
        List<ExecutableElement> targets = companions.asyncMethodsCalledBy(expression);
        if (targets.isEmpty() || !targets.stream().allMatch(AwaitCalls::returnsGenerator)) {
            return null;
        }
        return targets.get(0).getReturnType();
    }

    private List<ExecutableElement> staticImports(CompilationUnitTree unit, String name) {
        List<ExecutableElement> found = new ArrayList<>();
        for (ImportTree tree : unit.getImports()) {
            if (!tree.isStatic() || !(tree.getQualifiedIdentifier() instanceof MemberSelectTree)) {
                continue;
            }
            MemberSelectTree imported = (MemberSelectTree) tree.getQualifiedIdentifier();
            String member = imported.getIdentifier().toString();
            if (member.equals(name) || member.equals("*")) {
                TypeElement type = elements.getTypeElement(imported.getExpression().toString());
                if (type != null) {
                    methodsNamed(type, name).stream().filter(m -> m.getModifiers()
                            .contains(javax.lang.model.element.Modifier.STATIC)).forEach(found::add);
                }
            }
        }
        return found;
    }

    /** A class named by a type tree (raw, or with type arguments), resolved as Java does for simple names. */
    private TypeElement typeNamed(TreePath parent, Tree typeTree) {
        Tree raw = typeTree instanceof ParameterizedTypeTree ? ((ParameterizedTypeTree) typeTree).getType() : typeTree;
        if (raw instanceof MemberSelectTree) {
            return elements.getTypeElement(raw.toString());
        }
        if (!(raw instanceof IdentifierTree)) {
            return null;
        }
        String name = ((IdentifierTree) raw).getName().toString();
        if (scan.resolve(raw) != null || scan.shadowed(name)) {
            return null;
        }
        for (TypeElement type = owner; type != null; type = enclosingType(type)) {
            for (TypeElement member : ElementFilter.typesIn(elements.getAllMembers(type))) {
                if (member.getSimpleName().contentEquals(name)) {
                    return member;
                }
            }
        }
        CompilationUnitTree unit = parent.getCompilationUnit();
        for (ImportTree tree : unit.getImports()) {
            String imported = tree.getQualifiedIdentifier().toString();
            if (!tree.isStatic() && imported.endsWith("." + name)) {
                return elements.getTypeElement(imported);
            }
        }
        String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
        TypeElement same = elements.getTypeElement(pkg + name);
        if (same != null) {
            return same;
        }
        for (ImportTree tree : unit.getImports()) {
            String imported = tree.getQualifiedIdentifier().toString();
            if (!tree.isStatic() && imported.endsWith(".*")) {
                TypeElement type = elements.getTypeElement(imported.substring(0, imported.length() - 1) + name);
                if (type != null) {
                    return type;
                }
            }
        }
        return elements.getTypeElement("java.lang." + name);
    }

    private List<VariableElement> fieldsNamed(TypeElement type, String name) {
        List<VariableElement> found = new ArrayList<>();
        for (VariableElement field : ElementFilter.fieldsIn(elements.getAllMembers(type))) {
            if (field.getSimpleName().contentEquals(name)) {
                found.add(field);
            }
        }
        return found;
    }

    private List<ExecutableElement> methodsNamed(TypeElement type, String name) {
        List<ExecutableElement> found = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
            if (method.getSimpleName().contentEquals(name)) {
                found.add(method);
            }
        }
        return found;
    }

    private static TypeElement enclosingType(TypeElement type) {
        Element outer = type.getEnclosingElement();
        return outer instanceof TypeElement ? (TypeElement) outer : null;
    }
}
