package org.asyncio4j.processor.scan;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The checks of an {@code @Async} method's declaration, before its body is read, and the warnings on a method that
 * transforms fine. Each returns a report; nothing is printed here.
 * <pre>{@code
 * @Async synchronized void m() {...}   ===>   Report(elementProblem: "[AsyncSynchronized] ...", deferred: false)
 * @Async void m() { f(); }             ===>   warnings: ["[AsyncWithoutAwait] ..."]
 * }</pre>
 * Immutable.
 */
public final class MethodChecks {
    /**
     * What the declaration's checks found: a problem to report on the method, a type that does not exist yet (retry
     * in the next round), or neither.
     */
    public record Report(String elementProblem, boolean deferred) {
        static final Report CLEAN = new Report(null, false);

        public boolean clean() {
            return elementProblem == null && !deferred;
        }
    }

    private final ExecutableElement method;
    private final TypeElement owner;
    private final Companions companions;

    public MethodChecks(ExecutableElement method, Companions companions) {
        this.method = method;
        this.owner = (TypeElement) method.getEnclosingElement();
        this.companions = companions;
    }

    /** {@code Owner.m()}, for messages. */
    public String where() {
        return owner.getSimpleName() + "." + method.getSimpleName() + "()";
    }

    /**
     * Checks the declaration: it has a body, is not {@code synchronized}, is in no local, anonymous or private class,
     * and its signature names only types that exist ({@code lastChance}: the last round, when none will appear).
     */
    public Report checkDeclaration(MethodTree tree, boolean lastChance) {
        String where = where();
        if (tree == null || tree.getBody() == null) {
            return new Report(Messages.ASYNC_NO_BODY.format(where), false);
        }
        if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            return new Report(Messages.ASYNC_SYNCHRONIZED.format(where), false);
        }
        for (Element e = owner; e instanceof TypeElement; e = e.getEnclosingElement()) {
            TypeElement type = (TypeElement) e;
            if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                return new Report(Messages.ASYNC_IN_LOCAL_CLASS.format(where), false);
            }
            if (type.getModifiers().contains(Modifier.PRIVATE)) {
                return new Report(Messages.ASYNC_IN_PRIVATE_CLASS.format(where, type.getSimpleName()), false);
            }
        }
        if (mentionsMissingType(method.getReturnType())
                || method.getParameters().stream().anyMatch(p -> mentionsMissingType(p.asType()))) {
            return lastChance ? new Report(Messages.UNKNOWN_LOCAL_TYPE.format("of a parameter or result",
                    "it mentions a type that does not exist"), false) : new Report(null, true);
        }
        return Report.CLEAN;
    }

    /**
     * Warnings on a method that transforms fine: it never awaits, or it creates a coroutine and drops it. Each can
     * be turned off with {@code @SuppressWarnings("<tag>")} on the method or an enclosing class.
     */
    public List<BodyScan.Problem> warnings(BodyScan scan) {
        String where = where();
        List<BodyScan.Problem> warnings = new ArrayList<>();
        if (!scan.awaits() && !suppressed(Messages.ASYNC_WITHOUT_AWAIT)) {
            warnings.add(new BodyScan.Problem(Messages.ASYNC_WITHOUT_AWAIT.format(where), null));
        }
        if (!suppressed(Messages.COROUTINE_NEVER_AWAITED)) {
            for (TreePath statement : scan.expressionStatements()) {
                Tree expression = ((com.sun.source.tree.ExpressionStatementTree) statement.getLeaf())
                        .getExpression();
                if (!companions.asyncMethodsCalledBy(expression).isEmpty()) {
                    String call = expression.toString();
                    warnings.add(new BodyScan.Problem(
                            Messages.COROUTINE_NEVER_AWAITED.format(call, call, call), statement));
                }
            }
        }
        return warnings;
    }

    /**
     * The javac warnings the template's method and its enclosing classes suppress: the generated code copies the
     * template's statements, so it suppresses them too (e.g. {@code lossy-conversions} on JDK 20+).
     */
    public List<String> userSuppressions() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Element e = method; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress != null) {
                names.addAll(List.of(suppress.value()));
            }
        }
        return new ArrayList<>(names);
    }

    private boolean suppressed(Messages warning) {
        for (Element e = method; e != null; e = e.getEnclosingElement()) {
            SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
            if (suppress != null && List.of(suppress.value()).contains(warning.tag())) {
                return true;
            }
        }
        return false;
    }

    /** Whether a type mentions a class that does not exist yet (generated later in this build). */
    public static boolean mentionsMissingType(TypeMirror type) {
        return TypeCheck.problem(type) == TypeCheck.MISSING;
    }
}
