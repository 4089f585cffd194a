package org.asyncio4j.processor.print;

import java.util.Arrays;

/**
 * Which line of the user's file each line of a generated companion comes from, so that its state machines' class
 * files can name the user's file and lines ({@link DebugLines}).
 *
 * <p>While a state machine's {@code stepBody} is written, markers in the text say where the user's lines start:
 * {@link Code#line} for the writer's own code (a state, an op), and the {@link SourcePrinter} before every copied
 * statement that starts a line. A marker is two private-use characters around a line number ({@code \uE000}12
 * {@code \uE001}), which no Java token or the printer's (ASCII-escaped) literals contain and which JavaPoet copies
 * as it copies any text. {@link #strip} takes them out again when the companion is written, so the generated file
 * is exactly what it would be without them, and returns the line table.
 *
 * <p>The rule: a generated line belongs to the last user line marked at or before its first character (code that
 * is not a user statement, such as saving the frame at an await, belongs to the statement it is part of), and
 * an empty marker ({@link #UNMAPPED}) ends the marked stretch. A line made of markers only is dropped.
 *
 * <p>Stateless; thread-safe.
 */
public final class SourceLines {
    /** The line of generated code that comes from no user line (outside {@code stepBody}). */
    public static final int UNMAPPED = 0;
    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';

    private SourceLines() {}

    /** The marker that starts user line {@code line}; 0 or less ends the marked stretch. */
    public static String marker(long line) {
        return OPEN + (line > 0 ? Long.toString(line) : "") + CLOSE;
    }

    /** {@code method} with an {@link #UNMAPPED} marker after its code: the marked stretch ends with it. */
    public static com.palantir.javapoet.MethodSpec ended(com.palantir.javapoet.MethodSpec method) {
        return method.toBuilder().addCode("$L", marker(UNMAPPED)).build();
    }

    /** A companion's text without markers, and the user line of each of its lines. */
    public static final class Stripped {
        public final String text;
        /** {@code lines[n]} is the user line of generated line {@code n} (1-based; index 0 unused), or 0. */
        public final int[] lines;

        Stripped(String text, int[] lines) {
            this.text = text;
            this.lines = lines;
        }
    }

    /** Takes the markers out of {@code source}; see the class comment for which line gets which user line. */
    public static Stripped strip(String source) {
        if (source.indexOf(OPEN) < 0) {
            return new Stripped(source, new int[0]);
        }
        StringBuilder text = new StringBuilder(source.length());
        int[] lines = new int[64];
        int generatedLine = 0;
        int current = UNMAPPED;
        int start = 0;
        while (start <= source.length()) {
            int end = source.indexOf('\n', start);
            boolean last = end < 0;
            if (last) {
                end = source.length();
            }
            StringBuilder line = new StringBuilder(end - start);
            int lineValue = -1; // decided at the line's first character that is neither space nor marker
            boolean marked = false;
            for (int i = start; i < end; i++) {
                char c = source.charAt(i);
                if (c == OPEN) {
                    int close = source.indexOf(CLOSE, i);
                    if (close < 0 || close > end) {
                        throw new IllegalStateException("unclosed line marker in generated line " + (generatedLine + 1));
                    }
                    current = close == i + 1 ? UNMAPPED : Integer.parseInt(source.substring(i + 1, close));
                    marked = true;
                    i = close;
                    continue;
                }
                if (lineValue < 0 && c != ' ' && c != '\t') {
                    lineValue = current;
                }
                line.append(c);
            }
            if (lineValue < 0) {
                lineValue = current;
            }
            if (!(marked && line.toString().isBlank())) {
                generatedLine++;
                if (generatedLine >= lines.length) {
                    lines = Arrays.copyOf(lines, lines.length * 2);
                }
                lines[generatedLine] = lineValue;
                text.append(line);
                if (!last) {
                    text.append('\n');
                }
            } else if (last && text.length() > 0 && text.charAt(text.length() - 1) == '\n') {
                text.setLength(text.length() - 1); // the dropped line was the last: no line break after the text
            }
            start = end + 1;
        }
        return new Stripped(text.toString(), Arrays.copyOf(lines, generatedLine + 1));
    }
}
