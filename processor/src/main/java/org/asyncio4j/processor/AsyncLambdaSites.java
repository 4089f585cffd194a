package org.asyncio4j.processor;

import org.asyncio4j.processor.emit.Signature;
import org.asyncio4j.processor.lower.Completion;
import org.asyncio4j.processor.lower.FrameNames;
import org.asyncio4j.processor.lower.LocalTypes;
import org.asyncio4j.processor.print.NameRewriter;
import org.asyncio4j.processor.scan.AsyncStatements;
import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.Companions;
import org.asyncio4j.processor.scan.LocalVar;
import org.asyncio4j.processor.scan.Messages;
import org.asyncio4j.processor.scan.RuntimeNames;
import org.asyncio4j.processor.scan.TypeCheck;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * The async lambdas of one body ({@code async(() -> { ... })}): each one's body goes through the same lower, print
 * and emit passes as a method's ({@link Pipeline#lowerPrintEmit}), into a state machine of the companion beside
 * the enclosing one; where the lambda was, the enclosing body creates that frame with the receiver and the captured locals.
 * <pre>{@code
 * @Async static int run(int n) {                     RunCoroutine.stepBody:
 *     Task<Integer> t = createTask(async(() -> {  ===>     Task<Integer> t = createTask(AsyncLambdas.typed(
 *         await(sleep(n));                                     new RunLambda<>(n), () -> { ...as written... }));
 *         return n * 2;                              static final class RunLambda<R> extends AsyncStateMachine<R>:
 *     }));                                               case 0: state = 1; suspend on sleep(n);
 *     return await(t);                                   case 1: awaitedValue(task); return n * 2;
 * }
 * }</pre>
 * The lambda as written is kept as the never-called second argument of {@code AsyncLambdas.typed}, so that javac
 * types the coroutine exactly as it typed the template's {@code async(...)}. A lambda that returns nothing is a
 * {@code Coroutine<Void>} ({@code new RunLambda(n)}); one with one parameter a function that makes a frame per call
 * ({@code AsyncLambdas.function(p -> new RunLambda<>(n, p), p -> ...as written...)}, or
 * {@code AsyncLambdas.consumer(p -> new RunLambda(n, p))}); one with two parameters a {@code ClientHandler}
 * ({@code AsyncLambdas.handler((r, w) -> new RunLambda(self, n, r, w))}), one frame per connection. Captured locals
 * that the enclosing body keeps in its frame are copied into final locals first, as for any lambda.
 *
 * <p>An expression body is lowered as {@code { return expression; }} (see {@code Lowering}), or as
 * {@code { expression; }} when javac typed the lambda as returning nothing: only a call written as the whole body can
 * be void, and the processor finds its method by name and arity ({@link AsyncStatements#returnsVoid}); a call it
 * cannot find is {@code AsyncLambdaResultUnknown}.
 * Not thread-safe: one instance per body.
 */
final class AsyncLambdaSites {
    /** Written qualified: the printed code is text, which JavaPoet does not import for. */
    private static final String INTERNAL = RuntimeNames.ASYNC_LAMBDAS.canonicalName();

    /** What the template's {@code async(...)} returned, by the lambda's parameters. */
    private enum Shape {
        /** {@code () -> ...}: a {@code Coroutine<T>}. */
        COROUTINE,
        /** {@code p -> ...}: a {@code Function<P, Coroutine<T>>}, a new frame per call. */
        FUNCTION,
        /** {@code (reader, writer) -> ...}: a {@code ClientHandler}, a new frame per connection. */
        HANDLER
    }

    /** One async lambda: its state machine's class and what its frame is created with. */
    private static final class Site {
        final TreePath lambda;
        /** The enclosing body's locals it uses, in first-use order, with one use each (printed to pass it). */
        final Map<LocalVar, TreePath> captured;
        final Shape shape;
        /** Whether it returns a value (javac typed it as a Callable or an AsyncFunction). */
        final boolean typed;
        String className;
        boolean generic;

        Site(TreePath lambda, Map<LocalVar, TreePath> captured, Shape shape, boolean typed) {
            this.lambda = lambda;
            this.captured = captured;
            this.shape = shape;
            this.typed = typed;
        }
    }

    /** By the {@code async(...)} call. */
    private final Map<Tree, Site> byCall = new IdentityHashMap<>();
    private final List<TypeSpec> machines = new ArrayList<>();
    private final List<BodyScan.Problem> problems = new ArrayList<>();
    private final FrameNames frame;

    /**
     * Transforms the async lambdas of the body that {@code scan} read, whose frame names are {@code frame};
     * {@code localTypes} types the locals they capture.
     */
    AsyncLambdaSites(Pipeline pipeline, BodyScan scan, LocalTypes localTypes, FrameNames frame, Signature enclosing,
            Companions companions, List<String> userSuppressions, boolean lastChance) {
        this.frame = frame;
        for (TreePath lambda : scan.asyncLambdas()) {
            LambdaExpressionTree tree = (LambdaExpressionTree) lambda.getLeaf();
            Map<LocalVar, TreePath> captured = captured(lambda, scan);
            AwaitCalls awaitCalls = AwaitCalls.in(pipeline.elements(), pipeline.owner());
            BodyScan lambdaScan = new BodyScan(awaitCalls);
            lambdaScan.scanLambda(lambda, new ArrayList<>(captured.keySet()));
            if (!lambdaScan.problems().isEmpty()) {
                problems.addAll(lambdaScan.problems());
                continue;
            }
            Shape shape = tree.getParameters().isEmpty() ? Shape.COROUTINE
                    : tree.getParameters().size() == 1 ? Shape.FUNCTION : Shape.HANDLER;
            Boolean typed = Boolean.FALSE;
            if (shape != Shape.HANDLER && tree.getBodyKind() == LambdaExpressionTree.BodyKind.STATEMENT) {
                typed = returnsValue(lambda);
            } else if (shape != Shape.HANDLER) {
                typed = expressionReturnsValue(pipeline, lambda, lambdaScan, awaitCalls, companions);
            }
            if (typed == null) {
                continue; // reported
            }
            Site site = new Site(lambda, captured, shape, typed);
            Map<String, TypeMirror> parameterTypes = new LinkedHashMap<>();
            for (LocalVar var : captured.keySet()) {
                parameterTypes.put(var.name, localTypes.typeOf(var));
            }
            if (shape == Shape.HANDLER) {
                parameterTypes.put(tree.getParameters().get(0).getName().toString(), pipeline.elements()
                        .getTypeElement("org.asyncio4j.streams.StreamReader").asType());
                parameterTypes.put(tree.getParameters().get(1).getName().toString(), pipeline.elements()
                        .getTypeElement("org.asyncio4j.streams.StreamWriter").asType());
            } else if (shape == Shape.FUNCTION) {
                // as javac inferred it for the template (from the target type, or as written): Trees.getScope
                VariableTree parameter = tree.getParameters().get(0);
                for (LocalVar var : lambdaScan.locals()) {
                    if (var.declaration != null && var.declaration.getLeaf() == parameter) {
                        parameterTypes.put(var.name, parameterType(pipeline, lambda, var, localTypes));
                    }
                }
                String name = parameter.getName().toString();
                MethodInvocationTree missing = LocalVar.isImplicit(parameter)
                        && parameterTypes.get(name).toString().equals("java.lang.Object")
                        ? missingCompanionCall(pipeline, lambda, companions) : null;
                if (missing != null) {
                    // javac's recovery typed the parameter as Object (fuzz seed 20261271)
                    problems.add(new BodyScan.Problem(Messages.ASYNC_LAMBDA_PARAMETER_TYPE.format(name,
                            missing.getMethodSelect(), name), lambda));
                    continue;
                }
            }
            Pipeline.Machine machine = machine(pipeline, site, lambdaScan, awaitCalls, parameterTypes, enclosing,
                    companions, userSuppressions, lastChance);
            if (!machine.problems().isEmpty()) {
                problems.addAll(machine.problems());
                continue;
            }
            site.className = machine.stateMachine().name();
            site.generic = !machine.stateMachine().typeVariables().isEmpty();
            machines.add(machine.stateMachine());
            machines.addAll(machine.lambdaMachines());
            byCall.put(lambda.getParentPath().getLeaf() instanceof com.sun.source.tree.ParenthesizedTree
                    ? lambda.getParentPath().getParentPath().getLeaf() : lambda.getParentPath().getLeaf(), site);
        }
    }

    /**
     * The type of a function's parameter; one inferred as a captured wildcard ({@code xs.stream().map(async(x ->
     * ...))} over a {@code List<? extends Number>}) is kept as its upper bound, which the frame's field can be
     * declared with and the captured type converts to.
     */
    private static TypeMirror parameterType(Pipeline pipeline, TreePath lambda, LocalVar var, LocalTypes localTypes) {
        try {
            return localTypes.typeOf(var);
        } catch (LocalTypes.TypeUnavailable e) {
            if (e.retryLater()) {
                throw e;
            }
            TreePath body = new TreePath(lambda, ((LambdaExpressionTree) lambda.getLeaf()).getBody());
            for (javax.lang.model.element.Element local : pipeline.trees().getScope(body).getLocalElements()) {
                if (local.getSimpleName().contentEquals(var.name)
                        && local.asType().getKind() == javax.lang.model.type.TypeKind.TYPEVAR) {
                    TypeMirror bound = ((javax.lang.model.type.TypeVariable) local.asType()).getUpperBound();
                    if (TypeCheck.problem(bound) == null) {
                        return bound;
                    }
                }
            }
            throw e;
        }
    }

    /**
     * A call, in the statement of {@code lambda} but outside the lambda, of an {@code @Async} method whose companion
     * does not exist yet (it is generated in this build): javac then attributes the statement with an error type, and
     * an implicitly typed parameter of the lambda may come out as {@code Object}. Null if there is none.
     */
    private static MethodInvocationTree missingCompanionCall(Pipeline pipeline, TreePath lambda,
            Companions companions) {
        TreePath statement = lambda;
        while (statement != null && !(statement.getLeaf() instanceof com.sun.source.tree.StatementTree)) {
            statement = statement.getParentPath();
        }
        if (statement == null) {
            return null;
        }
        MethodInvocationTree[] found = {null};
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                List<javax.lang.model.element.ExecutableElement> targets = companions.asyncMethodsCalledBy(call);
                if (found[0] == null && !targets.isEmpty() && pipeline.elements().getTypeElement(
                        Companions.companionName(pipeline.elements(), (javax.lang.model.element.TypeElement)
                                targets.get(0).getEnclosingElement()).canonicalName()) == null) {
                    found[0] = call;
                }
                return super.visitMethodInvocation(call, null);
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
                return tree == lambda.getLeaf() ? null : super.visitLambdaExpression(tree, null);
            }
        }.scan(statement.getLeaf(), null);
        return found[0];
    }

    /** The lambda's body as a state machine, through the shared passes. */
    private Pipeline.Machine machine(Pipeline pipeline, Site site, BodyScan scan, AwaitCalls awaitCalls,
            Map<String, TypeMirror> parameterTypes, Signature enclosing, Companions companions,
            List<String> userSuppressions, boolean lastChance) {
        TypeName result = site.typed ? resultVariable(enclosing, scan) : ClassName.get(Void.class);
        TreePath body = new TreePath(site.lambda, ((LambdaExpressionTree) site.lambda.getLeaf()).getBody());
        String base = Character.toUpperCase(enclosing.entryName().charAt(0)) + enclosing.entryName().substring(1)
                + "Lambda";
        Pipeline.Body lambdaBody = new Pipeline.Body(body, scan, awaitCalls, !site.typed, frame.receiver() != null,
                base, names -> Signature.ofLambda(pipeline.method(), site.lambda, site.lambda.getCompilationUnit(),
                        pipeline.trees().getSourcePositions(), scan, names.locals(), parameterTypes, result),
                parameterTypes);
        return pipeline.lowerPrintEmit(lambdaBody, companions, userSuppressions, lastChance);
    }

    /**
     * Whether javac types a lambda with an expression body as returning a value (null: it cannot be told, reported).
     * Only a call may be void, and only a call written as the whole body is void-compatible; otherwise the body has a
     * value, and a lambda that fits both shapes takes the one with a value ({@code Callable}, {@code AsyncFunction}:
     * JLS 15.12.2.5 for {@code () -> x = y}, and {@code AsyncFunction} extends {@code AsyncConsumer} for an
     * implicitly typed {@code p -> f(p)}).
     */
    private Boolean expressionReturnsValue(Pipeline pipeline, TreePath lambda, BodyScan lambdaScan,
            AwaitCalls awaitCalls, Companions companions) {
        LambdaExpressionTree tree = (LambdaExpressionTree) lambda.getLeaf();
        if (!(tree.getBody() instanceof MethodInvocationTree) || awaitCalls.isAwait(tree.getBody())
                || awaitCalls.isAsyncCall(tree.getBody())) {
            return true;
        }
        MethodInvocationTree call = (MethodInvocationTree) tree.getBody();
        Boolean isVoid = !companions.asyncMethodsCalledBy(call).isEmpty() ? Boolean.FALSE
                : new AsyncStatements(pipeline.trees(), pipeline.elements(), pipeline.types(), pipeline.owner(),
                        lambdaScan, new HashSet<>()).returnsVoid(new TreePath(lambda, call));
        TreePath at = new TreePath(lambda, call);
        if (tree.getParameters().size() == 1 && LocalVar.isImplicit(tree.getParameters().get(0))) {
            if (Boolean.TRUE.equals(isVoid)) {
                String name = tree.getParameters().get(0).getName().toString();
                problems.add(new BodyScan.Problem(Messages.ASYNC_LAMBDA_VOID_EXPRESSION.format(call, name, call), at));
                return null;
            }
            return true;
        }
        if (isVoid == null) {
            problems.add(new BodyScan.Problem(Messages.ASYNC_LAMBDA_RESULT_UNKNOWN.format(call, call, call), at));
            return null;
        }
        return !isVoid;
    }

    /** {@code R}, or another name no type variable or name of the body has. */
    private static TypeVariableName resultVariable(Signature enclosing, BodyScan scan) {
        Set<String> taken = new HashSet<>(scan.names());
        enclosing.typeVariables().forEach(v -> taken.add(v.toString()));
        String name = "R";
        for (int i = 2; taken.contains(name); i++) {
            name = "R" + i;
        }
        return TypeVariableName.get(name);
    }

    /** The enclosing body's locals used in the lambda (also in async lambdas nested in it), with a use of each. */
    private static Map<LocalVar, TreePath> captured(TreePath lambda, BodyScan scan) {
        Map<LocalVar, TreePath> captured = new LinkedHashMap<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree tree, Void unused) {
                LocalVar var = scan.resolve(tree);
                if (var != null) {
                    captured.putIfAbsent(var, getCurrentPath());
                }
                return null;
            }
        }.scan(lambda, null);
        return captured;
    }

    /**
     * Whether javac types the lambda as a {@code Callable}: it returns a value, or it cannot complete normally (then
     * it is both void- and value-compatible, and the {@code Callable} overload is the more specific one).
     */
    private static boolean returnsValue(TreePath lambda) {
        Tree body = ((LambdaExpressionTree) lambda.getLeaf()).getBody();
        boolean[] value = {false};
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitReturn(ReturnTree tree, Void unused) {
                value[0] |= tree.getExpression() != null;
                return null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
                return null; // its returns are its own
            }

            @Override
            public Void visitClass(ClassTree tree, Void unused) {
                return null;
            }
        }.scan(new TreePath(lambda, body), null);
        return value[0] || Completion.of(body) == Completion.ABRUPT;
    }

    List<TypeSpec> machines() {
        return machines;
    }

    List<BodyScan.Problem> problems() {
        return problems;
    }

    /** The printer's hook: writes the creation of an async lambda's frame in place of {@code async(...)}. */
    boolean print(TreePath path, NameRewriter.Output out) {
        Site site = byCall.get(path.getLeaf());
        if (site == null) {
            return false;
        }
        String creation = "new " + site.className + (site.generic ? "<>" : "") + "(";
        List<? extends VariableTree> parameters = ((LambdaExpressionTree) site.lambda.getLeaf()).getParameters();
        if (site.shape == Shape.HANDLER) {
            String reader = parameters.get(0).getName().toString();
            String writer = parameters.get(1).getName().toString();
            out.write(INTERNAL + ".handler((" + reader + ", " + writer + ") -> " + creation);
            out.write((arguments(site, out) ? ", " : "") + reader + ", " + writer + "))");
        } else if (site.shape == Shape.FUNCTION) {
            // p -> new Lambda(captured, p), with the parameter typed as written, so that javac infers P as for
            // the template's lambda (from the target type, or from the type written)
            VariableTree parameter = parameters.get(0);
            String name = parameter.getName().toString();
            out.write(INTERNAL + (site.typed ? ".function(" : ".consumer("));
            if (LocalVar.isImplicit(parameter)) {
                out.write(name);
            } else {
                out.write("(");
                out.print(new TreePath(new TreePath(site.lambda, parameter), parameter.getType()));
                out.write(" " + name + ")");
            }
            out.write(" -> " + creation);
            out.write((arguments(site, out) ? ", " : "") + name + ")");
            if (site.typed) {
                out.write(", ");
                out.print(site.lambda);     // never called: javac types the function by the lambda as written
            }
            out.write(")");
        } else if (site.typed) {
            out.write(INTERNAL + ".typed(" + creation);
            arguments(site, out);
            out.write("), ");
            out.print(site.lambda);     // never called: javac types the coroutine by the lambda as written
            out.write(")");
        } else {
            out.write(creation);
            arguments(site, out);
            out.write(")");
        }
        return true;
    }

    /**
     * The frame's constructor arguments but the lambda's own parameters: the receiver and the captured locals.
     * Returns whether there were any.
     */
    private boolean arguments(Site site, NameRewriter.Output out) {
        boolean first = true;
        if (frame.receiver() != null) {
            out.write(frame.receiver());
            first = false;
        }
        for (TreePath use : site.captured.values()) {
            out.write(first ? "" : ", ");
            out.print(use);     // as the enclosing body names it (a final copy of a local it keeps in its frame)
            first = false;
        }
        return !first;
    }
}
