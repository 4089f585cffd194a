package org.asyncio4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JMH result file ({@code -rf json}) into a Markdown table: benchmark, parameters, median, mean score,
 * error, min–max, unit, allocation per operation (when run with {@code -prof gc}) and JVM flags, under a header
 * naming the JVM.
 * <pre>
 * java -cp benchmarks.jar org.asyncio4j.benchmarks.ResultsTable results.json results.md "title"
 * </pre>
 * Throughput results with a parameter {@code n} (W3) get a second line with the score times {@code n}
 * (tasks per second).
 */
public final class ResultsTable {
    private ResultsTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ResultsTable <jmh-result.json> <out.md> [title]");
            System.exit(2);
        }
        String json = Files.readString(Paths.get(args[0]), StandardCharsets.UTF_8);
        String title = args.length > 2 ? args[2] : "JMH results";
        String table = toMarkdown(Json.parse(json), title);
        Path out = Paths.get(args[1]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.print(table);
    }

    /** The Markdown for a parsed JMH result list. */
    @SuppressWarnings("unchecked")
    static String toMarkdown(Object parsed, String title) {
        List<Object> runs = (List<Object>) parsed;
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(title).append("\n\n");
        Set<String> jvms = new LinkedHashSet<>();
        for (Object o : runs) {
            Map<String, Object> run = (Map<String, Object>) o;
            jvms.add(str(run.get("vmName")) + " " + str(run.get("vmVersion")) + " (JDK " + str(run.get("jdkVersion"))
                    + ", " + str(run.get("jvm")) + "), JMH " + str(run.get("jmhVersion")));
        }
        for (String jvm : jvms) {
            sb.append("JVM: ").append(jvm).append("  \n");
        }
        sb.append('\n');
        sb.append("| benchmark | params | median | score | ± error (99.9%) | min – max | unit | alloc B/op "
                + "| forks × iterations | JVM flags |\n");
        sb.append("|---|---|---:|---:|---:|---|---|---:|---|---|\n");
        for (Object o : runs) {
            Map<String, Object> run = (Map<String, Object>) o;
            Map<String, Object> primary = (Map<String, Object>) run.get("primaryMetric");
            Map<String, Object> percentiles = (Map<String, Object>) primary.get("scorePercentiles");
            Map<String, Object> params = (Map<String, Object>) run.get("params");
            Map<String, Object> secondary = (Map<String, Object>) run.get("secondaryMetrics");
            String benchmark = shortName(str(run.get("benchmark")));
            String unit = str(primary.get("scoreUnit"));
            double score = num(primary.get("score"));
            String alloc = "";
            if (secondary != null && secondary.get("gc.alloc.rate.norm") instanceof Map) {
                alloc = fmt(num(((Map<String, Object>) secondary.get("gc.alloc.rate.norm")).get("score")));
            }
            List<Object> raw = (List<Object>) primary.get("rawData");
            int forks = raw == null ? 0 : raw.size();
            int iterations = forks == 0 ? 0 : ((List<Object>) raw.get(0)).size();
            List<Object> jvmArgs = (List<Object>) run.get("jvmArgs");
            sb.append("| ").append(benchmark)
                    .append(" | ").append(params(params))
                    .append(" | ").append(percentiles == null ? "" : fmt(num(percentiles.get("50.0"))))
                    .append(" | ").append(fmt(score))
                    .append(" | ").append(fmt(num(primary.get("scoreError"))))
                    .append(" | ").append(percentiles == null ? ""
                            : fmt(num(percentiles.get("0.0"))) + " – " + fmt(num(percentiles.get("100.0"))))
                    .append(" | ").append(unit)
                    .append(" | ").append(alloc)
                    .append(" | ").append(forks).append(" × ").append(iterations)
                    .append(" | ").append(jvmArgs == null ? "" : flags(jvmArgs))
                    .append(" |\n");
            if (unit.endsWith("/s") && params != null && params.get("n") != null) {
                double n = Double.parseDouble(str(params.get("n")));
                sb.append("| ").append(benchmark).append(" (× n)")
                        .append(" | ").append(params(params))
                        .append(" | ").append(percentiles == null ? "" : fmt(num(percentiles.get("50.0")) * n))
                        .append(" | ").append(fmt(score * n))
                        .append(" | ").append(fmt(num(primary.get("scoreError")) * n))
                        .append(" | ").append(percentiles == null ? ""
                                : fmt(num(percentiles.get("0.0")) * n) + " – " + fmt(num(percentiles.get("100.0")) * n))
                        .append(" | tasks/s |  |  |  |\n");
            }
        }
        appendCompileRatio(sb, runs);
        return sb.toString();
    }

    /**
     * W7: the ratio of javac with the processor to javac without, per corpus size: of the medians (the targets are
     * medians, and one slow compilation, a GC or a JIT pause, moves a mean of ten single shots a lot), or of the
     * mean scores when the file has no percentiles.
     */
    @SuppressWarnings("unchecked")
    private static void appendCompileRatio(StringBuilder sb, List<Object> runs) {
        Map<String, Double> with = new LinkedHashMap<>();
        Map<String, Double> without = new LinkedHashMap<>();
        Map<String, Double> floor = new LinkedHashMap<>();
        boolean medians = true;
        for (Object o : runs) {
            Map<String, Object> run = (Map<String, Object>) o;
            String name = shortName(str(run.get("benchmark")));
            String key = params((Map<String, Object>) run.get("params"));
            Map<String, Object> primary = (Map<String, Object>) run.get("primaryMetric");
            Map<String, Object> percentiles = (Map<String, Object>) primary.get("scorePercentiles");
            double value;
            if (percentiles != null && percentiles.get("50.0") != null) {
                value = num(percentiles.get("50.0"));
            } else {
                value = num(primary.get("score"));
                medians = false;
            }
            if (name.equals("CompileTimeBenchmark.javacWithProcessor")) {
                with.put(key, value);
            } else if (name.equals("CompileTimeBenchmark.javacWithoutProcessor")) {
                without.put(key, value);
            } else if (name.equals("CompileTimeBenchmark.javacWithGeneratedSources")) {
                floor.put(key, value);
            }
        }
        for (Map.Entry<String, Double> e : with.entrySet()) {
            Double base = without.get(e.getKey());
            if (base != null) {
                sb.append("\nW7 compile time (").append(e.getKey()).append("): javac with the asyncio4j processor / "
                        + "without processors = ").append(String.format(Locale.ROOT, "%.2f", e.getValue() / base))
                        .append(medians ? " (medians)" : " (mean scores)").append("\n");
                Double generated = floor.get(e.getKey());
                if (generated != null) {
                    sb.append("W7 floor (").append(e.getKey()).append("): javac on the corpus and its generated "
                            + "sources, no processor / without processors = ")
                            .append(String.format(Locale.ROOT, "%.2f", generated / base)).append("\n");
                }
            }
        }
    }

    /** {@code org.asyncio4j.benchmarks.PingPongBenchmark.asyncio4j} → {@code PingPongBenchmark.asyncio4j}. */
    static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int cls = method < 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(cls + 1);
    }

    private static String params(Map<String, Object> params) {
        if (params == null || params.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            parts.add(e.getKey() + "=" + str(e.getValue()));
        }
        return String.join(", ", parts);
    }

    /** JVM flags, without the ones every run has (the agent and module flags JMH adds are kept: they are real). */
    private static String flags(List<Object> jvmArgs) {
        List<String> parts = new ArrayList<>();
        for (Object a : jvmArgs) {
            parts.add("`" + str(a) + "`");
        }
        return String.join(" ", parts);
    }

    private static String str(Object o) {
        return o == null ? "" : o instanceof Double ? fmt((Double) o) : o.toString();
    }

    private static double num(Object o) {
        return o instanceof Double ? (Double) o : Double.NaN;
    }

    /** Three significant digits at least, no exponent; NaN as "n/a". */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 100 || v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A minimal JSON reader (objects as insertion-ordered maps, arrays as lists, numbers as doubles). */
    static final class Json {
        private final String s;
        private int pos;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.skipSpace();
            if (p.pos != p.s.length()) {
                throw p.error("trailing characters");
            }
            return v;
        }

        private Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            for (;;) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            for (;;) {
                list.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            for (;;) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case 'n':
                        sb.append('\n');
                        break;
                    case 't':
                        sb.append('\t');
                        break;
                    case 'r':
                        sb.append('\r');
                        break;
                    case 'b':
                        sb.append('\b');
                        break;
                    case 'f':
                        sb.append('\f');
                        break;
                    case 'u':
                        sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        pos += 4;
                        break;
                    default:
                        sb.append(e);     // \" \\ \/
                }
            }
        }

        private Object number() {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String text = s.substring(start, pos);
            if (text.isEmpty()) {
                // JMH writes NaN and infinities as bare words in some versions; accept them.
                for (String word : new String[] {"NaN", "Infinity", "-Infinity"}) {
                    if (s.startsWith(word, pos)) {
                        pos += word.length();
                        return Double.parseDouble(word);
                    }
                }
                throw error("unexpected character '" + s.charAt(pos) + "'");
            }
            return Double.parseDouble(text);
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("JSON: " + message + " at offset " + pos);
        }
    }
}
