package org.asyncio4j.processor.realcode;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.PrimitiveTypeTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Walks a method body (parsed, not attributed) and lists where an await can go without changing what the code means
 * ({@link #sites}), and which unqualified calls the copy must qualify ({@link #qualifications}).
 *
 * <p>Nothing inside a lambda, an anonymous or local class, or a {@code synchronized} block is a site: the processor
 * rightly refuses awaits there ({@code AwaitInLambda}, {@code AwaitInLocalClass}, {@code AwaitInSynchronized}), and
 * the suite tests what it accepts. Case labels are constants and assignment targets are not values, so neither is a
 * site. Without attribution, expressions are wrapped only where boxing their value cannot change what the code does:
 * conditions, returned and assigned values, and reads of locals whose declared type is written out (a primitive one
 * cast back). The plain twin catches what slips through (see {@link Splicer}).
 */
final class SpliceScanner extends TreePathScanner<Void, Void> {
    private final MethodSite site;
    /** Names of the members the twin holds copies of ({@link CopiedMembers}): no qualification, no receiver. */
    private final Set<String> copied;
    private final List<SpliceSite> sites = new ArrayList<>();
    private final List<Splicer.Insertion> qualifications = new ArrayList<>();
    /** Local and parameter names to their primitive keyword, "" for a written-out reference type, null if unknown. */
    private final Map<String, String> localTypes = new HashMap<>();
    /** Every parameter and local name of the body, also in lambdas and classes: they hide fields of the same name. */
    private final java.util.Set<String> declaredLocals = new java.util.HashSet<>();
    /** Lambdas, local classes and synchronized blocks we are inside: no sites there. */
    private int forbidden;
    /** Anonymous and local classes we are inside: an unqualified call may mean their own method. */
    private int inClass;

    private SpliceScanner(MethodSite site) {
        this.site = site;
        this.copied = CopiedMembers.of(site).names();
    }

    static SpliceScanner scan(MethodSite site) {
        SpliceScanner scanner = new SpliceScanner(site);
        for (VariableTree parameter : site.method().getParameters()) {
            scanner.declare(parameter);
        }
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                scanner.declaredLocals.add(variable.getName().toString());
                return super.visitVariable(variable, unused);
            }
        }.scan(site.method(), null);
        scanner.scan(new TreePath(new TreePath(site.unit()), site.method().getBody()), null);
        return scanner;
    }

    List<SpliceSite> sites() {
        return sites;
    }

    List<Splicer.Insertion> qualifications() {
        return qualifications;
    }

    private void declare(VariableTree variable) {
        String name = variable.getName().toString();
        Tree type = variable.getType();
        String kind = type == null || site.text(type).equals("var") ? null
                : type instanceof PrimitiveTypeTree ? site.text(type) : "";
        // A name declared twice with different types (two loops' `i`) is read through neither.
        localTypes.put(name, localTypes.containsKey(name) && !Objects.equals(localTypes.get(name), kind) ? null : kind);
    }

    private void add(SpliceSite.Kind kind, Tree tree, String primitive) {
        if (forbidden == 0) {
            sites.add(new SpliceSite(kind, site.start(tree), site.end(tree), primitive,
                    new TreePath(getCurrentPath(), tree)));
        }
    }

    private void addStatement(Tree statement) {
        if (forbidden == 0) {
            int position = site.start(statement);
            sites.add(new SpliceSite(SpliceSite.Kind.STATEMENT, position, position, null,
                    new TreePath(getCurrentPath(), statement)));
        }
    }

    /** A value to wrap: not a literal {@code null} or {@code true}/{@code false} (reachability), nor a poly lambda. */
    private void addValue(SpliceSite.Kind kind, ExpressionTree value) {
        ExpressionTree bare = value;
        while (bare instanceof ParenthesizedTree parenthesized) {
            bare = parenthesized.getExpression();
        }
        if (bare instanceof LambdaExpressionTree || bare instanceof MemberReferenceTree
                || bare instanceof LiteralTree literal && (literal.getValue() == null
                        || literal.getValue() instanceof Boolean)) {
            return;
        }
        add(kind, value, null);
    }

    /** The expression inside an if's or a loop's parentheses (JDK 17's parser keeps them as a tree). */
    private static ExpressionTree unparenthesized(ExpressionTree condition) {
        return condition instanceof ParenthesizedTree parenthesized ? parenthesized.getExpression() : condition;
    }

    @Override
    public Void visitBlock(BlockTree block, Void unused) {
        if (block.getStatements().isEmpty() && forbidden == 0) {
            int position = site.start(block) + 1;   // just after the brace
            sites.add(new SpliceSite(SpliceSite.Kind.STATEMENT, position, position, null, getCurrentPath()));
        }
        block.getStatements().forEach(this::addStatement);
        return super.visitBlock(block, unused);
    }

    @Override
    public Void visitCase(CaseTree caseTree, Void unused) {
        if (caseTree.getStatements() != null) {
            caseTree.getStatements().forEach(this::addStatement);
            scan(caseTree.getStatements(), unused);
        } else {
            scan(caseTree.getBody(), unused);   // arrow form: a block, a throw or an expression
        }
        return null;   // the labels are constants
    }

    @Override
    public Void visitVariable(VariableTree variable, Void unused) {
        if (forbidden == 0) {
            declare(variable);
            if (variable.getInitializer() != null && localTypes.get(variable.getName().toString()) != null
                    && variable.getInitializer().getKind() != Tree.Kind.NEW_ARRAY) {
                addValue(SpliceSite.Kind.ASSIGNED_VALUE, variable.getInitializer());
            }
        }
        return super.visitVariable(variable, unused);
    }

    @Override
    public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        String name = identifier.getName().toString();
        Tree parent = getCurrentPath().getParentPath().getLeaf();
        if (!site.isStatic() && inClass == 0) {
            receiverAccess(identifier, name, parent);
        }
        String type = localTypes.get(name);
        boolean target = parent instanceof AssignmentTree a && a.getVariable() == identifier
                || parent instanceof CompoundAssignmentTree c && c.getVariable() == identifier
                || parent instanceof UnaryTree u && u.getExpression() == identifier && isIncrement(u)
                || parent instanceof MethodInvocationTree m && m.getMethodSelect() == identifier;
        if (type != null && !target) {
            add(SpliceSite.Kind.LOCAL_READ, identifier, type.isEmpty() ? null : type);
        }
        return null;
    }

    /**
     * In the copy of an instance method, the receiver is the parameter {@code self}: {@code this} becomes
     * {@code self}, and a field of the declaring class named without a receiver becomes {@code self.field} (a
     * private one then does not compile, and the method is not extractable).
     */
    private void receiverAccess(IdentifierTree identifier, String name, Tree parent) {
        if (name.equals("this")) {
            qualifications.add(new Splicer.Insertion(site.start(identifier), 0, RECEIVER, "this".length()));
        } else if (site.enclosingClasses().get(0).fieldNames().contains(name) && !declaredLocals.contains(name)
                && !copied.contains(name)
                && !(parent instanceof MethodInvocationTree m && m.getMethodSelect() == identifier)) {
            qualifications.add(new Splicer.Insertion(site.start(identifier), 0, RECEIVER + "."));
        }
    }

    /** The name of the receiver parameter of an instance method's twin. */
    static final String RECEIVER = "self";

    private static boolean isIncrement(UnaryTree unary) {
        return switch (unary.getKind()) {
            case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
            default -> false;
        };
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
        if (call.getMethodSelect() instanceof IdentifierTree name && inClass == 0
                && !copied.contains(name.getName().toString())) {
            // The copy lives in another class: a call of the original class's own method says whose it is.
            // In an instance method, the declaring class's own methods are called on the receiver.
            for (MethodSite.EnclosingClass enclosing : site.enclosingClasses()) {
                if (enclosing.methodNames().contains(name.getName().toString())) {
                    boolean onReceiver = !site.isStatic() && enclosing == site.enclosingClasses().get(0);
                    qualifications.add(new Splicer.Insertion(site.start(name), 0,
                            (onReceiver ? RECEIVER : enclosing.sourceName()) + "."));
                    break;
                }
            }
        }
        return super.visitMethodInvocation(call, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree assignment, Void unused) {
        addValue(SpliceSite.Kind.ASSIGNED_VALUE, assignment.getExpression());
        return super.visitAssignment(assignment, unused);
    }

    @Override
    public Void visitReturn(ReturnTree returned, Void unused) {
        if (returned.getExpression() != null) {
            addValue(SpliceSite.Kind.RETURN_VALUE, returned.getExpression());
        }
        return super.visitReturn(returned, unused);
    }

    @Override
    public Void visitIf(IfTree ifTree, Void unused) {
        addValue(SpliceSite.Kind.CONDITION, unparenthesized(ifTree.getCondition()));
        return super.visitIf(ifTree, unused);
    }

    @Override
    public Void visitWhileLoop(WhileLoopTree loop, Void unused) {
        addValue(SpliceSite.Kind.CONDITION, unparenthesized(loop.getCondition()));
        return super.visitWhileLoop(loop, unused);
    }

    @Override
    public Void visitDoWhileLoop(DoWhileLoopTree loop, Void unused) {
        addValue(SpliceSite.Kind.CONDITION, unparenthesized(loop.getCondition()));
        return super.visitDoWhileLoop(loop, unused);
    }

    @Override
    public Void visitForLoop(ForLoopTree loop, Void unused) {
        if (loop.getCondition() != null) {
            addValue(SpliceSite.Kind.CONDITION, loop.getCondition());
        }
        return super.visitForLoop(loop, unused);
    }

    @Override
    public Void visitConditionalExpression(ConditionalExpressionTree conditional, Void unused) {
        addValue(SpliceSite.Kind.CONDITION, conditional.getCondition());
        return super.visitConditionalExpression(conditional, unused);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        forbidden++;
        try {
            return super.visitLambdaExpression(lambda, unused);
        } finally {
            forbidden--;
        }
    }

    @Override
    public Void visitClass(ClassTree type, Void unused) {
        forbidden++;
        inClass++;
        try {
            return super.visitClass(type, unused);
        } finally {
            forbidden--;
            inClass--;
        }
    }

    @Override
    public Void visitSynchronized(SynchronizedTree block, Void unused) {
        forbidden++;
        try {
            return super.visitSynchronized(block, unused);
        } finally {
            forbidden--;
        }
    }
}
