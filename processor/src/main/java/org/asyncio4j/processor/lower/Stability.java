package org.asyncio4j.processor.lower;

import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.LocalVar;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import java.util.List;

/**
 * Which parts of an expression may be evaluated after an await that Java evaluates after them, without a change of
 * meaning: those whose evaluation has no effect, cannot fail, and gives the same value after a suspension (literals,
 * locals not assigned earlier in the expression, final fields and constants, type names, lambdas, earlier awaits, and
 * operators over those). {@link NestedAwaits} saves the value of everything else before the await.
 *
 * <pre>{@code
 * n + await(g())          n is stable (a local): read after the await
 * f() + await(g())        f() is not (a call): saved1 = f(); ... saved1 + awaited
 * this.count + await(g()) a field may change meanwhile: saved first
 * }</pre>
 *
 * <p>Not thread-safe; one instance per {@link NestedAwaits}.
 */
final class Stability {
    private final NestedAwaits nested;
    private final AwaitCalls awaitCalls;
    private final BodyScan scan;
    private final NestedAwaits.Fields fields;

    Stability(NestedAwaits nested, AwaitCalls awaitCalls, BodyScan scan, NestedAwaits.Fields fields) {
        this.nested = nested;
        this.awaitCalls = awaitCalls;
        this.scan = scan;
        this.fields = fields;
    }

    /** Evaluating it has no effect, cannot fail, and gives the same value after a suspension. */
    boolean isStable(TreePath path) {
        Tree tree = path.getLeaf();
        if (nested.isSaving(tree)) {
            return true;
        }
        switch (tree.getKind()) {
            case INT_LITERAL: case LONG_LITERAL: case FLOAT_LITERAL: case DOUBLE_LITERAL: case BOOLEAN_LITERAL:
            case CHAR_LITERAL: case STRING_LITERAL: case NULL_LITERAL:
            case LAMBDA_EXPRESSION:
            case PRIMITIVE_TYPE: case ARRAY_TYPE: case PARAMETERIZED_TYPE:
            case ANNOTATED_TYPE: case UNBOUNDED_WILDCARD: case EXTENDS_WILDCARD: case SUPER_WILDCARD:
            case UNION_TYPE: case INTERSECTION_TYPE:
                // a type has no value: `Arrays.<@Nullable Object>asList(await(f))` has nothing to save before the
                // await (an annotated type argument was saved as if it were a value; found in Guava's Joiner)
                return true;
            case IDENTIFIER: {
                LocalVar local = scan.resolve(tree);
                if (local != null) {
                    return !nested.assignedEarly(path, local);
                }
                String name = ((IdentifierTree) tree).getName().toString();
                Tree parent = path.getParentPath().getLeaf();
                boolean methodName = parent instanceof MethodInvocationTree
                        && ((MethodInvocationTree) parent).getMethodSelect() == tree;
                // a type or package name has no value (JLS 6.5.2); a field or a statically imported one may change
                return methodName || name.equals("this") || name.equals("super")
                        || !fields.names().of(tree).isValue() || fields.isFinalField(name);
            }
            case MEMBER_SELECT: {
                MemberSelectTree select = (MemberSelectTree) tree;
                Tree parent = path.getParentPath().getLeaf();
                boolean methodName = parent instanceof MethodInvocationTree
                        && ((MethodInvocationTree) parent).getMethodSelect() == tree;
                if (select.getIdentifier().contentEquals("class") || methodName) {
                    return isStable(new TreePath(path, select.getExpression()));
                }
                if (select.getIdentifier().contentEquals("this")) {
                    return true; // `Outer.this`: the enclosing instance never changes
                }
                if (!fields.names().of(select).isValue()) {
                    return true; // `java.util`, `java.util.List`, `Outer.Inner`: nothing is evaluated (JLS 6.5.2)
                }
                // `System.out`, `Color.RED`: a static final field cannot change; other field reads can, meanwhile
                return fields.names().isConstant(select.getExpression(), select.getIdentifier().toString());
            }
            case MEMBER_REFERENCE:
                return isStable(new TreePath(path, ((MemberReferenceTree) tree).getQualifierExpression()));
            case PARENTHESIZED:
                return isStable(new TreePath(path, ((ParenthesizedTree) tree).getExpression()));
            case SWITCH_EXPRESSION:
                return nested.isBranching(tree); // lowered before, like an await: only its saved value is read later
            case CONDITIONAL_EXPRESSION: {
                if (nested.isBranching(tree)) {
                    return true; // lowered before, like an await: only its saved value is read later
                }
                ConditionalExpressionTree conditional = (ConditionalExpressionTree) tree;
                return isStable(new TreePath(path, conditional.getCondition()))
                        && isStable(new TreePath(path, conditional.getTrueExpression()))
                        && isStable(new TreePath(path, conditional.getFalseExpression()));
            }
            case CONDITIONAL_AND: case CONDITIONAL_OR:
                if (nested.isShortCircuit(tree)) {
                    return true; // lowered before, like an await: only its saved value is read later
                }
                return isStable(new TreePath(path, ((BinaryTree) tree).getLeftOperand()))
                        && isStable(new TreePath(path, ((BinaryTree) tree).getRightOperand()));
            case METHOD_INVOCATION:
                // an earlier await was suspended on in order, before this one: only its saved result is read later
                return awaitCalls.isAwait(tree);
            case UNARY_PLUS: case UNARY_MINUS: case LOGICAL_COMPLEMENT: case BITWISE_COMPLEMENT:
                return isStable(new TreePath(path, ((UnaryTree) tree).getExpression()));
            case TYPE_CAST: { // a primitive cast cannot fail; a reference cast may throw ClassCastException
                TypeCastTree cast = (TypeCastTree) tree;
                return cast.getType() instanceof com.sun.source.tree.PrimitiveTypeTree
                        && isStable(new TreePath(path, cast.getExpression()));
            }
            case DIVIDE: case REMAINDER: { // fails only for an integer divisor of zero: a non-zero literal is safe
                BinaryTree division = (BinaryTree) tree;
                Tree divisor = AwaitCalls.stripParentheses(division.getRightOperand());
                boolean safe = divisor instanceof com.sun.source.tree.LiteralTree
                        && ((com.sun.source.tree.LiteralTree) divisor).getValue() instanceof Number
                        && ((Number) ((com.sun.source.tree.LiteralTree) divisor).getValue()).doubleValue() != 0;
                return safe && isStable(new TreePath(path, division.getLeftOperand()));
            }
            default:
                if (tree instanceof BinaryTree) {
                    BinaryTree binary = (BinaryTree) tree;
                    return isStable(new TreePath(path, binary.getLeftOperand()))
                            && isStable(new TreePath(path, binary.getRightOperand()));
                }
                return false;
        }
    }
}
