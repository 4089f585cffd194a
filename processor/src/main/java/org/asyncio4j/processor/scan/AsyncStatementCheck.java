package org.asyncio4j.processor.scan;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Reports {@code async with} and {@code async for} where they cannot work, once javac has attributed the code:
 * a try-with-resources over an {@code AsyncCloseable} (whose {@code close()} is the default that throws) or a
 * for-each over an {@code AsyncIterable} outside an {@code @Async} body (or in a lambda or class inside one):
 * {@code AsyncResourceOutsideAsync},
 * {@code AsyncForOutsideAsync}; and a for-each in an {@code @Async} body that the processor could not tell was over
 * an {@code AsyncIterable} ({@link AsyncStatements}), so lowered as a plain loop: {@code AsyncForUnknownType}.
 *
 * <p>Why after attribution: only then do expressions have types (during processing they have none), and these
 * rules are about static types. A listener on javac's public {@link TaskListener} API runs when each class is
 * analysed ({@link TaskEvent.Kind#ANALYZE}) and reports through {@link Trees#printMessage}, at the exact tree. The
 * consequence: javac attributes only when processing reported no error, so these errors appear once the others are
 * fixed. Under another compiler nothing is checked, and a template that runs untransformed throws from
 * {@code close()}/{@code iterator()} saying why.
 *
 * <p>Thread-safety: javac calls it on its one thread; {@link #lowered} is a concurrent set all the same.
 */
public final class AsyncStatementCheck implements TaskListener {
    private final Trees trees;
    private final Types types;
    private final javax.lang.model.util.Elements elements;
    private final TypeMirror closeable;
    private final TypeMirror iterable;
    /** Positions ({@link #key}) of resources and loops that the processor lowered as async. */
    private final Set<String> lowered = ConcurrentHashMap.newKeySet();
    /**
     * Trees already reported: a member class is walked with its outer class and at its own event (whichever comes
     * after its attribution reports it), and reported once.
     */
    private final Set<Tree> reported = Collections.newSetFromMap(new IdentityHashMap<>());

    private AsyncStatementCheck(ProcessingEnvironment environment, Trees trees) {
        this.trees = trees;
        this.types = environment.getTypeUtils();
        this.elements = environment.getElementUtils();
        TypeElement closeableType = environment.getElementUtils()
                .getTypeElement(RuntimeNames.ASYNC_CLOSEABLE.canonicalName());
        TypeElement iterableType = environment.getElementUtils()
                .getTypeElement(RuntimeNames.ASYNC_ITERABLE.canonicalName());
        this.closeable = closeableType == null ? null : types.erasure(closeableType.asType());
        this.iterable = iterableType == null ? null : types.erasure(iterableType.asType());
    }

    /** Registers the check on javac; null (nothing registered) under another compiler or an old runtime. */
    public static AsyncStatementCheck install(ProcessingEnvironment environment, Trees trees) {
        try {
            AsyncStatementCheck check = new AsyncStatementCheck(environment, trees);
            if (check.closeable == null || check.iterable == null) {
                return null;
            }
            JavacTask.instance(environment).addTaskListener(check);
            return check;
        } catch (IllegalArgumentException | IllegalStateException | LinkageError notJavac) {
            return null;
        }
    }

    /** Where {@link AsyncStatements} records what it lowered as async. */
    public Set<String> lowered() {
        return lowered;
    }

    /** A tree's identity across rounds and events: its file and start position. */
    static String key(CompilationUnitTree unit, Trees trees, Tree tree) {
        return unit.getSourceFile().toUri() + "#" + trees.getSourcePositions().getStartPosition(unit, tree);
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getKind() != TaskEvent.Kind.ANALYZE || event.getTypeElement() == null) {
            return;
        }
        TreePath path = trees.getPath(event.getTypeElement());
        if (path == null || generatedByUs(event.getTypeElement())) {
            return; // a companion copies the template's code, which is checked where the user wrote it
        }
        new Scanner(path.getCompilationUnit()).scan(path, null);
    }

    /** Walks one class, knowing whether the code at hand is an {@code @Async} body that the processor lowered. */
    private final class Scanner extends TreePathScanner<Void, Void> {
        private final CompilationUnitTree unit;
        /** Inside an @Async body (not in a lambda or class in it). */
        private boolean asyncBody;
        private String where = "a field initializer";

        Scanner(CompilationUnitTree unit) {
            this.unit = unit;
        }

        @Override
        public Void visitClass(ClassTree tree, Void unused) {
            boolean outerAsync = asyncBody;
            String outer = where;
            asyncBody = false;
            where = tree.getSimpleName().length() == 0 ? "an anonymous class" : "an initializer of "
                    + tree.getSimpleName();
            try {
                return super.visitClass(tree, null);
            } finally {
                asyncBody = outerAsync;
                where = outer;
            }
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
            boolean outerAsync = asyncBody;
            String outer = where;
            asyncBody = OutsideAsyncScan.isAsync(tree);
            where = tree.getName().contentEquals("<init>") ? "a constructor" : "method " + tree.getName() + "()";
            try {
                return super.visitMethod(tree, null);
            } finally {
                asyncBody = outerAsync;
                where = outer;
            }
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
            boolean outerAsync = asyncBody;
            String outer = where;
            if (asyncBody) {
                where = "a lambda in @Async " + where;
            }
            asyncBody = false;
            try {
                return super.visitLambdaExpression(tree, null);
            } finally {
                asyncBody = outerAsync;
                where = outer;
            }
        }

        @Override
        public Void visitTry(TryTree tree, Void unused) {
            for (Tree resource : tree.getResources()) {
                TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), resource));
                if (!isSubtype(type, closeable)) {
                    continue;
                }
                if (!asyncBody) {
                    if (!closesSynchronously(type)) {
                        report(Messages.ASYNC_RESOURCE_OUTSIDE_ASYNC.format(type, where), resource);
                    }
                } else if (!lowered.contains(key(unit, trees, resource))) {
                    report(Messages.ASYNC_RESOURCE_UNKNOWN_TYPE.format(resource, type), resource);
                }
            }
            return super.visitTry(tree, null);
        }

        @Override
        public Void visitEnhancedForLoop(EnhancedForLoopTree tree, Void unused) {
            TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), tree.getExpression()));
            if (isSubtype(type, iterable)) {
                if (!asyncBody) {
                    report(Messages.ASYNC_FOR_OUTSIDE_ASYNC.format(type, where), tree.getExpression());
                } else if (!lowered.contains(key(unit, trees, tree))) {
                    report(Messages.ASYNC_FOR_UNKNOWN_TYPE.format(tree.getExpression(), type), tree.getExpression());
                }
            }
            return super.visitEnhancedForLoop(tree, null);
        }

        private void report(String message, Tree at) {
            if (reported.add(at)) {
                trees.printMessage(Diagnostic.Kind.ERROR, message, at, unit);
            }
        }
    }

    /**
     * Whether the resource's {@code close()} is its own (a {@code StreamWriter}'s or a {@code Server}'s starts the
     * close), not {@code AsyncCloseable}'s default that throws: then a plain try-with-resources outside an
     * {@code @Async} body works as it always did, and is not reported.
     */
    private boolean closesSynchronously(TypeMirror type) {
        javax.lang.model.element.Element element = types.asElement(types.erasure(type));
        if (!(element instanceof TypeElement)) {
            return false;
        }
        for (javax.lang.model.element.ExecutableElement method : javax.lang.model.util.ElementFilter.methodsIn(
                elements.getAllMembers((TypeElement) element))) {
            if (method.getSimpleName().contentEquals("close") && method.getParameters().isEmpty()) {
                return !((TypeElement) method.getEnclosingElement()).getQualifiedName()
                        .contentEquals(RuntimeNames.ASYNC_CLOSEABLE.canonicalName());
            }
        }
        return false;
    }

    private static boolean generatedByUs(TypeElement type) {
        return type.getAnnotationMirrors().stream().anyMatch(annotation -> ((TypeElement) annotation
                .getAnnotationType().asElement()).getQualifiedName().contentEquals(RuntimeNames.GENERATED
                        .canonicalName()) && annotation.getElementValues().values().stream()
                                .anyMatch(value -> value.toString().contains(RuntimeNames.PROCESSOR)));
    }

    private boolean isSubtype(TypeMirror type, TypeMirror of) {
        return type != null && type.getKind() == TypeKind.DECLARED && types.isSubtype(types.erasure(type), of);
    }
}
