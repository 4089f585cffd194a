package org.asyncio4j.processor.emit;

import com.palantir.javapoet.CodeBlock;
import org.asyncio4j.processor.print.SourceLines;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a method body as one pre-formatted chunk of text, laid out exactly as JavaPoet's {@link CodeBlock.Builder}
 * would lay it out, and hands it to JavaPoet as a single {@link CodeBlock}.
 *
 * <p>Why: JavaPoet emits every format part separately (splitting each with a regex, twice per file: once to collect
 * imports, once to write), and a state machine's body has thousands of parts; that was a third of the processor's
 * compile-time cost (issue #6, W7). Here the text is indented while it is built; only type references stay JavaPoet
 * placeholders ({@code $T}), so JavaPoet still decides how each type is imported or qualified.
 *
 * <p>Supported format specifiers: {@code $L} (a value; a {@code Code} fragment is inlined), {@code $N} (a name),
 * {@code $T} (a {@link TypeName} or {@link Class}) and {@code $$}. Layout rules, as JavaPoet's: each non-empty line is
 * indented by four spaces per level; a statement ({@link #addStatement}) that spans several lines indents its
 * continuation lines by two more levels.
 *
 * <p>Not thread-safe; a builder belongs to the one writer that fills it.
 */
final class Code {
    private static final String INDENT = "    ";

    /** JavaPoet format text: literal text with {@code $} escaped, and {@code $T} placeholders for {@link #types}. */
    private final StringBuilder format;
    private final List<Object> types;
    private int level;
    /** Whether the next character starts a line (and so gets the indentation first). */
    private boolean lineStart = true;
    /** -1 outside a statement, else how many line breaks the current statement has had (JavaPoet's rule). */
    private int statementLine = -1;
    /** A {@link #line} marker waiting for the next line's first character, or null. */
    private String pendingLine;

    private Code(int level, int capacity) {
        this.format = new StringBuilder(capacity);
        this.types = new ArrayList<>();
        this.level = level;
    }

    /** A builder for a whole body. */
    static Code builder() {
        return new Code(0, 4096);
    }

    /** A one-line fragment, to pass as a {@code $L} argument: {@code Code.of("($T) $N", type, name)}. */
    static Code of(String format, Object... args) {
        return new Code(0, 32).add(format, args);
    }

    /**
     * A builder that continues where this one is (same indentation, same line), whose content is later added back
     * with {@link #append}: code whose preamble is only known after it was written.
     */
    Code fork() {
        Code fork = new Code(level, 256);
        fork.lineStart = lineStart;
        fork.statementLine = statementLine;
        fork.pendingLine = pendingLine;
        pendingLine = null;
        return fork;
    }

    /**
     * Adds what a {@link #fork} of this builder wrote. Meanwhile this builder may only have had whole lines at the
     * same indentation added (the fork's text was indented for where it started).
     */
    Code append(Code fork) {
        format.append(fork.format);
        types.addAll(fork.types);
        level = fork.level;
        lineStart = fork.lineStart;
        statementLine = fork.statementLine;
        pendingLine = fork.pendingLine;
        return this;
    }

    /**
     * Notes that the code from here on comes from line {@code userLine} of the user's file (a {@link SourceLines}
     * marker, removed again when the companion is written; the text's layout does not change). A line of 0 or less
     * is the method's own line: {@link SourceLines#UNMAPPED} code of no statement.
     */
    Code line(long userLine) {
        if (lineStart) {
            pendingLine = SourceLines.marker(userLine); // written after the next line's indentation
        } else {
            format.append(SourceLines.marker(userLine)); // mid-line: it applies from the next line on
        }
        return this;
    }

    Code add(String format, Object... args) {
        int next = 0;
        int literalStart = 0;
        for (int p = 0; p < format.length(); p++) {
            if (format.charAt(p) != '$') {
                continue;
            }
            text(format, literalStart, p);
            if (p + 1 >= format.length()) {
                throw new IllegalArgumentException("dangling $ at the end of " + format);
            }
            char kind = format.charAt(++p);
            if (kind == '$') {
                text("$", 0, 1);
            } else if (kind == 'T') {
                type(args[next++]);
            } else if (kind == 'L' || kind == 'N') {
                value(args[next++]);
            } else {
                throw new IllegalArgumentException("unsupported $" + kind + " in " + format);
            }
            literalStart = p + 1;
        }
        text(format, literalStart, format.length());
        if (next != args.length) {
            throw new IllegalArgumentException("unused arguments for " + format);
        }
        return this;
    }

    Code addStatement(String format, Object... args) {
        if (statementLine != -1) {
            throw new IllegalStateException("statement inside a statement: " + format);
        }
        statementLine = 0;
        add(format, args);
        text(";\n", 0, 2);
        if (statementLine > 0) {
            level -= 2;
        }
        statementLine = -1;
        return this;
    }

    Code beginControlFlow(String controlFlow, Object... args) {
        add(controlFlow + " {\n", args);
        return indent();
    }

    Code nextControlFlow(String controlFlow, Object... args) {
        unindent();
        add("} " + controlFlow + " {\n", args);
        return indent();
    }

    Code endControlFlow() {
        unindent();
        return add("}\n");
    }

    Code indent() {
        level++;
        return this;
    }

    Code unindent() {
        if (level == 0) {
            throw new IllegalStateException("unbalanced unindent");
        }
        level--;
        return this;
    }

    /** The chunk for JavaPoet: one literal part per run of text between type references. */
    CodeBlock build() {
        return CodeBlock.of(format.toString(), types.toArray());
    }

    /** The text as JavaPoet would print it outside any file (types fully qualified), e.g. for conditions. */
    @Override
    public String toString() {
        return build().toString();
    }

    private void value(Object value) {
        if (value instanceof Code) {
            inline((Code) value);
        } else if (value instanceof CodeBlock) {
            throw new IllegalArgumentException("pass a Code fragment, not a CodeBlock: " + value);
        } else {
            String text = String.valueOf(value);
            text(text, 0, text.length());
        }
    }

    private void inline(Code fragment) {
        CharSequence text = fragment.format;
        int next = 0;
        int literalStart = 0;
        for (int p = 0; p < text.length(); p++) {
            if (text.charAt(p) == '$') {
                text(text, literalStart, p);
                if (text.charAt(++p) == '$') {
                    text("$", 0, 1);
                } else {
                    type(fragment.types.get(next++));
                }
                literalStart = p + 1;
            }
        }
        text(text, literalStart, text.length());
    }

    private void type(Object type) {
        if (!(type instanceof TypeName) && !(type instanceof Class)) {
            throw new IllegalArgumentException("not a type: " + type);
        }
        startLine();
        format.append("$T");
        types.add(type);
    }

    /** Appends literal text, indenting each non-empty line; line breaks are any of JavaPoet's ({@code \R}). */
    private void text(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (isLineBreak(c)) {
                if (c == '\r' && i + 1 < to && text.charAt(i + 1) == '\n') {
                    i++;
                }
                newLine();
            } else {
                startLine();
                format.append(c);
                if (c == '$') {
                    format.append('$');
                }
            }
        }
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u2028'
                || c == '\u2029';
    }

    private void newLine() {
        format.append('\n');
        lineStart = true;
        if (statementLine != -1) {
            if (statementLine == 0) {
                level += 2; // a statement's continuation lines
            }
            statementLine++;
        }
    }

    private void startLine() {
        if (lineStart) {
            for (int i = 0; i < level; i++) {
                format.append(INDENT);
            }
            lineStart = false;
            if (pendingLine != null) {
                format.append(pendingLine);
                pendingLine = null;
            }
        }
    }
}
