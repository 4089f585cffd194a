package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.Companions;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.Messages;
import org.asyncio4j.processor.scan.RuntimeNames;
import org.asyncio4j.processor.scan.TypeCheck;

import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The types of a method's locals, for the frame's fields and for reads javac cannot type from the copied code.
 *
 * <p>A local declared with its type needs none of this (the printer copies the type as written); a {@code var}, a
 * parameter or a pattern binding is typed through {@code Trees.getScope} at its declaration, once per scope. A type
 * that names a companion not generated yet is taken from the {@code @Async} method's signature, or the local is
 * kept as an {@code Object} and read through a witness ({@link WitnessedLocals}).
 * <pre>{@code
 * var pages = await(fetchAll());   ===>   typeOf(pages): java.util.List<java.lang.String>
 * catch (IOException | TimeoutException e)   ===>   typeOf(e): java.lang.Exception (JLS 14.20)
 * }</pre>
 * Not thread-safe: one instance per method, which caches by scope.
 */
public final class LocalTypes {
    /** Thrown to abandon the method when a local's type is not available yet or cannot be written. */
    public static final class TypeUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean retryLater;
        private final transient TreePath where;

        TypeUnavailable(String message, boolean retryLater, TreePath where) {
            super(message, null, false, false);
            this.retryLater = retryLater;
            this.where = where;
        }

        /** Whether the type may exist in the next round (then the whole class is retried). */
        public boolean retryLater() {
            return retryLater;
        }

        /** The local's declaration. */
        public TreePath where() {
            return where;
        }
    }

    private final Trees trees;
    private final Elements elements;
    private final Types types;
    private final ExecutableElement method;
    private final TypeElement owner;
    private final Companions companions;
    private final boolean lastChance;
    private final WitnessedLocals witnessed;
    private final Map<Tree, Map<String, TypeMirror>> byScope = new HashMap<>();
    /** The parameters of an async lambda's body, by name: its captured locals and its own parameters. */
    private final Map<String, TypeMirror> parameterTypes = new HashMap<>();

    /** For an async lambda's body: the types of its parameters (see {@code BodyScan.scanLambda}). */
    public LocalTypes withParameterTypes(Map<String, TypeMirror> types) {
        parameterTypes.putAll(types);
        return this;
    }

    /** {@code lastChance}: the last round, when a missing type will not appear any more. */
    public LocalTypes(Trees trees, Elements elements, Types types, ExecutableElement method, Companions companions,
            boolean lastChance, WitnessedLocals witnessed) {
        this.trees = trees;
        this.elements = elements;
        this.types = types;
        this.method = method;
        this.owner = (TypeElement) method.getEnclosingElement();
        this.companions = companions;
        this.lastChance = lastChance;
        this.witnessed = witnessed;
    }

    /**
     * The type of a local from {@code Trees.getScope} (one call per declaring scope, cached); for a local whose type
     * javac infers from a companion that does not exist yet, {@code Object}, and the local is witnessed.
     *
     * @throws TypeUnavailable when the type cannot be written, or is missing before the last round
     */
    public TypeMirror typeOf(LocalVar var) {
        if (var.kind == LocalVar.Kind.PARAMETER && parameterTypes.containsKey(var.name)) {
            return parameterTypes.get(var.name);
        }
        if (var.kind == LocalVar.Kind.PARAMETER) {
            for (VariableElement parameter : method.getParameters()) {
                if (parameter.getSimpleName().contentEquals(var.name)) {
                    return parameter.asType();
                }
            }
        }
        TypeMirror written = primitiveAsWritten(var);
        if (written != null) {
            return written;
        }
        Tree scopeTree = var.declaration.getParentPath().getLeaf();
        Map<String, TypeMirror> inScope = byScope.computeIfAbsent(scopeTree, unused -> new HashMap<>());
        TypeMirror type = inScope.get(var.name);
        if (type == null || type.getKind() == TypeKind.NONE) {
            TreePath at = var.keptBinding ? var.firstUse : var.declaration;
            List<? extends StatementTree> statements = scopeTree instanceof BlockTree
                    ? ((BlockTree) scopeTree).getStatements() : scopeTree instanceof CaseTree
                    ? ((CaseTree) scopeTree).getStatements() : null;
            if (!var.keptBinding && statements != null && !statements.isEmpty()) {
                // at the block's last statement, every local of the block is in scope: one Trees.getScope call for
                // them all (each call attributes the body up to its point; one per local was quadratic in the
                // length of a long method with many `var`s in its top-level block)
                at = new TreePath(var.declaration.getParentPath(), statements.get(statements.size() - 1));
            }
            if (scopeTree instanceof com.sun.source.tree.CatchTree) {
                // a catch parameter is in scope in the catch block, not at its own declaration
                at = new TreePath(var.declaration.getParentPath(),
                        ((com.sun.source.tree.CatchTree) scopeTree).getBlock());
            } else if (scopeTree instanceof com.sun.source.tree.LambdaExpressionTree) {
                // so is a lambda's parameter in the lambda's body (an async lambda's own parameter)
                at = new TreePath(var.declaration.getParentPath(),
                        ((com.sun.source.tree.LambdaExpressionTree) scopeTree).getBody());
            }
            for (Element local : trees.getScope(at).getLocalElements()) {
                if (local.getKind() != ElementKind.FIELD && local.getKind() != ElementKind.CLASS) {
                    inScope.putIfAbsent(local.getSimpleName().toString(), local.asType());
                }
            }
            type = inScope.get(var.name);
        }
        if (type != null && type.getKind() == TypeKind.UNION) {
            type = commonSuperclass((javax.lang.model.type.UnionType) type);
        }
        String problem = type == null ? "its declaration could not be analysed" : TypeCheck.problem(type);
        if (problem == null && witnessed.isCandidate(var) && (callsMissingCompanion(var)
                || witnessed.readsCandidate(var))) {
            // javac typed the initializer without the companion it calls, and its inference may have put Object
            // where the companion's result goes: `new ArrayList<>(await(nowV(List.of(switch .. ->
            // await(PAsync.laterImpl(..))))))` came out ArrayList<Object> (fuzz seed 1157). Not to be trusted,
            // nor the type of a local whose initializer reads such a local.
            problem = TypeCheck.MISSING;
        }
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

    /**
     * The type of a local declared with a primitive type or an array of one ({@code int n}, {@code long[] xs}): what
     * is written is the type, whatever the scope, so no {@code Trees.getScope} call, which attributes the method's
     * body up to the declaration each time (in a 1,000-line method with hundreds of int locals, those calls were
     * most of the processor's time, quadratic in the method's length). Null for any other declaration.
     */
    private TypeMirror primitiveAsWritten(LocalVar var) {
        if (var.keptBinding || var.kind != LocalVar.Kind.LOCAL && var.kind != LocalVar.Kind.FOR_EACH
                || !(var.declaration.getLeaf() instanceof VariableTree)) {
            return null;
        }
        return primitive(var.tree().getType());
    }

    private TypeMirror primitive(Tree type) {
        if (type instanceof PrimitiveTypeTree) {
            return types.getPrimitiveType(((PrimitiveTypeTree) type).getPrimitiveTypeKind());
        }
        if (type instanceof ArrayTypeTree) {
            TypeMirror component = primitive(((ArrayTypeTree) type).getType());
            return component == null ? null : types.getArrayType(component);
        }
        return null;
    }

    /**
     * Whether the initializer of {@code var} (or the loop expression declaring it) calls an {@code @Async} method
     * through a companion that does not exist yet (it is generated in this round).
     */
    private boolean callsMissingCompanion(LocalVar var) {
        Tree source = var.kind == LocalVar.Kind.FOR_EACH
                ? ((com.sun.source.tree.EnhancedForLoopTree) var.declaration.getParentPath().getLeaf()).getExpression()
                : var.tree().getInitializer();
        boolean[] missing = {false};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(com.sun.source.tree.MethodInvocationTree call, Void unused) {
                List<ExecutableElement> targets = companions.asyncMethodsCalledBy(call);
                if (!targets.isEmpty() && elements.getTypeElement(Companions.companionName(elements,
                        (TypeElement) targets.get(0).getEnclosingElement()).canonicalName()) == null) {
                    missing[0] = true;
                }
                return super.visitMethodInvocation(call, null);
            }
        }.scan(source, null);
        return missing[0];
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
        List<ExecutableElement> candidates = companions.asyncMethodsCalledBy(operand != null ? operand : initializer);
        if (candidates.size() != 1 || !candidates.get(0).getTypeParameters().isEmpty()) {
            return null;
        }
        TypeMirror result = candidates.get(0).getReturnType();
        if (AwaitCalls.returnsGenerator(candidates.get(0))) {
            return operand != null ? null : result;     // an async generator's entry returns it as declared
        }
        TypeMirror boxed = result.getKind() == TypeKind.VOID ? elements.getTypeElement("java.lang.Void").asType()
                : result.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) result).asType() : result;
        if (operand != null) {
            return boxed;
        }
        TypeElement coroutine = elements.getTypeElement(RuntimeNames.COROUTINE.canonicalName());
        return coroutine == null ? null : types.getDeclaredType(coroutine, boxed);
    }
}
