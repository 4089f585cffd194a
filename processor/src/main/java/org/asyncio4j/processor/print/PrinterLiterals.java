package org.asyncio4j.processor.print;

import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.Tree;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * Writes literals for {@link SourcePrinter} from their values, so that the text compiles to the same constant.
 *
 * <p>Numbers are printed in decimal ({@code 0xFF} becomes {@code 255}); javac folds a minus sign into a decimal
 * {@code int}/{@code long} literal, so {@code Integer.MIN_VALUE} arrives as the value {@code -2147483648} and is printed
 * with its sign, which parses back to the same folded literal. A minus that javac did not fold ({@code -0x7F}) stays a
 * unary minus of a hexadecimal literal. Text blocks become ordinary string literals.
 * Characters outside printable ASCII are escaped (octal below a space, {@code \\uXXXX} above {@code ~}), so the
 * output is ASCII whatever encoding the generated file is written in; a {@code \\u000a} escape is never produced,
 * because javac translates unicode escapes before it reads a literal.
 */
final class PrinterLiterals {
    private PrinterLiterals() {}

    /**
     * @param negated whether the literal is the operand of a unary minus: javac folds {@code -123} into one literal,
     *     so an unfolded {@code -0x7b} (a minus applied to a non-decimal literal) keeps its tree only if the literal is
     *     printed non-decimal again
     */
    static String literal(LiteralTree literal, boolean negated) {
        Object value = literal.getValue();
        if (negated && literal.getKind() == Tree.Kind.INT_LITERAL && ((Number) value).intValue() >= 0) {
            return "0x" + Integer.toHexString(((Number) value).intValue());
        }
        if (negated && literal.getKind() == Tree.Kind.LONG_LITERAL && ((Number) value).longValue() >= 0) {
            return "0x" + Long.toHexString(((Number) value).longValue()) + "L";
        }
        switch (literal.getKind()) {
            case INT_LITERAL:
                return Integer.toString(((Number) value).intValue());
            case LONG_LITERAL:
                return ((Number) value).longValue() + "L";
            case FLOAT_LITERAL: {
                float f = ((Number) value).floatValue();
                return shortest(Float.toString(f), f, 9, d -> d.floatValue() == f) + "f";
            }
            case DOUBLE_LITERAL: {
                double d = ((Number) value).doubleValue();
                return shortest(Double.toString(d), d, 17, b -> b.doubleValue() == d);
            }
            case BOOLEAN_LITERAL:
                return value.toString();
            case CHAR_LITERAL:
                return "'" + escape((Character) value, '\'') + "'";
            case STRING_LITERAL:
                return quote((String) value);
            case NULL_LITERAL:
                return "null";
            default:
                throw new UnsupportedTreeException(literal, "a literal of kind " + literal.getKind());
        }
    }

    /**
     * {@code Float.toString} and {@code Double.toString} always give text that reads back as the same value, but
     * before JDK 19 not always the shortest such text ({@code 3e10f} printed as {@code 3.0000001E10}). Try fewer
     * significant digits first; keep {@code toString}'s layout (a {@code .} always, {@code E} outside 1e-3..1e7).
     */
    private static String shortest(String javaText, double value, int maxDigits, Predicate<BigDecimal> same) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return javaText;
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < maxDigits; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            if (same.test(rounded)) {
                String text = layout(rounded);
                return text.length() < javaText.length() ? text : javaText;
            }
        }
        return javaText;
    }

    private static String layout(BigDecimal value) {
        int exponent = value.precision() - value.scale() - 1;
        String sign = value.signum() < 0 ? "-" : "";
        if (exponent >= -3 && exponent < 7) {
            String plain = value.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String digits = value.unscaledValue().abs().toString();
        return sign + digits.charAt(0) + "." + (digits.length() > 1 ? digits.substring(1) : "0") + "E" + exponent;
    }

    /** A string literal, with quotes, for {@code value}. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            out.append(escape(value.charAt(i), '"'));
        }
        return out.append('"').toString();
    }

    private static String escape(char c, char quote) {
        switch (c) {
            case '\b':
                return "\\b";
            case '\t':
                return "\\t";
            case '\n':
                return "\\n";
            case '\f':
                return "\\f";
            case '\r':
                return "\\r";
            case '\\':
                return "\\\\";
            default:
                break;
        }
        if (c == quote) {
            return "\\" + c;
        }
        if (c < ' ') {
            // Always three digits: "\1" followed by a digit would read as a longer octal escape.
            return String.format("\\%03o", (int) c);
        }
        if (c > '~') {
            return String.format("\\u%04x", (int) c);
        }
        return String.valueOf(c);
    }
}
