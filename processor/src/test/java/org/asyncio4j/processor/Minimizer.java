package org.asyncio4j.processor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shrinks a failing generated body to a small one that fails the same way, so a fuzz failure reads as a short
 * reproducer.
 *
 * <p>It works on the layout of {@link ProgramGenerator}'s output (one statement per line, four spaces per level,
 * continuation lines of a compound statement start with <code>}</code>). A <em>unit</em> is a line with everything
 * nested under it and its continuation lines; its <em>sections</em> are the blocks between its header and
 * continuation lines. Each round proposes every edit — delete a unit, replace a unit by one of its sections
 * (un-indented), delete a section after the first (an {@code else}, a {@code catch}, a {@code finally}) — asks the
 * oracle about all of them at once, and keeps the largest one that still fails; when several still fail, it first
 * tries them all together. It stops when no edit still fails, so the result is minimal for these edits. Edits that
 * make invalid Java are answered "does not fail" by the oracle; the ones sure to be invalid (deleting a local that
 * is used, or the final {@code return}) or to loop forever (deleting a loop counter's {@code c7++;}) are not even
 * proposed. Stateless.
 */
final class Minimizer {
    /** Tells, for each candidate body, whether it still fails the way the original did. */
    interface Oracle {
        List<Boolean> stillFails(List<String> candidates);
    }

    /** Replace lines {@code from..to} (inclusive) by {@code replacement}. */
    record Edit(int from, int to, List<String> replacement) {
        int removed() {
            return to - from + 1 - replacement.size();
        }

        boolean overlaps(Edit other) {
            return from <= other.to && other.from <= to;
        }
    }

    private Minimizer() {}

    /** The smallest body this minimizer finds that the oracle says still fails; {@code body} itself must fail. */
    static String minimize(String body, Oracle oracle) {
        List<String> lines = List.of(body.split("\n"));
        Map<String, Boolean> answers = new HashMap<>();
        for (;;) {
            List<Edit> edits = edits(lines);
            List<String> fresh = new ArrayList<>();
            for (Edit edit : edits) {
                String text = text(apply(lines, List.of(edit)));
                if (!answers.containsKey(text) && !fresh.contains(text)) {
                    fresh.add(text);
                }
            }
            if (!fresh.isEmpty()) {
                List<Boolean> failing = oracle.stillFails(fresh);
                for (int i = 0; i < fresh.size(); i++) {
                    answers.put(fresh.get(i), failing.get(i));
                }
            }
            List<Edit> good = new ArrayList<>();
            for (Edit edit : edits) {
                if (answers.get(text(apply(lines, List.of(edit))))) {
                    good.add(edit);
                }
            }
            if (good.isEmpty()) {
                return text(lines);
            }
            lines = apply(lines, choose(good, lines, oracle, answers));
        }
    }

    /** All the disjoint good edits together if that still fails, else the largest good edit alone. */
    private static List<Edit> choose(List<Edit> good, List<String> lines, Oracle oracle, Map<String, Boolean> answers) {
        List<Edit> together = new ArrayList<>();
        for (Edit edit : good) {
            if (together.stream().noneMatch(edit::overlaps)) {
                together.add(edit);
            }
        }
        if (together.size() > 1) {
            String combined = text(apply(lines, together));
            Boolean fails = answers.get(combined);
            if (fails == null) {
                fails = oracle.stillFails(List.of(combined)).get(0);
                answers.put(combined, fails);
            }
            if (fails) {
                return together;
            }
        }
        return List.of(good.get(0));
    }

    /** Every edit of {@code lines}, the ones removing most lines first (ties in line order). */
    static List<Edit> edits(List<String> lines) {
        List<Edit> edits = new ArrayList<>();
        for (int start = 0; start < lines.size(); start++) {
            if (lines.get(start).trim().startsWith("}")) {
                continue;
            }
            int end = unitEnd(lines, start);
            if (end < lines.size() - 1 && !declaresUsedLocal(lines, start, end)
                    && !COUNTER_STEP.matcher(lines.get(start)).matches()) {
                edits.add(new Edit(start, end, List.of()));
            }
            List<Integer> boundaries = new ArrayList<>();
            for (int i = start + 1; i <= end; i++) {
                if (level(lines.get(i)) == level(lines.get(start))) {
                    boundaries.add(i);
                }
            }
            int previous = start;
            for (int k = 0; k < boundaries.size(); k++) {
                int boundary = boundaries.get(k);
                if (boundary > previous + 1) {
                    edits.add(new Edit(start, end, dedent(lines.subList(previous + 1, boundary))));
                }
                if (k > 0) {
                    edits.add(new Edit(previous, boundary - 1, List.of()));
                }
                previous = boundary;
            }
        }
        edits.sort(Comparator.comparingInt(Edit::removed).reversed());
        return edits;
    }

    /**
     * Whether the unit is a local declaration whose name the rest of the body uses: deleting it cannot compile, so
     * the oracle need not be asked. (The last line, the method's {@code return}, is never deleted for the same
     * reason.)
     */
    private static boolean declaresUsedLocal(List<String> lines, int start, int end) {
        Matcher declaration = DECLARATION.matcher(lines.get(start));
        if (start != end || !declaration.find()) {
            return false;
        }
        Pattern use = Pattern.compile("\\b" + declaration.group(1) + "\\b");
        for (int i = 0; i < lines.size(); i++) {
            if (i != start && use.matcher(lines.get(i)).find()) {
                return true;
            }
        }
        return false;
    }

    /** A loop counter's increment: without it the loop would never end (in both twins). */
    private static final Pattern COUNTER_STEP = Pattern.compile("\\s*c\\d+\\+\\+;");

    private static final Pattern DECLARATION = Pattern.compile("^\\s*(?:int|var|int\\[]) (\\w+) = ");

    /** The last line of the unit starting at {@code start}: deeper lines and same-level continuation lines. */
    private static int unitEnd(List<String> lines, int start) {
        int level = level(lines.get(start));
        int end = start;
        while (end + 1 < lines.size()) {
            String next = lines.get(end + 1);
            if (level(next) > level || (level(next) == level && next.trim().startsWith("}"))) {
                end++;
            } else {
                break;
            }
        }
        return end;
    }

    private static int level(String line) {
        int spaces = 0;
        while (spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        return spaces / 4;
    }

    private static List<String> dedent(List<String> lines) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            result.add(line.startsWith("    ") ? line.substring(4) : line);
        }
        return result;
    }

    /** Applies disjoint edits (from the bottom up, so earlier line numbers stay valid). */
    static List<String> apply(List<String> lines, List<Edit> edits) {
        List<String> result = new ArrayList<>(lines);
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::from).reversed());
        for (Edit edit : ordered) {
            result.subList(edit.from, edit.to + 1).clear();
            result.addAll(edit.from, edit.replacement);
        }
        return result;
    }

    private static String text(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
