package org.asyncio4j.processor.print;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of {@link SourcePrinter}: the corpus (src/test/resources/printer/Corpus.java) is reprinted, recompiled
 * and run, and must behave and parse the same; small bodies pin down which names reach the {@link NameRewriter}.
 */
class SourcePrinterTest {

    // ======================================================================== corpus round trips

    @Test
    void corpus_reprintedBodies_compileAndRunTheSame() throws Exception {
        String source = corpus();
        String reprinted = reprint(source, false);
        assertEquals(run(source), run(reprinted), () -> "reprinted corpus:\n" + reprinted);
    }

    @Test
    void corpus_reprintedStatementByStatement_compileAndRunTheSame() throws Exception {
        String source = corpus();
        String reprinted = reprint(source, true);
        assertEquals(run(source), run(reprinted), () -> "reprinted corpus:\n" + reprinted);
    }

    @Test
    void corpus_reprint_keepsEveryTreeOfEveryBody() {
        String source = corpus();
        String reprinted = reprint(source, false);
        List<String> before = bodySignatures(parse(source));
        List<String> after = bodySignatures(parse(reprinted));
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i), after.get(i), "body #" + i);
        }
    }

    @Test
    void corpus_reprintOfReprint_isIdentical() {
        String once = reprint(corpus(), false);
        String twice = reprint(once, false);
        assertEquals(once, twice);
        assertEquals(once, reprint(reprint(corpus(), true), true));
    }

    @Test
    void corpus_output_hasNoTabsAndNoTrailingSpaces() {
        String reprinted = reprint(corpus(), false);
        assertFalse(reprinted.contains("\t"));
        for (String line : reprinted.split("\n", -1)) {
            assertFalse(line.endsWith(" "), () -> "trailing space: [" + line + "]");
        }
    }

    /** Every expression statement, initializer and return value, printed alone, parses back to the same tree. */
    @Test
    void corpus_everyExpressionAlone_parsesBackToTheSameTree() {
        Parsed parsed = parse(corpus());
        SourcePrinter printer = parsed.printer(NameRewriter.IDENTITY);
        List<TreePath> expressions = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                ExpressionTree expression = null;
                if (tree instanceof ExpressionStatementTree) {
                    expression = ((ExpressionStatementTree) tree).getExpression();
                } else if (tree instanceof VariableTree && !(getCurrentPath().getLeaf().getKind() == Tree.Kind.ENUM)) {
                    expression = ((VariableTree) tree).getInitializer();
                } else if (tree instanceof ReturnTree) {
                    expression = ((ReturnTree) tree).getExpression();
                }
                if (expression != null && expression.getKind() != Tree.Kind.NEW_ARRAY) { // `{1, 2}` needs a type
                    expressions.add(new TreePath(new TreePath(getCurrentPath(), tree), expression));
                }
                return super.scan(tree, unused);
            }
        }.scan(parsed.unit, null);
        assertTrue(expressions.size() > 300, "corpus too small: " + expressions.size());
        StringBuilder wrapper = new StringBuilder("class W { void m() {\n");
        List<String> texts = new ArrayList<>();
        for (TreePath path : expressions) {
            String text = printer.print(path);
            texts.add(text);
            wrapper.append("Object o").append(texts.size()).append(" = ").append(text).append(";\n");
        }
        List<? extends StatementTree> statements =
                firstMethod(parse(wrapper.append("} }").toString()).unit, "m").getBody().getStatements();
        assertEquals(expressions.size(), statements.size());
        for (int i = 0; i < expressions.size(); i++) {
            assertEquals(signature(expressions.get(i).getLeaf()),
                    signature(((VariableTree) statements.get(i)).getInitializer()), texts.get(i));
        }
    }

    /** Inside javac's annotation processing (entered, unattributed trees) the output is the same as after parse. */
    @Test
    void corpus_printedDuringAnnotationProcessing_sameAsAfterParse() {
        String source = corpus();
        String[] fromProcessor = new String[1];
        AbstractProcessor processor = new AbstractProcessor() {
            @Override
            public Set<String> getSupportedAnnotationTypes() {
                return Set.of("*");
            }

            @Override
            public SourceVersion getSupportedSourceVersion() {
                return SourceVersion.latestSupported();
            }

            @Override
            public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
                for (Element element : round.getRootElements()) {
                    Trees trees = Trees.instance(processingEnv);
                    CompilationUnitTree unit = trees.getPath(element).getCompilationUnit();
                    fromProcessor[0] = reprint(unit, trees.getSourcePositions(), source, false);
                }
                return false;
            }
        };
        Compilation compilation = Compiler.javac().withProcessors(processor).withOptions("--release", "17")
                .compile(JavaFileObjects.forSourceString("Corpus", source));
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), () -> compilation.diagnostics().toString());
        assertEquals(reprint(source, false), fromProcessor[0]);
    }

    /** javac keeps end positions only when asked (IDEs, diagnostic listeners): the output must not depend on them. */
    @Test
    void corpus_withoutEndPositions_printsTheSame() {
        String source = corpus();
        Parsed parsed = parse(source);
        SourcePositions startsOnly = new SourcePositions() {
            @Override
            public long getStartPosition(CompilationUnitTree file, Tree tree) {
                return parsed.positions.getStartPosition(file, tree);
            }

            @Override
            public long getEndPosition(CompilationUnitTree file, Tree tree) {
                return javax.tools.Diagnostic.NOPOS;
            }
        };
        assertEquals(reprint(source, false), reprint(parsed.unit, parsed.positions, source, false, startsOnly));
    }

    // ======================================================================== layout

    @Test
    void print_statementAtIndentLevel_indentsEveryLine() {
        Parsed parsed = parse("class T { void m(boolean c) { if (c) { run(); } else run(); } }");
        TreePath statement = statementPath(parsed, "m", 0);
        assertEquals("        if (c) {\n            run();\n        } else\n            run();",
                parsed.printer(NameRewriter.IDENTITY).print(statement, 2));
    }

    @Test
    void print_multiLineExpression_indentsRelativeToTheStatement() {
        Parsed parsed = parse("class T { void m() { call(x -> { return x; }, new Object() { int f; }); } }");
        assertEquals("call(x -> {\n    return x;\n}, new Object() {\n    int f;\n});",
                parsed.printer(NameRewriter.IDENTITY).print(statementPath(parsed, "m", 0)));
    }

    @Test
    void print_keepsParenthesesExactly() {
        assertEquals("int x = ((a + b)) * (c);", printStatement("int x = ((a + b)) * (c);"));
        assertEquals("if ((a)) {}", printStatement("if ((a)) {}"));
        assertEquals("boolean b = !(o instanceof String);", printStatement("boolean b = !(o instanceof String);"));
    }

    @Test
    void print_separatesSignsThatWouldMerge() {
        assertEquals("int x = - -1 - -y + +y - - --y + + ++y;", printStatement("int x = - -1 - -y + +y - - --y + + ++y;"));
        assertEquals("long m = -9223372036854775808L;", printStatement("long m = -9223372036854775808L;"));
        assertEquals("int m = - -2147483648;", printStatement("int m = - -2147483648;"));
    }

    @Test
    void print_multipleDeclarators_becomeOneStatementEach() {
        assertEquals("int a = 1;", printStatement("int a = 1, b[] = {2}, c;"));
        Parsed parsed = parse("class T { void m() { int a = 1, b[] = {2}, c; } }");
        SourcePrinter printer = parsed.printer(NameRewriter.IDENTITY);
        assertEquals("int[] b = {2};", printer.print(statementPath(parsed, "m", 1)));
        assertEquals("int c;", printer.print(statementPath(parsed, "m", 2)));
        assertEquals("for (int i = 0, j[] = {1}; i < 1; i++) {}",
                printStatement("for (int i = 0, j[] = {1}; i < 1; i++) {}"));
    }

    @Test
    void print_varAndLambdaParameterForms_areKept() {
        assertEquals("var x = 1;", printStatement("var x = 1;"));
        assertEquals("F f = (var a, var b) -> a;", printStatement("F f = (var a, var b) -> a;"));
        assertEquals("F f = (a, b) -> a;", printStatement("F f = (a, b) -> a;"));
        assertEquals("F f = a -> a;", printStatement("F f = (a) -> a;"));
        assertEquals("F f = (final var a) -> a;", printStatement("F f = (final var a) -> a;"));
        assertEquals("F f = (int a, String... b) -> a;", printStatement("F f = (int a, String... b) -> a;"));
    }

    @Test
    void print_textBlock_becomesEscapedString() {
        assertEquals("String s = \"a\\n  \\\"b\\\"\\tc\\n\";", printStatement("String s = \"\"\"\n    a\n      \"b\"\\tc\n    \"\"\";"));
        assertEquals("char c = '\\u00e9';", printStatement("char c = 'é';"));
        // javac's parser joins the two literals; the octal escape must not swallow the digit.
        assertEquals("String s = \"\\0012\";", printStatement("String s = \"\\u0001\" + \"2\";"));
    }

    @Test
    void floatingLiterals_areShortAndReadBackAsTheSameValue() {
        java.util.Random random = new java.util.Random(42);
        StringBuilder source = new StringBuilder("class T { void m() {\n");
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            float f = Math.abs(i % 3 == 0 ? Float.intBitsToFloat(random.nextInt()) : random.nextFloat() * 1e6f);
            double d = Math.abs(i % 3 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble() * 1e9);
            if (Float.isFinite(f) && Double.isFinite(d)) {
                values.add(f);
                values.add(d);
                source.append("Object f").append(i).append(" = ").append(f).append("f;\n");
                source.append("Object d").append(i).append(" = ").append(d).append(";\n");
            }
        }
        Parsed parsed = parse(source.append("} }").toString());
        SourcePrinter printer = parsed.printer(NameRewriter.IDENTITY);
        MethodTree method = firstMethod(parsed.unit, "m");
        TreePath body = TreePath.getPath(parsed.unit, method.getBody());
        for (int i = 0; i < values.size(); i++) {
            VariableTree variable = (VariableTree) method.getBody().getStatements().get(i);
            String text = printer.print(new TreePath(new TreePath(body, variable), variable.getInitializer()));
            Object value = values.get(i);
            if (value instanceof Float) {
                assertTrue(text.endsWith("f"), text);
                assertEquals(value, Float.parseFloat(text), text);
                assertTrue(text.length() <= Float.toString((Float) value).length() + 1, text);
            } else {
                assertEquals(value, Double.parseDouble(text), text);
                assertTrue(text.length() <= Double.toString((Double) value).length(), text);
            }
        }
        assertEquals("float f = 3.0E10f;", printStatement("float f = 3e10f;"));
        assertEquals("double d = 2.0E23;", printStatement("double d = 2e23;"));
    }

    // ======================================================================== which names reach the hook

    @Test
    void lambdaParameter_isNotHooked() {
        Printed printed = hooks("{ Function<Object, Object> f = x -> x; f.apply(o); }");
        assertEquals(List.of("type:Function", "type:Object", "type:Object", "expr:o"), printed.events);
        assertEquals("{\n    R_Function<R_Object, R_Object> f = x -> x;\n    f.apply(E_o);\n}", printed.text);
    }

    @Test
    void localVariable_isNotHookedInsideItsBlock_butIsAfterIt() {
        Printed printed = hooks("{ { int a = p; a++; } a = 2; int b = a; b++; }");
        assertEquals(List.of("expr:p", "expr:a", "expr:a"), printed.events);
        assertTrue(printed.text.contains("int a = E_p;\n        a++;"), printed.text);
        assertTrue(printed.text.contains("E_a = 2;"), printed.text);
    }

    @Test
    void forAndForEachVariables_areNotHooked_onlyInsideTheLoop() {
        assertEquals(List.of("expr:p", "method:use", "expr:i"),
                hooks("{ for (int i = 0; i < p; i++) use(i); i = 1; }").events);
        assertEquals(List.of("type:String", "expr:s", "expr:s"),
                hooks("{ for (String s : s) s.length(); s = null; }").events);
    }

    @Test
    void catchParameterAndResources_areNotHooked_onlyWhereInScope() {
        assertEquals(List.of("type:RuntimeException", "expr:e"),
                hooks("{ try { } catch (RuntimeException e) { e.toString(); } e = null; }").events);
        assertEquals(List.of("method:open", "expr:r"),
                hooks("{ try (var r = open(); r) { r.close(); } r = null; }").events);
    }

    @Test
    void patternBinding_isNotHooked_whereFlowScopingPutsItInScope() {
        assertEquals(List.of("expr:o", "type:String", "expr:s"),
                hooks("{ if (o instanceof String s) s.length(); s = null; }").events);
        assertEquals(List.of("expr:o", "type:String"),
                hooks("{ if (!(o instanceof String s)) return; s.length(); }").events);
        assertEquals(List.of("expr:o", "type:String", "expr:s"),
                hooks("{ boolean b = o instanceof String s && s.isEmpty() || s == null; }").events);
        assertEquals(List.of("expr:o", "type:Integer", "method:use", "expr:n", "expr:n"),
                hooks("{ if (!(o instanceof Integer n) || n > 3) { use(n); } else { n++; } n = 0; }").events);
        assertEquals(List.of("expr:o", "type:String", "expr:s"),
                hooks("{ Object x = o instanceof String s ? s : s; }").events.subList(1, 4));
        assertEquals(List.of("expr:o", "type:String"),
                hooks("{ while (!(o instanceof String s)) { } s.length(); }").events);
    }

    @Test
    void anonymousClass_membersAndThis_areNotHooked_butOuterNamesAre() {
        Printed printed = hooks("{ Object x = new Object() { int count; int get() {"
                + " return count + this.count + p + helper() + get() + super.hashCode(); } }; this.f = 1; }");
        assertEquals(List.of("type:Object", "type:Object", "expr:p", "method:helper", "expr:this"), printed.events);
        assertTrue(printed.text.contains("return count + this.count + E_p + M_helper() + get() + super.hashCode();"),
                printed.text);
    }

    @Test
    void hookInsideAnonymousClass_seesThePathThroughTheClass() {
        List<TreePath> seen = new ArrayList<>();
        hooks("{ Runnable r = new Runnable() { public void run() { outer(); } }; }", path -> seen.add(path));
        TreePath call = seen.get(seen.size() - 1);
        assertInstanceOf(IdentifierTree.class, call.getLeaf());
        boolean throughClass = false;
        for (TreePath p = call; p != null; p = p.getParentPath()) {
            throughClass |= p.getLeaf() instanceof ClassTree && ((ClassTree) p.getLeaf()).getSimpleName().length() == 0;
        }
        assertTrue(throughClass);
        assertEquals(Tree.Kind.COMPILATION_UNIT, pathRoot(call).getKind());
    }

    @Test
    void localClassName_usedAsType_isNotHooked() {
        assertEquals(List.of("type:Object"),
                hooks("{ class L { L self() { return this; } } L l = new L(); L[] a = new L[1]; Object c = L.class;"
                        + " L.staticMethod(); }").events);
        assertEquals(List.of(), hooks("{ class L<T> { <U> U m(T t, U u) { return u; } } }").events);
        assertEquals(List.of(), hooks("{ record R(int x) { int twice() { return x() + x; } } }").events);
    }

    @Test
    void membersInheritedFromClassesOfThePrintedCode_areNotHooked() {
        assertEquals(List.of("type:Object", "type:Object", "type:Base", "expr:y", "method:g"),
                hooks("{ class A { int x; void f() { } class M { } } interface I { int K = 1; }"
                        + " class B extends A implements I { int g() { f(); M m = null; return x + K; } }"
                        + " Object o2 = new B() { int h() { return x + K + g(); } };"
                        + " Object o3 = new Base() { int h() { return y + g(); } }; }").events);
    }

    @Test
    void labels_areNeverHooked() {
        assertEquals(List.of(), hooks("{ o: for (;;) { if (true) break o; continue o; } }").events);
    }

    @Test
    void methodAndVariableWithTheSameSpelling_areSeparateNamespaces() {
        assertEquals(List.of("method:foo"), hooks("{ int foo = 1; foo(foo); }").events);
        assertEquals(List.of("method:foo", "expr:foo"), hooks("{ foo(foo); }").events);
        assertEquals(List.of("type:Object", "type:Object", "expr:foo"),
                hooks("{ Object x = new Object() { void foo() { foo(); } int y = foo; }; }").events);
    }

    @Test
    void qualifiedName_hooksOnlyItsFirstName() {
        Printed printed = hooks("{ o.toString().length(); java.util.List.of(p); a.b.c = 1; }");
        assertEquals(List.of("expr:o", "expr:java", "expr:p", "expr:a"), printed.events);
        assertTrue(printed.text.contains("E_a.b.c = 1;"), printed.text);
    }

    @Test
    void thisAndSuper_areExpressionNames_qualifiedThisHasItsOwnHook() {
        Printed printed = hooks("{ this.x = 1; this.foo(); T.this.x = 2; T.super.hashCode(); super.toString();"
                + " Runnable r = this::run; }");
        assertEquals(List.of("expr:this", "expr:this", "qualifiedThis:T.this", "qualifiedThis:T.super", "expr:super",
                "type:Runnable", "expr:this"), printed.events);
        assertTrue(printed.text.contains("Q_T.this.x = 2;"), printed.text);
    }

    @Test
    void typePositions_goToTypeName() {
        Printed printed = hooks("{ List<Map.Entry<String, ? extends Number>> l = (List<Integer>) new ArrayList<>();"
                + " boolean b = o instanceof Runnable; Class<?> c = Integer.class; Object[] a = new String[2];"
                + " @Deprecated int d = 0; Runnable r = Thread::new; Object q = (Runnable & Cloneable) null; }");
        assertEquals(List.of("type:List", "type:Map", "type:String", "type:Number", "type:List", "type:Integer",
                "type:ArrayList", "expr:o", "type:Runnable", "type:Class", "type:Integer", "type:Object",
                "type:String", "type:Deprecated", "type:Runnable", "type:Thread", "type:Object", "type:Runnable",
                "type:Cloneable"), printed.events);
        assertTrue(printed.text.contains("R_List<R_Map.Entry<R_String, ? extends R_Number>> l"), printed.text);
    }

    @Test
    void anonymousSupertypeAndThrows_areTypePositions() {
        assertEquals(List.of("type:Callable", "type:String", "type:Callable", "type:String", "type:Exception"),
                hooks("{ Callable<String> c = new Callable<>() { public String call() throws Exception {"
                        + " return null; } }; }").events);
    }

    @Test
    void innerClassCreation_onAnInstance_keepsTheClassName() {
        Printed printed = hooks("{ Object x = o.new Inner<String>(); }");
        assertEquals(List.of("type:Object", "expr:o", "type:String"), printed.events);
        assertTrue(printed.text.contains("E_o.new Inner<R_String>()"), printed.text);
    }

    @Test
    void caseLabel_isAnExpressionName_whoseParentIsTheCase() {
        List<TreePath> seen = new ArrayList<>();
        Printed printed = hooks("{ switch (p) { case CONST: break; default: } }", seen::add);
        assertEquals(List.of("expr:p", "expr:CONST"), printed.events);
        assertInstanceOf(CaseTree.class, seen.get(1).getParentPath().getLeaf());
    }

    @Test
    void annotationElementNames_areNotHooked() {
        assertEquals(List.of("type:SuppressWarnings", "expr:CONST"),
                hooks("{ @SuppressWarnings(value = \"x\") int a = CONST; }").events);
    }

    @Test
    void switchBlock_isOneScope_forClassicCases() {
        assertEquals(List.of("expr:p", "expr:k"),
                hooks("{ switch (p) { case 1: int k = 0; break; case 2: k = 1; break; } k = 2; }").events);
        assertEquals(List.of("expr:p", "expr:k"),
                hooks("{ switch (p) { case 1 -> { int k = 0; } default -> { k = 1; } } }").events);
    }

    @Test
    void printType_hooksTheFirstNameOfAQualifiedType() {
        Parsed parsed = parse("class T { java.util.Map.Entry<String, int[]> f; }");
        VariableTree field = (VariableTree) ((ClassTree) parsed.unit.getTypeDecls().get(0)).getMembers().get(0);
        TreePath type = TreePath.getPath(parsed.unit, field.getType());
        Recorder recorder = new Recorder(path -> { });
        assertEquals("R_java.util.Map.Entry<R_String, int[]>", parsed.printer(recorder).printType(type));
        assertEquals(List.of("type:java", "type:String"), recorder.events);
    }

    // ======================================================================== unsupported trees

    @Test
    void syntaxError_throwsUnsupportedTree() {
        Parsed parsed = parse("class T { void m() { int x = ; } }");
        UnsupportedTreeException e = assertThrows(UnsupportedTreeException.class,
                () -> parsed.printer(NameRewriter.IDENTITY).print(statementPath(parsed, "m", 0)));
        assertEquals(Tree.Kind.ERRONEOUS, e.tree().getKind());
    }

    @Test
    void newerJavaPatterns_throwUnsupportedTree_orCannotReachTheProcessorAtAll() {
        if (olderThanJava21_rejectsJava21Source()) {
            return;
        }
        String[] bodies = {
            "if (o instanceof R(int x)) { }",
            "switch (o) { case String s -> { } default -> { } }",
            "switch (o) { case String s when s.isEmpty() -> { } default -> { } }",
        };
        for (String body : bodies) {
            Parsed parsed = parse("class T { record R(int x) { } void m(Object o) { " + body + " } }", "21");
            UnsupportedTreeException e = assertThrows(UnsupportedTreeException.class,
                    () -> parsed.printer(NameRewriter.IDENTITY).print(statementPath(parsed, "m", 0)), body);
            assertTrue(e.getMessage().contains("pattern") || e.getMessage().contains("guard"), e.getMessage());
        }
    }

    @Test
    void caseNullDefault_isPrinted_orCannotReachTheProcessorAtAll() {
        if (olderThanJava21_rejectsJava21Source()) {
            return;
        }
        Parsed parsed = parse("class T { void m(String o) { switch (o) { case null, default -> { } } } }", "21");
        assertEquals("switch (o) {\n    case null, default -> {}\n}",
                parsed.printer(NameRewriter.IDENTITY).print(statementPath(parsed, "m", 0)));
    }

    /**
     * On javac 17-20, Java 21 syntax cannot be compiled at all (javac rejects {@code --release 21}), so it can never
     * reach the processor: asserts that, and returns true. On javac 21 and later returns false.
     */
    private static boolean olderThanJava21_rejectsJava21Source() {
        if (Runtime.version().feature() >= 21) {
            return false;
        }
        assertThrows(IllegalArgumentException.class, () -> parse("class T { }", "21"));
        return true;
    }

    // ======================================================================== harness

    private static final class Parsed {
        final String source;
        final CompilationUnitTree unit;
        final SourcePositions positions;

        Parsed(String source, CompilationUnitTree unit, SourcePositions positions) {
            this.source = source;
            this.unit = unit;
            this.positions = positions;
        }

        SourcePrinter printer(NameRewriter rewriter) {
            return new SourcePrinter(rewriter, unit, positions);
        }
    }

    private static Parsed parse(String source) {
        return parse(source, "17");
    }

    private static Parsed parse(String source, String release) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) compiler.getTask(null, null, diagnostics, List.of("--release", release), null,
                List.of(new SourceFile("T", source)));
        try {
            CompilationUnitTree unit = task.parse().iterator().next();
            return new Parsed(source, unit, Trees.instance(task).getSourcePositions());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String corpus() {
        try (InputStream in = SourcePrinterTest.class.getResourceAsStream("/printer/Corpus.java")) {
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reprint(String source, boolean statementByStatement) {
        Parsed parsed = parse(source);
        return reprint(parsed.unit, parsed.positions, source, statementByStatement);
    }

    /**
     * Replaces every method body of the unit's classes (not of classes inside bodies) by its printed form, or each
     * statement of it; declarators that javac split from one declaration are printed together.
     */
    private static String reprint(CompilationUnitTree unit, SourcePositions positions, String source,
            boolean statementByStatement) {
        return reprint(unit, positions, source, statementByStatement, positions);
    }

    private static String reprint(CompilationUnitTree unit, SourcePositions positions, String source,
            boolean statementByStatement, SourcePositions printerPositions) {
        SourcePrinter printer = new SourcePrinter(NameRewriter.IDENTITY, unit, printerPositions);
        List<long[]> ranges = new ArrayList<>(); // start, end
        List<String> texts = new ArrayList<>();
        for (TreePath body : methodBodies(unit, positions)) {
            int level = indentLevel(source, positions.getStartPosition(unit, body.getParentPath().getLeaf()));
            if (!statementByStatement) {
                ranges.add(new long[] {positions.getStartPosition(unit, body.getLeaf()),
                        positions.getEndPosition(unit, body.getLeaf())});
                texts.add(printer.print(body, level).substring(4 * level));
                continue;
            }
            List<? extends StatementTree> statements = ((BlockTree) body.getLeaf()).getStatements();
            for (int i = 0; i < statements.size(); ) {
                long start = positions.getStartPosition(unit, statements.get(i));
                StringBuilder text = new StringBuilder();
                long end = start;
                while (i < statements.size() && positions.getStartPosition(unit, statements.get(i)) == start) {
                    if (text.length() > 0) {
                        text.append('\n');
                    }
                    text.append(printer.print(new TreePath(body, statements.get(i)), level + 1));
                    end = Math.max(end, positions.getEndPosition(unit, statements.get(i)));
                    i++;
                }
                ranges.add(new long[] {start, end});
                texts.add(text.substring(4 * (level + 1)));
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong((Integer i) -> ranges.get(i)[0]).reversed());
        StringBuilder result = new StringBuilder(source);
        for (int i : order) {
            result.replace((int) ranges.get(i)[0], (int) ranges.get(i)[1], texts.get(i));
        }
        return result.toString();
    }

    private static int indentLevel(String source, long position) {
        int lineStart = source.lastIndexOf('\n', (int) position - 1) + 1;
        int spaces = 0;
        while (source.charAt(lineStart + spaces) == ' ') {
            spaces++;
        }
        return spaces / 4;
    }

    /** Bodies of methods of top-level and member classes, in source order. */
    private static List<TreePath> methodBodies(CompilationUnitTree unit, SourcePositions positions) {
        List<TreePath> bodies = new ArrayList<>();
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethod(MethodTree tree, Void unused) {
                // Skip constructors that javac's Enter added (no position) when run inside a processor.
                if (tree.getBody() != null && positions.getEndPosition(unit, tree.getBody()) >= 0) {
                    bodies.add(new TreePath(getCurrentPath(), tree.getBody()));
                }
                return null; // not into bodies
            }

            @Override
            public Void visitVariable(VariableTree tree, Void unused) {
                return null; // field initializers are not reprinted
            }
        }.scan(unit, null);
        return bodies;
    }

    private static List<String> bodySignatures(Parsed parsed) {
        List<String> signatures = new ArrayList<>();
        for (TreePath body : methodBodies(parsed.unit, parsed.positions)) {
            signatures.add(signature(body.getLeaf()));
        }
        return signatures;
    }

    /** The tree's shape: kinds, names, values, flags; not positions. */
    private static String signature(Tree tree) {
        StringBuilder out = new StringBuilder();
        new com.sun.source.util.TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree node, Void unused) {
                if (node == null) {
                    out.append('_');
                    return null;
                }
                out.append('(').append(node.getKind()).append(detail(node));
                super.scan(node, unused);
                out.append(')');
                return null;
            }
        }.scan(tree, null);
        return out.toString();
    }

    private static String detail(Tree node) {
        if (node instanceof IdentifierTree) {
            return " " + ((IdentifierTree) node).getName();
        } else if (node instanceof MemberSelectTree) {
            return " ." + ((MemberSelectTree) node).getIdentifier();
        } else if (node instanceof VariableTree) {
            return " " + ((VariableTree) node).getName();
        } else if (node instanceof MethodTree) {
            return " " + ((MethodTree) node).getName();
        } else if (node instanceof ClassTree) {
            return " " + ((ClassTree) node).getSimpleName();
        } else if (node instanceof com.sun.source.tree.LiteralTree) {
            Object value = ((com.sun.source.tree.LiteralTree) node).getValue();
            return " " + (value == null ? "null" : value.getClass().getSimpleName() + "=" + value);
        } else if (node instanceof com.sun.source.tree.ModifiersTree) {
            return " " + ((com.sun.source.tree.ModifiersTree) node).getFlags();
        } else if (node instanceof com.sun.source.tree.PrimitiveTypeTree) {
            return " " + ((com.sun.source.tree.PrimitiveTypeTree) node).getPrimitiveTypeKind();
        } else if (node instanceof com.sun.source.tree.LabeledStatementTree) {
            return " " + ((com.sun.source.tree.LabeledStatementTree) node).getLabel();
        } else if (node instanceof com.sun.source.tree.BreakTree) {
            return " " + ((com.sun.source.tree.BreakTree) node).getLabel();
        } else if (node instanceof com.sun.source.tree.ContinueTree) {
            return " " + ((com.sun.source.tree.ContinueTree) node).getLabel();
        } else if (node instanceof com.sun.source.tree.MemberReferenceTree) {
            com.sun.source.tree.MemberReferenceTree reference = (com.sun.source.tree.MemberReferenceTree) node;
            return " " + reference.getMode() + " " + reference.getName();
        } else if (node instanceof com.sun.source.tree.LambdaExpressionTree) {
            return " " + ((com.sun.source.tree.LambdaExpressionTree) node).getBodyKind();
        } else if (node instanceof CaseTree) {
            return " " + ((CaseTree) node).getCaseKind();
        } else if (node instanceof com.sun.source.tree.TypeParameterTree) {
            return " " + ((com.sun.source.tree.TypeParameterTree) node).getName();
        } else if (node instanceof BlockTree) {
            return ((BlockTree) node).isStatic() ? " static" : "";
        }
        return "";
    }

    private static MethodTree firstMethod(CompilationUnitTree unit, String name) {
        for (Tree member : ((ClassTree) unit.getTypeDecls().get(0)).getMembers()) {
            if (member instanceof MethodTree && ((MethodTree) member).getName().contentEquals(name)) {
                return (MethodTree) member;
            }
        }
        throw new AssertionError("no method " + name);
    }

    private static TreePath statementPath(Parsed parsed, String method, int index) {
        MethodTree tree = firstMethod(parsed.unit, method);
        TreePath body = TreePath.getPath(parsed.unit, tree.getBody());
        return new TreePath(body, tree.getBody().getStatements().get(index));
    }

    private static Tree pathRoot(TreePath path) {
        TreePath p = path;
        while (p.getParentPath() != null) {
            p = p.getParentPath();
        }
        return p.getLeaf();
    }

    /** Prints the first statement of {@code body} with the identity rewriter. */
    private static String printStatement(String statement) {
        Parsed parsed = parse("class T { void m() { " + statement + " } }");
        return parsed.printer(NameRewriter.IDENTITY).print(statementPath(parsed, "m", 0));
    }

    private static final class Printed {
        final String text;
        final List<String> events;

        Printed(String text, List<String> events) {
            this.text = text;
            this.events = events;
        }
    }

    private interface PathListener {
        void seen(TreePath path);
    }

    /** Prefixes: E_ expression names, M_ method names, R_ type names, Q_ qualified this. */
    private static final class Recorder implements NameRewriter {
        final List<String> events = new ArrayList<>();
        final PathListener listener;

        Recorder(PathListener listener) {
            this.listener = listener;
        }

        private String name(TreePath path) {
            listener.seen(path);
            return ((IdentifierTree) path.getLeaf()).getName().toString();
        }

        @Override
        public String expressionName(TreePath path) {
            String name = name(path);
            events.add("expr:" + name);
            return "E_" + name;
        }

        @Override
        public String methodName(TreePath path) {
            String name = name(path);
            events.add("method:" + name);
            assertInstanceOf(com.sun.source.tree.MethodInvocationTree.class, path.getParentPath().getLeaf());
            return "M_" + name;
        }

        @Override
        public String typeName(TreePath path) {
            String name = name(path);
            events.add("type:" + name);
            return "R_" + name;
        }

        @Override
        public String qualifiedThis(TreePath path) {
            listener.seen(path);
            String text = IDENTITY.qualifiedThis(path);
            events.add("qualifiedThis:" + text);
            return "Q_" + text;
        }
    }

    private static Printed hooks(String body) {
        return hooks(body, path -> { });
    }

    /** Prints {@code body} as the body of {@code m(Object o, int p)} in a class T with a recording rewriter. */
    private static Printed hooks(String body, PathListener listener) {
        Parsed parsed = parse("class T { void m(Object o, int p) " + body + " }");
        MethodTree method = firstMethod(parsed.unit, "m");
        Recorder recorder = new Recorder(listener);
        String text = parsed.printer(recorder).print(TreePath.getPath(parsed.unit, method.getBody()));
        return new Printed(text, recorder.events);
    }

    // ------------------------------------------------------------------------ compile and run

    private static String run(String source) throws Exception {
        Class<?> corpus = compile("Corpus", source);
        try {
            return (String) corpus.getMethod("run").invoke(null);
        } catch (InvocationTargetException e) {
            throw new AssertionError("Corpus.run() threw", e.getCause());
        }
    }

    private static Class<?> compile(String className, String source) throws ClassNotFoundException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, UTF_8);
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind,
                    FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        classes.put(name, bytes);
                        return bytes;
                    }
                };
            }
        };
        boolean ok = compiler.getTask(null, manager, diagnostics, List.of("--release", "17", "-proc:none",
                "-Xlint:none", "-nowarn"), null, List.of(new SourceFile(className, source))).call();
        if (!ok) {
            StringBuilder numbered = new StringBuilder();
            String[] lines = source.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                numbered.append(String.format("%4d  %s%n", i + 1, lines[i]));
            }
            fail(diagnostics.getDiagnostics() + "\n" + numbered);
        }
        ClassLoader loader = new ClassLoader(SourcePrinterTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] b = bytes.toByteArray();
                return defineClass(name, b, 0, b.length);
            }
        };
        loader.setDefaultAssertionStatus(true);
        return loader.loadClass(className);
    }

    private static final class SourceFile extends SimpleJavaFileObject {
        private final String source;

        SourceFile(String className, String source) {
            super(URI.create("string:///" + className + ".java"), Kind.SOURCE);
            this.source = source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
        }
    }
}
