package org.asyncio4j.processor.scan;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code await(...)}, {@code emit(...)} and {@code async(lambda)} calls outside {@code @Async} bodies (other methods, constructors, initializers) in one
 * class's source, so they fail at compile time instead of throwing when they run.
 *
 * <p>{@code @Async} is recognised on the method's tree by name ({@code Async} or {@code org.asyncio4j.Async}),
 * without attributing anything.
 */
public final class OutsideAsyncScan extends TreePathScanner<Void, Void> {
    private final AwaitCalls awaitCalls;
    private final List<BodyScan.Problem> problems = new ArrayList<>();
    private String where = "a field initializer";
    /** How many enclosing classes declare their own one-argument {@code await}: then the bare name means theirs. */
    private int ownAwaitDepth;
    /** The same for a one-argument {@code emit} (a builder's, a reactive emitter's). */
    private int ownEmitDepth;
    /** The same for a one-argument {@code async}. */
    private int ownAsyncDepth;

    private OutsideAsyncScan(AwaitCalls awaitCalls) {
        this.awaitCalls = awaitCalls;
    }

    public static List<BodyScan.Problem> findIn(TreePath type, AwaitCalls awaitCalls) {
        OutsideAsyncScan scan = new OutsideAsyncScan(awaitCalls);
        scan.scan(type, null);
        return scan.problems;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
        String outer = where;
        where = "an initializer of " + (tree.getSimpleName().length() == 0 ? "an anonymous class"
                : tree.getSimpleName());
        boolean ownAwait = tree.getMembers().stream().anyMatch(member -> member instanceof MethodTree
                && ((MethodTree) member).getName().contentEquals("await")
                && ((MethodTree) member).getParameters().size() == 1);
        boolean ownEmit = tree.getMembers().stream().anyMatch(member -> member instanceof MethodTree
                && ((MethodTree) member).getName().contentEquals("emit")
                && ((MethodTree) member).getParameters().size() == 1);
        boolean ownAsync = tree.getMembers().stream().anyMatch(member -> member instanceof MethodTree
                && ((MethodTree) member).getName().contentEquals("async")
                && ((MethodTree) member).getParameters().size() == 1);
        ownAwaitDepth += ownAwait ? 1 : 0;
        ownEmitDepth += ownEmit ? 1 : 0;
        ownAsyncDepth += ownAsync ? 1 : 0;
        try {
            return super.visitClass(tree, null);
        } finally {
            ownAwaitDepth -= ownAwait ? 1 : 0;
            ownEmitDepth -= ownEmit ? 1 : 0;
            ownAsyncDepth -= ownAsync ? 1 : 0;
            where = outer;
        }
    }

    @Override
    public Void visitMethod(MethodTree tree, Void unused) {
        if (isAsync(tree)) {
            return null; // its body is checked by BodyScan, lambdas and local classes included
        }
        String outer = where;
        where = tree.getName().contentEquals("<init>") ? "a constructor" : "method " + tree.getName() + "()";
        try {
            return super.visitMethod(tree, null);
        } finally {
            where = outer;
        }
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        boolean bareName = tree.getMethodSelect() instanceof IdentifierTree;
        if (awaitCalls.isAwait(tree) && !(bareName && ownAwaitDepth > 0)) {
            problems.add(new BodyScan.Problem(Messages.AWAIT_OUTSIDE_ASYNC.format(where), getCurrentPath()));
        } else if (awaitCalls.isAsyncCall(tree) && !(bareName && ownAsyncDepth > 0)) {
            problems.add(new BodyScan.Problem(Messages.ASYNC_LAMBDA_OUTSIDE_ASYNC.format(where), getCurrentPath()));
            return null; // one error: the awaits in the lambda are its own
        } else if (awaitCalls.isEmit(tree) && !(bareName && ownEmitDepth > 0)) {
            problems.add(new BodyScan.Problem(Messages.EMIT_OUTSIDE_GENERATOR.format(where + " is not @Async"),
                    getCurrentPath()));
        }
        return super.visitMethodInvocation(tree, null);
    }

    static boolean isAsync(MethodTree method) {
        for (AnnotationTree annotation : method.getModifiers().getAnnotations()) {
            Tree type = annotation.getAnnotationType();
            String name = type.toString();
            if (name.equals("Async") || name.equals(RuntimeNames.ASYNC_ANNOTATION)) {
                return true;
            }
        }
        return false;
    }
}
