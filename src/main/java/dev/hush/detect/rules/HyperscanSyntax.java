package dev.hush.detect.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a rule pattern (RE2 syntax, read by the JDK or RE2J) into a Hyperscan expression whose matches are
 * a superset of the rule's in every region the engines search: every match of the rule ends where the
 * rewritten expression reports a match. What makes the two differ is removed or widened:
 * <ul>
 * <li>zero-width assertions ({@code ^ $ \b \B \A \z}) become empty: a region search may see its edges as
 *     the text's, and Java 17's {@code \b} counts Unicode letters as word characters, Hyperscan's does not;
 * <li>negated classes lose case folding ({@code (?-i:[^...])}): Hyperscan folds Unicode case (K and the
 *     Kelvin sign), the JDK only ASCII, so a folded negated class would exclude characters the JDK accepts;
 * <li>group names and RE2's ungreedy flag go (neither changes which spans match).
 * </ul>
 * Constructs without a safe rewrite (back-references, {@code \C}, comments mode, JDK class intersections
 * and nested classes, POSIX classes read by the JDK) return null: that rule keeps the pure-Java path.
 */
final class HyperscanSyntax {
    private HyperscanSyntax() {
    }

    /** The rewritten expression, or null when the pattern has no safe Hyperscan form. */
    static String rewrite(String pattern, boolean jdk) {
        StringBuilder out = new StringBuilder(pattern.length() + 16);
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                char e = pattern.charAt(i + 1);
                switch (e) {
                    case 'b', 'B', 'A', 'z', 'Z', 'G' -> {
                        out.append("(?:)");
                        i += 2;
                        continue;
                    }
                    case 'C', 'K', 'R', 'X', 'h', 'H', 'k', 'g' -> {
                        return null;
                    }
                    default -> {
                        if (e >= '1' && e <= '9') {
                            return null; // back-reference (or octal, read differently)
                        }
                        int end = escapeEnd(pattern, i);
                        out.append(pattern, i, end);
                        i = end;
                        continue;
                    }
                }
            }
            if (c == '{') {
                int end = repeatEnd(pattern, i);
                if (end > 0) {
                    out.append(widen(pattern.substring(i + 1, end - 1)));
                    i = end;
                    continue;
                }
            }
            if (c == '^' || c == '$') {
                out.append("(?:)");
                i++;
                continue;
            }
            if (c == '[') {
                int end = classEnd(pattern, i, jdk);
                if (end < 0) {
                    return null;
                }
                boolean negated = i + 1 < n && pattern.charAt(i + 1) == '^';
                if (negated) {
                    out.append("(?-i:").append(pattern, i, end).append(')');
                } else {
                    out.append(pattern, i, end);
                }
                i = end;
                continue;
            }
            if (c == '(' && i + 1 < n && pattern.charAt(i + 1) == '?') {
                int j = i + 2;
                if (j < n && (pattern.charAt(j) == 'P' || pattern.charAt(j) == '<')) {
                    int k = pattern.charAt(j) == 'P' ? j + 1 : j;
                    if (k < n && pattern.charAt(k) == '<' && k + 1 < n && pattern.charAt(k + 1) != '='
                            && pattern.charAt(k + 1) != '!') {
                        int close = pattern.indexOf('>', k);
                        if (close < 0) {
                            return null;
                        }
                        out.append("(?:");
                        i = close + 1;
                        continue;
                    }
                    return null; // look-behind (neither engine here takes it, but be safe)
                }
                if (j < n && (pattern.charAt(j) == '=' || pattern.charAt(j) == '!' || pattern.charAt(j) == '>')) {
                    return null;
                }
                // flags: (?flags) or (?flags:
                int k = j;
                StringBuilder flags = new StringBuilder();
                while (k < n && (Character.isLetter(pattern.charAt(k)) || pattern.charAt(k) == '-')) {
                    char f = pattern.charAt(k);
                    if (f == 'x' || f == 'u' || f == 'd' || f == 'c') {
                        return null;
                    }
                    if (f != 'U') {
                        flags.append(f);
                    }
                    k++;
                }
                if (k < n && (pattern.charAt(k) == ')' || pattern.charAt(k) == ':')) {
                    boolean group = pattern.charAt(k) == ':';
                    String fl = flags.toString();
                    if (fl.isEmpty() || fl.equals("-")) {
                        out.append(group ? "(?:" : "");
                    } else {
                        out.append("(?").append(fl).append(group ? ':' : ')');
                    }
                    i = k + 1;
                    continue;
                }
                return null;
            }
            out.append(c);
            i++;
        }
        return trimTail(out.toString());
    }

    /**
     * The expression without the open-ended repeats it ends with ({@code X{8,}} becomes {@code X{8}}, a
     * trailing {@code X*} goes): every match of the whole expression starts with a match of the trimmed one,
     * so a report still ends inside every region that holds a match, after the match's start. What it saves
     * is the flood of reports an open end gives, one per character of every long run.
     */
    static String trimTail(String expr) {
        String t = trimSequence(expr, 0, expr.length());
        return t == null ? expr : t;
    }

    /** Trims [from, to) of expr, each top-level alternative separately; null when one trims to nothing. */
    private static String trimSequence(String expr, int from, int to) {
        List<int[]> items = new ArrayList<>(); // {start, atomEnd, end, min, max} per item
        List<String> alternatives = new ArrayList<>();
        int i = from;
        int altStart = 0;
        while (i < to) {
            char c = expr.charAt(i);
            if (c == '|') {
                alternatives.add(trimItems(expr, items.subList(altStart, items.size())));
                altStart = items.size();
                i++;
                continue;
            }
            int atomEnd = atomEnd(expr, i, to);
            int[] item = quantifier(expr, atomEnd, to);
            items.add(new int[] {i, atomEnd, item[0], item[1], item[2]});
            i = item[0];
        }
        alternatives.add(trimItems(expr, items.subList(altStart, items.size())));
        if (alternatives.stream().anyMatch(String::isEmpty)) {
            return null; // this part may be skipped altogether
        }
        return String.join("|", alternatives);
    }

    private static String trimItems(String expr, List<int[]> items) {
        int last = items.size() - 1;
        StringBuilder tail = new StringBuilder();
        while (last >= 0) {
            int[] it = items.get(last);
            String atom = expr.substring(it[0], it[1]);
            boolean zeroWidth = atom.startsWith("(?") && (atom.endsWith(")") && !atom.contains(":")
                    || atom.equals("(?:)"));
            if (zeroWidth || it[3] == 0) {
                last--; // an empty group, a flag setting, or a repeat that may be absent
                continue;
            }
            if (it[4] != it[3]) {
                tail.append(atom).append(it[3] == 1 ? "" : "{" + it[3] + "}");
            } else if (atom.startsWith("(") && it[3] == 1 && it[2] == it[1]) {
                int open = atom.startsWith("(?") ? atom.indexOf(':') + 1 : 1;
                String inner = trimSequence(expr, it[0] + open, it[1] - 1);
                if (inner == null) {
                    last--; // the group may match nothing: what comes before it is the prefix
                    continue;
                }
                tail.append(atom, 0, open).append(inner).append(')');
            } else {
                tail.append(expr, it[0], it[2]);
            }
            break;
        }
        if (last < 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < last; k++) {
            b.append(expr, items.get(k)[0], items.get(k)[2]);
        }
        return b.append(tail).toString();
    }

    /** End of the atom at i: an escape, a class, a group, or one char. */
    private static int atomEnd(String expr, int i, int to) {
        char c = expr.charAt(i);
        if (c == '\\') {
            return escapeEnd(expr, i);
        }
        if (c == '[') {
            return classEnd(expr, i, false);
        }
        if (c == '(') {
            int depth = 0;
            int j = i;
            while (j < to) {
                char d = expr.charAt(j);
                if (d == '\\') {
                    j = escapeEnd(expr, j);
                    continue;
                }
                if (d == '[') {
                    j = classEnd(expr, j, false);
                    continue;
                }
                if (d == '(') {
                    depth++;
                } else if (d == ')' && --depth == 0) {
                    return j + 1;
                }
                j++;
            }
            return to;
        }
        return i + 1;
    }

    /** The quantifier after an atom: {end, min, max} (max = -1 for none). */
    private static int[] quantifier(String expr, int i, int to) {
        if (i >= to) {
            return new int[] {i, 1, 1};
        }
        char c = expr.charAt(i);
        int min;
        int max;
        int end;
        if (c == '*' || c == '+' || c == '?') {
            min = c == '+' ? 1 : 0;
            max = c == '?' ? 1 : -1;
            end = i + 1;
        } else if (c == '{' && repeatEnd(expr, i) > 0) {
            end = repeatEnd(expr, i);
            String counts = expr.substring(i + 1, end - 1);
            int comma = counts.indexOf(',');
            min = Integer.parseInt(comma < 0 ? counts : counts.substring(0, comma));
            max = comma < 0 ? min : comma == counts.length() - 1 ? -1 : Integer.parseInt(counts.substring(comma + 1));
        } else {
            return new int[] {i, 1, 1};
        }
        if (end < to && (expr.charAt(end) == '?' || expr.charAt(end) == '+')) {
            end++; // lazy or possessive: the same spans for a prefilter
        }
        return new int[] {end, min, max};
    }

    /** Longest repeat kept as a count; more would make the database slow to build and big. */
    static final int MAX_COUNT = 8;

    /** End (exclusive) of the counted repeat {m}, {m,} or {m,n} starting at {@code i}, or -1 (a literal brace). */
    private static int repeatEnd(String p, int i) {
        int j = i + 1;
        int n = p.length();
        int digits = 0;
        while (j < n && Character.isDigit(p.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        if (j < n && p.charAt(j) == ',') {
            j++;
            while (j < n && Character.isDigit(p.charAt(j))) {
                j++;
            }
        }
        return j < n && p.charAt(j) == '}' ? j + 1 : -1;
    }

    /**
     * A counted repeat made unbounded and its minimum capped: a superset of the spans it matches, and a
     * database that builds in a second instead of minutes (bounded repeats are what Hyperscan pays for).
     */
    private static String widen(String counts) {
        int comma = counts.indexOf(',');
        int min = Integer.parseInt(comma < 0 ? counts : counts.substring(0, comma));
        int max = comma < 0 ? min : comma == counts.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(counts.substring(comma + 1));
        if (max <= MAX_COUNT) {
            return "{" + counts + "}";
        }
        int m = Math.min(min, MAX_COUNT);
        return m == 0 ? "*" : m == 1 ? "+" : "{" + m + ",}";
    }

    /** End (exclusive) of the escape starting at {@code i}. */
    private static int escapeEnd(String p, int i) {
        int n = p.length();
        char e = p.charAt(i + 1);
        if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < n && p.charAt(i + 2) == '{') {
            int close = p.indexOf('}', i + 2);
            return close < 0 ? n : close + 1;
        }
        if (e == 'Q') {
            int close = p.indexOf("\\E", i + 2);
            return close < 0 ? n : close + 2;
        }
        return i + 2;
    }

    /** End (exclusive) of the class starting at {@code i}, or -1 when it has no safe form. */
    private static int classEnd(String p, int i, boolean jdk) {
        int n = p.length();
        int j = i + 1;
        if (j < n && p.charAt(j) == '^') {
            j++;
        }
        if (j < n && p.charAt(j) == ']') {
            if (jdk) {
                return -1; // the JDK reads a leading ] differently from RE2
            }
            j++;
        }
        while (j < n) {
            char c = p.charAt(j);
            if (c == '\\') {
                if (j + 1 >= n) {
                    return -1;
                }
                char e = p.charAt(j + 1);
                if (e == 'Q' || e == 'E' || (e >= '1' && e <= '9')) {
                    return -1;
                }
                j = escapeEnd(p, j);
                continue;
            }
            if (c == '[') {
                if (!jdk && j + 1 < n && p.charAt(j + 1) == ':') {
                    int close = p.indexOf(":]", j + 2);
                    if (close < 0) {
                        return -1;
                    }
                    j = close + 2;
                    continue;
                }
                return -1; // a JDK union/nested class, or a literal [ PCRE might read as POSIX
            }
            if (c == '&' && j + 1 < n && p.charAt(j + 1) == '&' && jdk) {
                return -1;
            }
            if (c == ']') {
                return j + 1;
            }
            j++;
        }
        return -1;
    }
}
