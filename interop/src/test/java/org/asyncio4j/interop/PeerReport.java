package org.asyncio4j.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One connection as {@code stream_peer.py} saw it: a line of flat JSON (numbers, strings, booleans, lists of
 * numbers), read without a JSON library. Immutable.
 */
final class PeerReport {
    private static final Pattern FIELD =
            Pattern.compile("\"(\\w+)\": (\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*\\]|-?\\d+|true|false)");

    private final Map<String, String> fields;
    private final String line;

    private PeerReport(String line) {
        this.line = line;
        this.fields = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            String value = m.group(2);
            fields.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
        }
    }

    /** The reports in a peer's standard output: every line that is a JSON object. */
    static List<PeerReport> parse(String stdout) {
        List<PeerReport> reports = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                reports.add(new PeerReport(line));
            }
        }
        return reports;
    }

    int conn() {
        return (int) number("conn");
    }

    long number(String field) {
        return Long.parseLong(text(field));
    }

    boolean flag(String field) {
        return Boolean.parseBoolean(text(field));
    }

    String text(String field) {
        String value = fields.get(field);
        if (value == null) {
            throw new IllegalArgumentException("no field " + field + " in the peer's report " + line);
        }
        return value;
    }

    @Override
    public String toString() {
        return line;
    }
}
