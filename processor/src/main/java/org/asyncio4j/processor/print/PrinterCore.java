package org.asyncio4j.processor.print;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SimpleTreeVisitor;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * The base layer of {@link SourcePrinter}'s visitor: output buffer, scope and source text. {@link PrinterTypes}
 * (types, annotations, modifiers, variables), {@link PrinterDeclarations} (classes, methods),
 * {@link PrinterStatements} and {@code SourcePrinter.Printer} (expressions) add one layer each; the split only keeps
 * files small.
 *
 * <p>Every {@code visitXxx} and helper receives the {@link TreePath} of the tree it prints; children are printed with
 * {@link #print(TreePath, Tree)}, which extends the path, so the hooks of {@link NameRewriter} always see real paths.
 * The visitor extends {@link SimpleTreeVisitor}, so a tree kind added by a newer javac reaches
 * {@link #defaultAction} and becomes an {@link UnsupportedTreeException} instead of an {@code AbstractMethodError}.
 *
 * <p>Not thread-safe; one instance per {@code print} call.
 */
abstract class PrinterCore extends SimpleTreeVisitor<Void, TreePath> {
    /**
     * Where a {@link VariableTree} appears. Record components and resources print differently: javac's parser gives
     * them flags the user did not write ({@code private final}, {@code final}) and that must not (or need not) be
     * shown; the rest name the call site.
     */
    enum VariableKind { LOCAL, FIELD, PARAMETER, LAMBDA_PARAMETER, RECORD_COMPONENT, BINDING, RESOURCE }

    final NameRewriter rewriter;
    final PrinterScope scope = new PrinterScope();
    final CompilationUnitTree unit;
    final SourcePositions positions;
    private final StringBuilder out = new StringBuilder();
    private int indent;
    private CharSequence source;
    private boolean sourceLoaded;
    private boolean markLines;

    PrinterCore(NameRewriter rewriter, CompilationUnitTree unit, SourcePositions positions, int indentLevel) {
        this.rewriter = rewriter;
        this.unit = unit;
        this.positions = positions;
        this.indent = indentLevel;
        out.append(" ".repeat(4 * indentLevel));
    }

    String text() {
        return out.toString();
    }

    // ---------------------------------------------------------------- output

    final void w(CharSequence text) {
        out.append(text);
    }

    /** Starts a new line at the current indentation. */
    final void nl() {
        out.append('\n').append(" ".repeat(4 * indent));
    }

    private boolean atLineStart() {
        for (int i = out.length() - 1; i >= 0; i--) {
            char c = out.charAt(i);
            if (c != ' ') {
                return c == '\n';
            }
        }
        return true;
    }

    final void indent() {
        indent++;
    }

    final void outdent() {
        indent--;
    }

    /** The current output length; with {@link #insert} this lets a caller fix up text after printing it. */
    final int mark() {
        return out.length();
    }

    final char charAt(int index) {
        return index < out.length() ? out.charAt(index) : '\0';
    }

    final void insert(int index, String text) {
        out.insert(index, text);
    }

    /** The pattern variables {@code expression} declares when it is {@code whenTrue} (see {@link PrinterFlow}). */
    final java.util.Set<String> bindings(com.sun.source.tree.ExpressionTree expression, boolean whenTrue) {
        return PrinterFlow.bindings(expression, whenTrue, rewriter::keepsBinding);
    }

    /** The pattern variables {@code statement} declares in the rest of its block (see {@link PrinterFlow}). */
    final java.util.Set<String> introducedAfter(com.sun.source.tree.StatementTree statement) {
        return PrinterFlow.introducedAfter(statement, rewriter::keepsBinding);
    }

    final TreePath child(TreePath parent, Tree child) {
        return new TreePath(parent, child);
    }

    /** Prints {@code child} of the tree at {@code parent}, in expression or statement position. */
    final void print(TreePath parent, Tree child) {
        printPath(child(parent, child));
    }

    /** Marks the user's line before every statement that starts a line (see {@link SourceLines}). */
    final void markLines() {
        markLines = true;
    }

    /** Prints the leaf of {@code path}, unless {@link NameRewriter#expression} prints it. */
    final void printPath(TreePath path) {
        if (markLines && path.getLeaf() instanceof com.sun.source.tree.StatementTree && positions != null
                && atLineStart()) {
            long start = positions.getStartPosition(unit, path.getLeaf());
            if (start >= 0) {
                w(SourceLines.marker(unit.getLineMap().getLineNumber(start)));
            }
        }
        if (!rewriter.expression(path, output)) {
            path.getLeaf().accept(this, path);
        }
    }

    private final NameRewriter.Output output = new NameRewriter.Output() {
        @Override
        public void print(TreePath path) {
            printPath(path);
        }

        @Override
        public SourcePrinter printer() {
            return new SourcePrinter(rewriter, unit, positions);
        }

        @Override
        public void write(CharSequence text) {
            w(text);
        }

        @Override
        public boolean declaresVariable(CharSequence name) {
            return scope.isVariable(name);
        }

        @Override
        public boolean inClassBody() {
            return scope.inClassBody();
        }
    };

    final void printAll(TreePath parent, List<? extends Tree> children, String separator) {
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                w(separator);
            }
            print(parent, children.get(i));
        }
    }

    @Override
    protected Void defaultAction(Tree tree, TreePath path) {
        throw new UnsupportedTreeException(tree, describe(tree));
    }

    private static String describe(Tree tree) {
        String kind = tree.getKind().name();
        switch (kind) {
            case "ERRONEOUS":
                return "code with a syntax error";
            case "DECONSTRUCTION_PATTERN":
            case "RECORD_PATTERN":
                return "a record pattern";
            case "ANY_PATTERN":
                return "an unnamed pattern";
            case "STRING_TEMPLATE":
            case "TEMPLATE":
                return "a string template";
            default:
                return "a " + kind.toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    // ---------------------------------------------------------------- source text

    final CharSequence source() {
        if (!sourceLoaded) {
            sourceLoaded = true;
            try {
                source = unit.getSourceFile().getCharContent(true);
            } catch (IOException | RuntimeException e) {
                source = null; // Only cosmetic decisions depend on the text; print without it.
            }
        }
        return source;
    }

    /** The source text of {@code tree}, or {@code null} when positions or text are unavailable. */
    final String sourceText(Tree tree) {
        CharSequence text = source();
        if (text == null || positions == null) {
            return null;
        }
        long start = positions.getStartPosition(unit, tree);
        long end = positions.getEndPosition(unit, tree);
        if (start < 0 || end < start || end > text.length()) {
            return null;
        }
        return text.subSequence((int) start, (int) end).toString();
    }
}
