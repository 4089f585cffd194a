package org.asyncio4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JMH-JSON-to-Markdown converter, on a hand-written result in JMH's format. */
class ResultsTableTest {
    private static final String RESULT = "[\n"
            + " {\"jmhVersion\": \"1.37\", \"benchmark\": \"org.asyncio4j.benchmarks.SpawnJoinBenchmark.asyncio4j\",\n"
            + "  \"mode\": \"thrpt\", \"jvm\": \"/jdk/bin/java\", \"jvmArgs\": [\"-Xmx4g\"], \"jdkVersion\": \"17.0.15\",\n"
            + "  \"vmName\": \"OpenJDK 64-Bit Server VM\", \"vmVersion\": \"17.0.15+6\", \"params\": {\"n\": \"1000\"},\n"
            + "  \"primaryMetric\": {\"score\": 2.5, \"scoreError\": \"NaN\", \"scoreConfidence\": [\"NaN\", \"NaN\"],\n"
            + "    \"scorePercentiles\": {\"0.0\": 2.0, \"50.0\": 2.5, \"100.0\": 3.0}, \"scoreUnit\": \"ops/s\",\n"
            + "    \"rawData\": [[2.0, 2.5, 3.0]]},\n"
            + "  \"secondaryMetrics\": {\"gc.alloc.rate.norm\": {\"score\": 180000.0, \"scoreUnit\": \"B/op\"}}},\n"
            + " {\"jmhVersion\": \"1.37\", \"benchmark\": \"org.asyncio4j.benchmarks.CompileTimeBenchmark.javacWithProcessor\",\n"
            + "  \"jvm\": \"/jdk/bin/java\", \"jvmArgs\": [], \"jdkVersion\": \"17.0.15\", \"vmName\": \"VM\",\n"
            + "  \"vmVersion\": \"17.0.15+6\", \"params\": {\"methods\": \"500\"},\n"
            + "  \"primaryMetric\": {\"score\": 300.0, \"scoreError\": 1.5e1, \"scoreUnit\": \"ms/op\", \"rawData\": [[300.0]]},\n"
            + "  \"secondaryMetrics\": {}},\n"
            + " {\"jmhVersion\": \"1.37\", \"benchmark\": \"org.asyncio4j.benchmarks.CompileTimeBenchmark.javacWithoutProcessor\",\n"
            + "  \"jvm\": \"/jdk/bin/java\", \"jvmArgs\": [], \"jdkVersion\": \"17.0.15\", \"vmName\": \"VM\",\n"
            + "  \"vmVersion\": \"17.0.15+6\", \"params\": {\"methods\": \"500\"},\n"
            + "  \"primaryMetric\": {\"score\": 200.0, \"scoreError\": 10, \"scoreUnit\": \"ms/op\", \"rawData\": [[200.0]]},\n"
            + "  \"secondaryMetrics\": {}}\n"
            + "]\n";

    @Test
    void parsesJson() {
        Object parsed = ResultsTable.Json.parse("{\"a\": [1, -2.5e1, true, null, \"x\\\"\\u0041\"], \"b\": {}}");
        Map<?, ?> map = (Map<?, ?>) parsed;
        List<?> a = (List<?>) map.get("a");
        assertEquals(1.0, a.get(0));
        assertEquals(-25.0, a.get(1));
        assertEquals(true, a.get(2));
        assertEquals(null, a.get(3));
        assertEquals("x\"A", a.get(4));
        assertEquals(Map.of(), map.get("b"));
        assertThrows(IllegalArgumentException.class, () -> ResultsTable.Json.parse("[1,"));
        assertThrows(IllegalArgumentException.class, () -> ResultsTable.Json.parse("{} x"));
    }

    @Test
    void writesOneRowPerResultWithMedianRangeAllocationAndFlags() {
        String md = ResultsTable.toMarkdown(ResultsTable.Json.parse(RESULT), "Title");
        assertTrue(md.startsWith("## Title\n"), md);
        assertTrue(md.contains("JVM: OpenJDK 64-Bit Server VM 17.0.15+6 (JDK 17.0.15, /jdk/bin/java), JMH 1.37"), md);
        assertTrue(md.contains("| SpawnJoinBenchmark.asyncio4j | n=1000 | 2.50 | 2.50 | n/a | 2 – 3 | ops/s "
                + "| 180,000 | 1 × 3 | `-Xmx4g` |"), md);
        assertTrue(md.contains("| SpawnJoinBenchmark.asyncio4j (× n) | n=1000 | 2,500 | 2,500 | n/a | 2,000 – 3,000 "
                + "| tasks/s |"), md);
        assertTrue(md.contains("| CompileTimeBenchmark.javacWithProcessor | methods=500 |  | 300 | 15 |  | ms/op |"), md);
        assertTrue(md.contains("W7 compile time (methods=500): javac with the asyncio4j processor / without "
                + "processors = 1.50 (mean scores)"), md);
    }

    @Test
    void theCompileTimeRatioUsesTheMedians_whenThePercentilesAreThere() {
        String withPercentiles = RESULT
                .replace("\"score\": 300.0, \"scoreError\": 1.5e1,",
                        "\"score\": 900.0, \"scoreError\": 1.5e1, \"scorePercentiles\": {\"50.0\": 330.0},")
                .replace("\"score\": 200.0, \"scoreError\": 10,",
                        "\"score\": 200.0, \"scoreError\": 10, \"scorePercentiles\": {\"50.0\": 110.0},");
        String md = ResultsTable.toMarkdown(ResultsTable.Json.parse(withPercentiles), "Title");
        assertTrue(md.contains("W7 compile time (methods=500): javac with the asyncio4j processor / without "
                + "processors = 3.00 (medians)"), md);
    }

    @Test
    void formatsNumbers() {
        assertEquals("1,234,568", ResultsTable.fmt(1234567.8));
        assertEquals("12.3", ResultsTable.fmt(12.34));
        assertEquals("1.23", ResultsTable.fmt(1.234));
        assertEquals("0.0123", ResultsTable.fmt(0.01234));
        assertEquals("n/a", ResultsTable.fmt(Double.NaN));
        assertEquals("PingPongBenchmark.asyncio4j",
                ResultsTable.shortName("org.asyncio4j.benchmarks.PingPongBenchmark.asyncio4j"));
    }
}
