package org.asyncio4j.processor;

import org.asyncio4j.processor.emit.CompanionWriter;
import org.asyncio4j.processor.emit.SplitLimits;
import org.asyncio4j.processor.scan.Companions;
import org.asyncio4j.processor.scan.AwaitCalls;
import org.asyncio4j.processor.scan.BodyScan;
import org.asyncio4j.processor.scan.Messages;
import org.asyncio4j.processor.scan.AsyncStatementCheck;
import org.asyncio4j.processor.scan.OutsideAsyncScan;
import org.asyncio4j.processor.scan.RoundElements;
import org.asyncio4j.processor.scan.RuntimeNames;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;

/**
 * The asyncio4j annotation processor: turns every {@code @Async} method into a state machine in a companion class
 * {@code <Class>Async}.
 *
 * <p>This class only wires the stages together ({@link Pipeline} runs the passes of one method, in order,
 * {@link CompanionWriter} writes one class's companion) and keeps javac safe: a problem in one method is reported
 * and skips only that class; an unexpected exception becomes an "internal error" diagnostic, never a javac crash.
 * It claims no annotations, so other processors still see {@code @Async}.
 *
 * <p>It looks at every class of the compilation ({@code "*"}), because {@code await} outside an {@code @Async}
 * method is an error wherever it is. Its options: {@code -Aasyncio4j.debugLines=false} keeps the generated file's
 * lines in the state machines' class files (see {@link DebugLines}); {@code -Aasyncio4j.splitAbove} and
 * {@code -Aasyncio4j.splitPartSize} set when a state machine's body is split across methods ({@link #SPLIT_ABOVE}).
 *
 * <p>It needs javac: method bodies are read through {@code com.sun.source} ({@link Trees}), which only javac
 * implements. Under another compiler (the Eclipse compiler, ECJ, which Eclipse and VS Code's Java support use) it
 * generates nothing and reports one {@code [UnsupportedCompiler]} error on an {@code @Async} method, instead
 * of letting {@code Trees.instance}'s {@link IllegalArgumentException} crash that compiler's processing.
 */
@AutoService(Processor.class)
@SupportedAnnotationTypes("*")
public final class AsyncProcessor extends AbstractProcessor {
    /** Classes whose methods mention types that do not exist yet; retried in the next round. */
    private final Set<String> deferred = new LinkedHashSet<>();
    /** javac's tree API; null under a compiler that has none, which the processor then only reports. */
    private Trees trees;
    private boolean reportedUnsupportedCompiler;
    /** Gives the state machines' class files the user's lines; null when off or not javac. */
    private DebugLines debugLines;
    /** Reports async with/for where they cannot work, after attribution; null under another compiler. */
    private AsyncStatementCheck asyncStatements;

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment processingEnv) {
        super.init(processingEnv);
        try {
            trees = Trees.instance(processingEnv);
        } catch (IllegalArgumentException | LinkageError notJavac) {
            // Trees.instance accepts only javac's own ProcessingEnvironment; without jdk.compiler the class is missing.
            trees = null;
        }
        if (trees != null) {
            debugLines = DebugLines.install(processingEnv);
            asyncStatements = AsyncStatementCheck.install(processingEnv, trees);
        }
    }

    /**
     * The options {@code -Aasyncio4j.splitAbove=<bytes>} and {@code -Aasyncio4j.splitPartSize=<bytes>}: a state
     * machine whose body is estimated above the first is split across methods of about the second's size (defaults
     * in {@link SplitLimits#DEFAULT}: well under the JVM's 64 KB a method, and under HotSpot's 8,000
     * bytes for JIT compilation). For tests and measurements: {@code splitAbove=0} and {@code splitPartSize=1} put
     * every state of every state machine into a method of its own.
     */
    static final String SPLIT_ABOVE = "asyncio4j.splitAbove";
    static final String SPLIT_PART_SIZE = "asyncio4j.splitPartSize";

    private SplitLimits split() {
        SplitLimits split = SplitLimits.DEFAULT;
        return new SplitLimits(intOption(SPLIT_ABOVE, split.above()),
                intOption(SPLIT_PART_SIZE, split.partSize()));
    }

    private int intOption(String name, int otherwise) {
        String value = processingEnv.getOptions().get(name);
        try {
            return value == null ? otherwise : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(DebugLines.OPTION, SPLIT_ABOVE, SPLIT_PART_SIZE);
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement async = processingEnv.getElementUtils().getTypeElement(RuntimeNames.ASYNC_ANNOTATION);
        if (async == null) {
            return false; // the runtime is not on the class path: nothing here can use @Async
        }
        if (trees == null) {
            reportUnsupportedCompiler(round, async);
            return false;
        }
        Map<TypeElement, List<ExecutableElement>> byOwner = new LinkedHashMap<>();
        for (String name : deferred) {
            TypeElement owner = processingEnv.getElementUtils().getTypeElement(name);
            if (owner != null) {
                byOwner.put(owner, asyncMethodsOf(owner, async));
            }
        }
        deferred.clear();
        for (ExecutableElement method : ElementFilter.methodsIn(round.getElementsAnnotatedWith(async))) {
            byOwner.computeIfAbsent((TypeElement) method.getEnclosingElement(), unused -> new ArrayList<>());
            List<ExecutableElement> methods = byOwner.get((TypeElement) method.getEnclosingElement());
            if (!methods.contains(method)) {
                methods.add(method);
            }
        }
        boolean lastChance = round.processingOver();
        Elements elements = new RoundElements(processingEnv.getElementUtils());
        for (Map.Entry<TypeElement, List<ExecutableElement>> entry : byOwner.entrySet()) {
            guarded(entry.getKey(), () -> processClass(elements, entry.getKey(), entry.getValue(), lastChance));
        }
        for (Element root : round.getRootElements()) {
            if (root instanceof TypeElement && !isOurCompanion(root)) {
                guarded(root, () -> checkAwaitOutsideAsync(elements, (TypeElement) root));
            }
        }
        return false;
    }

    /**
     * One error, since every companion is missing for the same reason: on the first {@code @Async} method by class
     * and method name (ECJ returns the annotated elements in no stable order, and without trees there are no lines).
     */
    private void reportUnsupportedCompiler(RoundEnvironment round, TypeElement async) {
        if (reportedUnsupportedCompiler) {
            return;
        }
        round.getElementsAnnotatedWith(async).stream()
                .min(java.util.Comparator.comparing((Element e) -> e.getEnclosingElement().toString())
                        .thenComparing(e -> e.getSimpleName().toString()).thenComparing(Element::toString))
                .ifPresent(method -> {
                    reportedUnsupportedCompiler = true;
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                            Messages.UNSUPPORTED_COMPILER.format(compilerName(processingEnv)), method);
                });
    }

    /** The compiler's name for the message, told by its {@code ProcessingEnvironment}'s class. */
    static String compilerName(javax.annotation.processing.ProcessingEnvironment environment) {
        String type = environment.getClass().getName();
        return type.startsWith("org.eclipse.jdt.") ? "the Eclipse compiler (ECJ)" : "this compiler (" + type + ")";
    }

    private static List<ExecutableElement> asyncMethodsOf(TypeElement owner, TypeElement async) {
        List<ExecutableElement> methods = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(owner.getEnclosedElements())) {
            if (method.getAnnotationMirrors().stream()
                    .anyMatch(a -> a.getAnnotationType().asElement().equals(async))) {
                methods.add(method);
            }
        }
        return methods;
    }

    private void processClass(Elements elements, TypeElement owner, List<ExecutableElement> methods,
            boolean lastChance) throws IOException {
        TreePath ownerPath = trees.getPath(owner);
        if (ownerPath == null) {
            return; // compiled from a class file: its companion was generated when its source was compiled
        }
        CompilationUnitTree unit = ownerPath.getCompilationUnit();
        Set<String> usedNames = Companions.namesIn(unit);
        Set<String> takenClassNames = new HashSet<>(usedNames);
        Map<Element, TreePath> methodPaths = methodPaths(ownerPath);
        List<MethodSpec> entryPoints = new ArrayList<>();
        List<TypeSpec> stateMachines = new ArrayList<>();
        boolean failed = false;
        for (ExecutableElement method : methods) {
            TreePath methodPath = methodPaths.get(method);
            Pipeline.Outcome outcome = new Pipeline(trees, elements, processingEnv.getTypeUtils(),
                    method, methodPath != null ? methodPath : trees.getPath(method), takenClassNames,
                    asyncStatements == null ? new HashSet<>() : asyncStatements.lowered(),
                    split())
                    .transform(lastChance);
            if (outcome.deferred()) {
                deferred.add(owner.getQualifiedName().toString());
                return;
            }
            if (!outcome.succeeded()) {
                report(method, outcome);
                failed = true;
                continue;
            }
            for (BodyScan.Problem warning : outcome.warnings()) {
                if (warning.where == null) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, warning.message, method);
                } else {
                    trees.printMessage(Diagnostic.Kind.WARNING, warning.message, warning.where.getLeaf(),
                            warning.where.getCompilationUnit());
                }
            }
            entryPoints.add(outcome.entryPoint());
            if (outcome.framelessEntry() != null) {     // none for an async generator
                entryPoints.add(outcome.framelessEntry());
            }
            stateMachines.add(outcome.stateMachine());
            stateMachines.addAll(outcome.lambdaMachines());     // async lambdas' state machines
        }
        if (!failed) {
            String fileName = unit.getSourceFile().getName().replaceAll(".*[/\\\\]", "");
            int[] lines = CompanionWriter.write(processingEnv.getFiler(), elements, owner, unit, usedNames,
                    fileName, entryPoints, stateMachines);
            if (debugLines != null) {
                debugLines.register(Companions.companionName(elements, owner).reflectionName(), fileName, lines,
                        DebugLines.names(stateMachines));
            }
        }
    }

    /**
     * The paths of a class's method declarations, from one pass over its members: {@code Trees.getPath(method)}
     * searches the file for each method, which made a class's processing quadratic in its number of methods.
     * ({@code Trees.getElement} of a declaration only reads the symbol javac entered; it attributes nothing.)
     */
    private Map<Element, TreePath> methodPaths(TreePath ownerPath) {
        Map<Element, TreePath> paths = new java.util.HashMap<>();
        for (Tree member : ((ClassTree) ownerPath.getLeaf()).getMembers()) {
            if (member instanceof MethodTree) {
                TreePath path = new TreePath(ownerPath, member);
                Element method = trees.getElement(path);
                if (method != null) {
                    paths.put(method, path);
                }
            }
        }
        return paths;
    }

    /**
     * Whether a class is a companion this processor wrote (next round's root): its code was checked as the
     * template it was copied from, and scanning every state machine again only costs compile time.
     */
    private static boolean isOurCompanion(Element type) {
        for (javax.lang.model.element.AnnotationMirror annotation : type.getAnnotationMirrors()) {
            TypeElement annotationType = (TypeElement) annotation.getAnnotationType().asElement();
            if (annotationType.getQualifiedName().contentEquals(RuntimeNames.GENERATED.canonicalName())) {
                return annotation.getElementValues().entrySet().stream()
                        .anyMatch(e -> e.getKey().getSimpleName().contentEquals("value")
                                && e.getValue().toString().contains(AsyncProcessor.class.getName()));
            }
        }
        return false;
    }

    private void checkAwaitOutsideAsync(Elements elements, TypeElement type) {
        TreePath path = trees.getPath(type);
        if (path == null) {
            return;
        }
        AwaitCalls awaitCalls = AwaitCalls.in(elements, type);
        for (BodyScan.Problem problem : OutsideAsyncScan.findIn(path, awaitCalls)) {
            trees.printMessage(Diagnostic.Kind.ERROR, problem.message, problem.where.getLeaf(),
                    problem.where.getCompilationUnit());
        }
    }

    private void report(ExecutableElement method, Pipeline.Outcome outcome) {
        if (outcome.elementProblem() != null) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, outcome.elementProblem(), method);
        }
        Set<String> seen = new HashSet<>();
        for (BodyScan.Problem problem : outcome.problems()) {
            String key = problem.message + "@" + (problem.where == null ? "" : problem.where.getLeaf().hashCode());
            if (!seen.add(key)) {
                continue;
            }
            if (problem.where == null) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, problem.message, method);
            } else {
                trees.printMessage(Diagnostic.Kind.ERROR, problem.message, problem.where.getLeaf(),
                        problem.where.getCompilationUnit());
            }
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    /** Runs one class's work; a failure is reported on that class and never escapes into javac. */
    private void guarded(Element element, Step step) {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Messages.INTERNAL_ERROR.format(element, trace), element);
        }
    }
}
