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
    /**
     * In the body of an async generator: {@code emit(x)} is a suspension point too, lowered as an await of
     * {@code x} that hands {@code x} to the consumer (see {@link #isEmit}).
     */
    private final boolean generator;

    /** Whether a bare {@code emit(x)} means {@code Asyncio.emit} (the class has no one-argument {@code emit}). */
    private final boolean unqualifiedEmitMeansAsyncio;
    /** Whether a bare {@code async(x)} means {@code Asyncio.async} (the class has no one-argument {@code async}). */
    private final boolean unqualifiedAsyncMeansAsyncio;

    AwaitCalls(boolean classDeclaresOwnAwait) {
        this(!classDeclaresOwnAwait, true, true, false);
    }

    private AwaitCalls(boolean unqualifiedMeansAsyncio, boolean unqualifiedEmitMeansAsyncio,
            boolean unqualifiedAsyncMeansAsyncio, boolean generator) {
        this.unqualifiedMeansAsyncio = unqualifiedMeansAsyncio;
        this.unqualifiedEmitMeansAsyncio = unqualifiedEmitMeansAsyncio;
        this.unqualifiedAsyncMeansAsyncio = unqualifiedAsyncMeansAsyncio;
        this.generator = generator;
    }

    /**
     * {@code Asyncio.async(x)}, unqualified (unless the class has its own one-argument {@code async}) or qualified:
     * an async lambda when {@code x} is a lambda (see {@link #asyncLambda}).
     */
    public boolean isAsyncCall(Tree tree) {
        return isAsyncioCall(tree, "async", 1) && (unqualifiedAsyncMeansAsyncio
                || !(((MethodInvocationTree) tree).getMethodSelect() instanceof IdentifierTree));
    }

    /** The lambda of {@code async(lambda)} (maybe parenthesized) if {@code tree} is such a call; else null. */
    public com.sun.source.tree.LambdaExpressionTree asyncLambda(Tree tree) {
        if (!isAsyncCall(tree)) {
            return null;
        }
        Tree argument = stripParentheses(((MethodInvocationTree) tree).getArguments().get(0));
        return argument instanceof com.sun.source.tree.LambdaExpressionTree
                ? (com.sun.source.tree.LambdaExpressionTree) argument : null;
    }

    /**
     * These calls in the body of an {@code @Async} method returning {@code AsyncGenerator}: {@link #isAwait} is also
     * true of {@code emit(x)}, whose operand {@code x} the lowering "awaits" (the writer hands it out instead).
     */
    public AwaitCalls inGenerator() {
        return new AwaitCalls(unqualifiedMeansAsyncio, unqualifiedEmitMeansAsyncio, unqualifiedAsyncMeansAsyncio,
                true);
    }

    /** Whether these are the calls of an async generator's body (see {@link #inGenerator()}). */
    public boolean generator() {
        return generator;
    }

    /** {@code Asyncio.emit(x)}, unqualified (unless the class has its own {@code emit}) or qualified, anywhere. */
    public boolean isEmit(Tree tree) {
        return isAsyncioCall(tree, "emit", 1) && (unqualifiedEmitMeansAsyncio
                || !(((MethodInvocationTree) tree).getMethodSelect() instanceof IdentifierTree));
    }

    /**
     * Whether the suspension point {@code call} (a call {@link #isAwait} accepted) is an {@code emit}: in a generator's
     * body an await call is named {@code await}, an emit {@code emit}.
     */
    public static boolean isEmitPoint(Tree call) {
        return isAsyncioCall(call, "emit", 1);
    }

    /** Whether {@code method} returns {@code org.asyncio4j.AsyncGenerator}: its body is an async generator's. */
    public static boolean returnsGenerator(ExecutableElement method) {
        javax.lang.model.type.TypeMirror result = method.getReturnType();
        return result.getKind() == javax.lang.model.type.TypeKind.DECLARED
                && ((TypeElement) ((javax.lang.model.type.DeclaredType) result).asElement()).getQualifiedName()
                        .contentEquals(RuntimeNames.ASYNC_GENERATOR.canonicalName());
    }

    /** {@code Asyncio.endGenerator()}, the one value a generator's {@code return} may have. */
    public static boolean isEndGenerator(Tree tree) {
        return isAsyncioCall(stripParentheses(tree), "endGenerator", 0);
    }

    /** A call of {@code Asyncio.name} with that many arguments, unqualified (statically imported) or qualified. */
    private static boolean isAsyncioCall(Tree tree, String name, int arguments) {
        if (!(tree instanceof MethodInvocationTree)
                || ((MethodInvocationTree) tree).getArguments().size() != arguments) {
            return false;
        }
        ExpressionTree select = ((MethodInvocationTree) tree).getMethodSelect();
        if (select instanceof IdentifierTree) {
            return ((IdentifierTree) select).getName().contentEquals(name);
        }
        if (select instanceof MemberSelectTree) {
            MemberSelectTree member = (MemberSelectTree) select;
            String qualifier = member.getExpression().toString();
            return member.getIdentifier().contentEquals(name)
                    && (qualifier.equals("Asyncio") || qualifier.equals(RuntimeNames.ASYNCIO));
        }
        return false;
    }

    /**
     * For {@code type}: whether a bare {@code await(x)} in it means something else than {@code Asyncio.await}, because
     * it or a class enclosing it has (declares or inherits) a one-argument {@code await} method.
     */
    public static AwaitCalls in(Elements elements, TypeElement type) {
        boolean ownAwait = false;
        boolean ownEmit = false;
        boolean ownAsync = false;
        for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
            for (ExecutableElement m : ElementFilter.methodsIn(elements.getAllMembers((TypeElement) e))) {
                if (m.getParameters().size() == 1 && !((TypeElement) m.getEnclosingElement()).getQualifiedName()
                        .contentEquals(RuntimeNames.ASYNCIO)) {
                    ownAwait |= m.getSimpleName().contentEquals("await");
                    ownEmit |= m.getSimpleName().contentEquals("emit");
                    ownAsync |= m.getSimpleName().contentEquals("async");
                }
            }
        }
        return new AwaitCalls(!ownAwait, !ownEmit, !ownAsync, false);
    }

    public boolean isAwait(Tree tree) {
        if (!(tree instanceof MethodInvocationTree)) {
            return false;
        }
        if (generator && isEmit(tree)) {
            return true;
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
