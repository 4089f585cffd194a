package org.asyncio4j.processor.scan;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The analysis pass over one {@code @Async} body: which declaration each simple name refers to, which trees contain
 * an {@code await}, and awaits in places that can never suspend (lambdas, class bodies).
 *
 * <p>Bodies are unattributed during annotation processing, so names are resolved here by Java's block scoping:
 * a name refers to the innermost local declared before it in an enclosing scope. Pattern bindings are treated as
 * scoped to the rest of their enclosing block, a safe over-approximation (Java forbids a binding from shadowing a
 * local). Lambda parameters and members of anonymous classes shadow but are not locals of the method.
 *
 * <p>Results are read-only after {@link #scan(MethodTree, TreePath)}; the scan visits the tree once.
 */
public final class BodyScan extends TreePathScanner<Void, Void> {
    /** A scope entry for names that are not locals of the method (lambda parameters, members of local classes). */
    private static final LocalVar SHADOW = new LocalVar("<shadow>", LocalVar.Kind.LOCAL, null);

    private final AwaitCalls awaitCalls;
    private final Deque<Map<String, LocalVar>> scopes = new ArrayDeque<>();
    private final Map<Tree, LocalVar> references = new IdentityHashMap<>();
    private final Set<Tree> containingAwait = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Async resources and async for-each loops ({@link AsyncStatements}): they await without an await call. */
    private final Set<Tree> asyncStatements = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<LocalVar> locals = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    /** Names declared by lambda parameters and members of local classes (printed as written). */
    private final Set<String> shadowNames = new java.util.HashSet<>();
    private final List<Problem> problems = new ArrayList<>();
    /** Expression statements of the body itself (not of its lambdas or classes): candidates for dropped coroutines. */
    private final List<TreePath> expressionStatements = new ArrayList<>();
    private boolean awaits;
    private Tree body;
    private String methodName;
    private int lambdaDepth;
    /** Of those lambdas, async ones ({@code async(() -> ...)}: their awaits are their own) and the others. */
    private int asyncLambdaDepth;
    private int plainLambdaDepth;
    private final List<TreePath> asyncLambdas = new ArrayList<>();
    private int classDepth;

    /** A diagnostic found by the scan, reported by the caller on its tree. */
    public static final class Problem {
        public final String message;
        public final TreePath where;

        public Problem(String message, TreePath where) {
            this.message = message;
            this.where = where;
        }
    }

    public BodyScan(AwaitCalls awaitCalls) {
        this.awaitCalls = awaitCalls;
    }

    public void scan(MethodTree method, TreePath methodPath) {
        body = method.getBody();
        methodName = method.getName().toString();
        scopes.push(new HashMap<>());
        for (VariableTree parameter : method.getParameters()) {
            declare(new LocalVar(parameter.getName().toString(), LocalVar.Kind.PARAMETER,
                    new TreePath(methodPath, parameter)));
        }
        scan(new TreePath(methodPath, body), null);
        scopes.pop();
    }

    /** The local or parameter that this identifier refers to, or null (a member, type, package or shadow). */
    public LocalVar resolve(Tree identifier) {
        return references.get(identifier);
    }

    public boolean containsAwait(Tree tree) {
        return containingAwait.contains(tree);
    }

    /**
     * Whether {@code tree} is a try-with-resources resource of an {@code AsyncCloseable} type or a for-each loop over
     * an {@code AsyncIterable} (found by {@link AsyncStatements}): it awaits, and so contains an await.
     */
    public boolean isAsync(Tree tree) {
        return asyncStatements.contains(tree);
    }

    /** Marks an async resource or loop: it and the statements around it contain an await. */
    void markAsync(TreePath path) {
        asyncStatements.add(path.getLeaf());
        awaits = true;
        for (TreePath p = path; p != null && p.getLeaf() != body; p = p.getParentPath()) {
            containingAwait.add(p.getLeaf());
        }
    }

    /** Parameters and locals of the method (not of its lambdas or local classes), in declaration order. */
    public List<LocalVar> locals() {
        return locals;
    }

    /** Whether a lambda parameter or a member of a local class is named {@code name}. */
    public boolean shadowed(String name) {
        return shadowNames.contains(name);
    }

    /** Every simple name that occurs in the body, for choosing generated names that cannot clash. */
    public Set<String> names() {
        return names;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** Whether the body itself (not a lambda or class in it) awaits anything. */
    boolean awaits() {
        return awaits;
    }

    List<TreePath> expressionStatements() {
        return expressionStatements;
    }

    @Override
    public Void visitExpressionStatement(com.sun.source.tree.ExpressionStatementTree tree, Void unused) {
        if (lambdaDepth == 0 && classDepth == 0) {
            expressionStatements.add(getCurrentPath());
        }
        return super.visitExpressionStatement(tree, null);
    }

    private void declare(LocalVar var) {
        scopes.peek().put(var.name, var);
        names.add(var.name);
        if (var != SHADOW) {
            locals.add(var);
        }
    }

    private void shadow(String name) {
        scopes.peek().put(name, SHADOW);
        names.add(name);
        shadowNames.add(name);
    }

    private LocalVar lookup(String name) {
        for (Map<String, LocalVar> scope : scopes) {
            LocalVar var = scope.get(name);
            if (var != null) {
                return var == SHADOW ? null : var;
            }
        }
        return null;
    }

    private Void scoped(Runnable inner) {
        scopes.push(new HashMap<>());
        try {
            inner.run();
        } finally {
            scopes.pop();
        }
        return null;
    }

    @Override
    public Void visitBlock(BlockTree tree, Void unused) {
        return scoped(() -> super.visitBlock(tree, null));
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
        scan(tree.getModifiers(), null);
        scan(tree.getType(), null);
        scan(tree.getInitializer(), null);
        String name = tree.getName().toString();
        if (lambdaDepth > 0 || classDepth > 0) {
            shadow(name);
        } else {
            boolean forEach = getCurrentPath().getParentPath().getLeaf() instanceof EnhancedForLoopTree;
            declare(new LocalVar(name, forEach ? LocalVar.Kind.FOR_EACH : LocalVar.Kind.LOCAL, getCurrentPath()));
        }
        return null;
    }

    @Override
    public Void visitForLoop(ForLoopTree tree, Void unused) {
        return scoped(() -> super.visitForLoop(tree, null));
    }

    @Override
    public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
        scan(tree.getExpression(), null);
        return scoped(() -> {
            scan(tree.getVariable(), null);
            scan(tree.getStatement(), null);
        });
    }

    @Override
    public Void visitCatch(CatchTree tree, Void unused) {
        return scoped(() -> super.visitCatch(tree, null));
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
        scoped(() -> {
            scan(tree.getResources(), null);
            scan(tree.getBlock(), null);
        });
        scan(tree.getCatches(), null);
        scan(tree.getFinallyBlock(), null);
        return null;
    }

    @Override
    public Void visitSwitch(SwitchTree tree, Void unused) {
        scan(tree.getExpression(), null);
        // A classic switch block is one scope: a local declared in one case is in scope in the next ones.
        return scoped(() -> scan(tree.getCases(), null));
    }

    @Override
    public Void visitBindingPattern(BindingPatternTree tree, Void unused) {
        // The binding's scope is flow-dependent; taking the rest of the enclosing block over-approximates it.
        return super.visitBindingPattern(tree, null);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        boolean async = awaitCalls.asyncLambda(getCurrentPath().getParentPath().getLeaf()) == tree
                || (getCurrentPath().getParentPath().getLeaf() instanceof com.sun.source.tree.ParenthesizedTree
                        && awaitCalls.asyncLambda(getCurrentPath().getParentPath().getParentPath().getLeaf()) == tree);
        if (async) {
            asyncLambda(tree);
        }
        lambdaDepth++;
        asyncLambdaDepth += async ? 1 : 0;
        plainLambdaDepth += async ? 0 : 1;
        try {
            return scoped(() -> super.visitLambdaExpression(tree, null));
        } finally {
            lambdaDepth--;
            asyncLambdaDepth -= async ? 1 : 0;
            plainLambdaDepth -= async ? 0 : 1;
        }
    }

    /** {@code async(lambda)}: checked here, its body is lowered by a state machine of its own (see AsyncLambdas). */
    private void asyncLambda(LambdaExpressionTree tree) {
        if (plainLambdaDepth > 0 || classDepth > 0) {
            problems.add(new Problem(Messages.ASYNC_LAMBDA_IN_LAMBDA.format(plainLambdaDepth > 0 ? "a lambda"
                    : "a local or anonymous class"), getCurrentPath()));
        } else if (tree.getParameters().size() > 2) {
            problems.add(new Problem(Messages.ASYNC_LAMBDA_FORM.format("this lambda has "
                    + tree.getParameters().size() + " parameters", "Pass the other values as captured locals"),
                    getCurrentPath()));
        } else if (asyncLambdaDepth == 0) {
            asyncLambdas.add(getCurrentPath());
        }
    }

    /**
     * The async lambdas of this body ({@code async(() -> { ... })}), outermost only: each becomes a state machine
     * of its own, whose scan finds those nested in it.
     */
    public List<TreePath> asyncLambdas() {
        return asyncLambdas;
    }

    /**
     * Scans the body of the async lambda at {@code lambdaPath} as a method's: its parameters are {@code captured},
     * the locals of the enclosing body it uses (declared where they were declared), then its own parameters.
     */
    public void scanLambda(TreePath lambdaPath, List<LocalVar> captured) {
        LambdaExpressionTree lambda = (LambdaExpressionTree) lambdaPath.getLeaf();
        // an expression body is in the trees that contain its awaits (a block body is not, as a method's is not)
        body = lambda.getBodyKind() == LambdaExpressionTree.BodyKind.EXPRESSION ? lambda : lambda.getBody();
        methodName = "async lambda";
        scopes.push(new HashMap<>());
        for (LocalVar var : captured) {
            declare(new LocalVar(var.name, LocalVar.Kind.PARAMETER, var.declaration));
        }
        for (VariableTree parameter : lambda.getParameters()) {
            declare(new LocalVar(parameter.getName().toString(), LocalVar.Kind.PARAMETER,
                    new TreePath(lambdaPath, parameter)));
        }
        scan(new TreePath(lambdaPath, lambda.getBody()), null);
        scopes.pop();
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
        classDepth++;
        try {
            return scoped(() -> {
                for (Tree member : tree.getMembers()) {
                    if (member instanceof VariableTree) {
                        shadow(((VariableTree) member).getName().toString());
                    }
                }
                super.visitClass(tree, null);
            });
        } finally {
            classDepth--;
        }
    }

    @Override
    public Void visitLabeledStatement(LabeledStatementTree tree, Void unused) {
        names.add(tree.getLabel().toString());
        return super.visitLabeledStatement(tree, null);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
        String name = tree.getName().toString();
        names.add(name);
        LocalVar var = lookup(name);
        if (var != null) {
            references.put(tree, var);
        }
        return null;
    }

    @Override
    public Void visitReturn(com.sun.source.tree.ReturnTree tree, Void unused) {
        if (awaitCalls.generator() && lambdaDepth == 0 && classDepth == 0 && tree.getExpression() != null
                && !AwaitCalls.isEndGenerator(tree.getExpression())) {
            String value = tree.getExpression().toString();
            problems.add(new Problem(Messages.GENERATOR_RETURNS_VALUE.format(value, value), getCurrentPath()));
        }
        return super.visitReturn(tree, null);
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        if (awaitCalls.isAsyncCall(tree) && awaitCalls.asyncLambda(tree) == null) {
            problems.add(new Problem(notALambda(tree.getArguments().get(0)), getCurrentPath()));
        }
        if (awaitCalls.isEmit(tree) && (!awaitCalls.generator() || lambdaDepth > 0 || classDepth > 0)) {
            problems.add(new Problem(!awaitCalls.generator()
                    ? Messages.EMIT_OUTSIDE_GENERATOR.format("@Async method " + methodName + "() does not return "
                            + "AsyncGenerator")
                    : Messages.EMIT_IN_LAMBDA.format(lambdaDepth > 0 ? "lambda" : "local or anonymous class"),
                    getCurrentPath()));
        } else if (awaitCalls.isAwait(tree) && asyncLambdaDepth == 0) {
            if (lambdaDepth > 0) {
                problems.add(new Problem(Messages.AWAIT_IN_LAMBDA.format(), getCurrentPath()));
            } else if (classDepth > 0) {
                problems.add(new Problem(Messages.AWAIT_IN_CLASS.format(), getCurrentPath()));
            } else {
                awaits = true;
                for (TreePath p = getCurrentPath(); p != null && p.getLeaf() != body; p = p.getParentPath()) {
                    containingAwait.add(p.getLeaf());
                }
            }
        }
        // An unqualified method name is not a variable reference: skip it, scan only type arguments and arguments.
        if (tree.getMethodSelect() instanceof IdentifierTree) {
            names.add(((IdentifierTree) tree.getMethodSelect()).getName().toString());
            scan(tree.getTypeArguments(), null);
            scan(tree.getArguments(), null);
            return null;
        }
        return super.visitMethodInvocation(tree, null);
    }

    /**
     * {@code async(x)} where {@code x} is not a lambda: a method reference or a {@code Callable} would run the template
     * as a plain call (which throws), so it is refused here, at compile time.
     */
    static String notALambda(Tree argument) {
        Tree stripped = AwaitCalls.stripParentheses(argument);
        if (stripped instanceof com.sun.source.tree.MemberReferenceTree) {
            return Messages.ASYNC_LAMBDA_FORM.format("`" + stripped + "` is a method reference, whose method would "
                    + "run as a plain call, not as a coroutine", "An @Async method is a coroutine already: call its "
                    + "entry point, `<Class>Async.m(..)`, or pass `<Class>Async::m` where a Function is expected; "
                    + "else write the lambda, `async(() -> m())`");
        }
        return Messages.ASYNC_LAMBDA_FORM.format("`" + stripped + "` is not a lambda written there",
                "Write the lambda in place: `async(() -> { ... })`");
    }
}
