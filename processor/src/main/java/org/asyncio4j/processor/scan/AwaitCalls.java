package org.asyncio4j.processor.scan;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Recognises {@code Asyncio.await(...)} calls in unattributed trees.
 *
 * <p>Bodies have no symbols during annotation processing, so the call is recognised by its shape: a one-argument
 * call of {@code await} (or the two-argument {@code await(x, SomeException.class)}), unqualified (statically imported) or qualified by {@code Asyncio} or
 * {@code org.asyncio4j.Asyncio}. A class that declares its own one-argument {@code await} method turns off the
 * unqualified form, because there the name means that method.
 */
public final class AwaitCalls {
    private final boolean unqualifiedMeansAsyncio;

    AwaitCalls(boolean classDeclaresOwnAwait) {
        this.unqualifiedMeansAsyncio = !classDeclaresOwnAwait;
    }

    /**
     * For {@code type}: whether a bare {@code await(x)} in it means something else than {@code Asyncio.await}, because
     * it or a class enclosing it has (declares or inherits) a one-argument {@code await} method.
     */
    public static AwaitCalls in(Elements elements, TypeElement type) {
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers((TypeElement) e))) {
                if (m.getSimpleName().contentEquals("await") && m.getParameters().size() == 1
                        && !((TypeElement) m.getEnclosingElement()).getQualifiedName()
                                .contentEquals(RuntimeNames.ASYNCIO)) {
                    return new AwaitCalls(true);
                }
            }
        }
        return new AwaitCalls(false);
    }

    public boolean isAwait(Tree tree) {
        if (!(tree instanceof MethodInvocationTree)) {
            return false;
        }
        MethodInvocationTree call = (MethodInvocationTree) tree;
        int arguments = call.getArguments().size();
        if (arguments != 1 && !(arguments == 2 && isClassLiteral(call.getArguments().get(1)))) {
            return false;
        }
        ExpressionTree select = call.getMethodSelect();
        if (select instanceof IdentifierTree) {
            return unqualifiedMeansAsyncio && ((IdentifierTree) select).getName().contentEquals("await");
        }
        if (select instanceof MemberSelectTree) {
            MemberSelectTree member = (MemberSelectTree) select;
            String qualifier = member.getExpression().toString();
            return member.getIdentifier().contentEquals("await")
                    && (qualifier.equals("Asyncio") || qualifier.equals(RuntimeNames.ASYNCIO));
        }
        return false;
    }

    /** {@code X.class}: the second argument of {@code await(x, IOException.class)}, which only informs javac. */
    private static boolean isClassLiteral(Tree tree) {
        Tree bare = stripParentheses(tree);
        return bare instanceof MemberSelectTree && ((MemberSelectTree) bare).getIdentifier().contentEquals("class");
    }

    /** The awaited expression if {@code tree}, without enclosing parentheses, is an await call; else null. */
    public ExpressionTree awaitedOperand(Tree tree) {
        Tree bare = stripParentheses(tree);
        return isAwait(bare) ? ((MethodInvocationTree) bare).getArguments().get(0) : null;
    }

    public static Tree stripParentheses(Tree tree) {
        while (tree instanceof ParenthesizedTree) {
            tree = ((ParenthesizedTree) tree).getExpression();
        }
        return tree;
    }
}
