package dev.hush.detect.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** java.util.regex engine, used for the built-in rules (each proven by its examples and a step-bound test). */
final class JdkRulePattern implements RulePattern {
    private final Pattern pattern;
    private final String regex;

    private static final Pattern COMMENTS_FLAG = Pattern.compile("\\(\\?[a-zA-Z-]*x");
    private static final Pattern MULTILINE_FLAG = Pattern.compile("\\(\\?[a-zA-Z-]*[mx]");
    private final boolean anchoredAtStart;

    JdkRulePattern(String re2Syntax) {
        // RE2's (?P<name>...) is Java's (?<name>...)
        this.regex = re2Syntax.replace("(?P<", "(?<");
        this.pattern = Pattern.compile(firstCharLookaheads(anyCharAsDot(regex)));
        this.anchoredAtStart = anchoredAtStart(regex);
    }

    /**
     * Every match starts at the text's start: the pattern opens with {@code ^} (after inline flags, without
     * MULTILINE) and has no alternative outside a group. Then {@code find} can only succeed where
     * {@code lookingAt} does, and the allowlist check need not try every other position first.
     */
    static boolean anchoredAtStart(String regex) {
        int i = 0;
        while (regex.startsWith("(?", i) && i + 2 < regex.length() && regex.charAt(i + 2) != ':') {
            int close = regex.indexOf(')', i);
            String flags = close < 0 ? "" : regex.substring(i + 2, close);
            if (close < 0 || !flags.matches("[a-zA-Z-]+")) {
                return false;
            }
            i = close + 1;
        }
        if (!regex.startsWith("^", i) || MULTILINE_FLAG.matcher(regex).find()
                || i + 1 < regex.length() && "?*+{".indexOf(regex.charAt(i + 1)) >= 0) {
            return false;
        }
        int depth = 0;
        boolean inClass = false;
        for (int k = i; k < regex.length(); k++) {
            char c = regex.charAt(k);
            if (c == '\\') {
                if (regex.startsWith("Q", k + 1)) {
                    return false;
                }
                k++;
            } else if (inClass) {
                if (c == '[') {
                    return false; // nested class: not read here
                }
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
                if (regex.startsWith("]", k + 1) || regex.startsWith("^]", k + 1)) {
                    return false;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return false;
            }
        }
        return depth == 0 && !inClass;
    }

    /**
     * The same pattern with each {@code [\s\S]} (any code point) written {@code (?s:.)}, which also matches any
     * code point: the JDK tests one predicate instead of a union of two, 3-4x faster over a PEM key's body.
     * Only whole classes outside other classes are rewritten; {@link #regex()} keeps the rule's own text.
     */
    static String anyCharAsDot(String regex) {
        if (!regex.contains("[\\s\\S]") || regex.contains("\\Q") || COMMENTS_FLAG.matcher(regex).find()) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length());
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                out.append(c);
                if (i + 1 < regex.length()) {
                    out.append(regex.charAt(++i));
                }
                continue;
            }
            if (!inClass && regex.startsWith("[\\s\\S]", i)) {
                out.append("(?s:.)");
                i += 5;
                continue;
            }
            if (c == '[') {
                if (inClass) {
                    return regex; // a nested class: left as written
                }
                inClass = true;
            } else if (c == ']' && inClass) {
                inClass = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static final Pattern INLINE_FLAGS = Pattern.compile("\\(\\?[a-zA-Z-]+[):]");
    private static final Pattern UNICODE_CASE_FLAG = Pattern.compile("\\(\\?[a-zA-Z-]*u");

    /**
     * The same pattern with a look-ahead {@code (?=[abc])} before each non-capturing alternation of 3 or more
     * alternatives that each open with a plain letter or digit ({@code (?:secret|token|credentials?)}). After a
     * quantifier ({@code [A-Za-z0-9_.-]{0,40}(?:secret|token|...)}) the JDK tries every branch at every position it
     * backs off to; the look-ahead rejects most of them with one class test. It is implied by the group (same
     * position, same flags, it consumes nothing and captures nothing), so the matches are the same. Left out where
     * that is not sure: a group that may be skipped ({@code ?}, {@code *}, <code>{</code> after it), inline flags
     * inside it (they reach the later branches), Unicode case, comments mode, quoting, nested classes.
     */
    static String firstCharLookaheads(String regex) {
        if (regex.contains("\\Q") || COMMENTS_FLAG.matcher(regex).find() || UNICODE_CASE_FLAG.matcher(regex).find()) {
            return regex;
        }
        int n = regex.length();
        int[] open = new int[n + 1]; // stack of group starts
        java.util.List<java.util.List<Integer>> alternatives = new java.util.ArrayList<>();
        int depth = 0;
        java.util.TreeMap<Integer, String> inserts = new java.util.TreeMap<>();
        java.util.Map<Integer, String> groupFirst = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                int k = i + 1;
                if (k < n && regex.charAt(k) == '^') {
                    k++;
                }
                if (k < n && regex.charAt(k) == ']') {
                    k++;
                }
                for (; k < n && regex.charAt(k) != ']'; k++) {
                    if (regex.charAt(k) == '\\') {
                        k++;
                    } else if (regex.charAt(k) == '[') {
                        return regex; // nested class: not read here
                    }
                }
                i = k;
            } else if (c == '(') {
                open[depth++] = i;
                java.util.List<Integer> alts = new java.util.ArrayList<>();
                alts.add(regex.startsWith("(?:", i) ? i + 3 : -1);
                alternatives.add(alts);
            } else if (c == '|' && depth > 0) {
                alternatives.get(alternatives.size() - 1).add(i + 1);
            } else if (c == ')' && depth > 0) {
                int start = open[--depth];
                java.util.List<Integer> alts = alternatives.remove(alternatives.size() - 1);
                String first = alts.get(0) < 0 ? null : firstChars(regex, alts, groupFirst);
                char after = i + 1 < n ? regex.charAt(i + 1) : ')';
                if (first != null && after != '?' && after != '*' && after != '{'
                        && !INLINE_FLAGS.matcher(regex.substring(start + 3, i)).find()) {
                    groupFirst.put(start, first); // an alternative that opens with this group opens with these
                    if (alts.size() >= 3) {
                        inserts.put(start, "(?=[" + first + "])");
                    }
                }
            }
        }
        if (inserts.isEmpty() || depth != 0) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() + 16 * inserts.size());
        int from = 0;
        for (java.util.Map.Entry<Integer, String> e : inserts.entrySet()) {
            out.append(regex, from, e.getKey()).append(e.getValue());
            from = e.getKey();
        }
        return out.append(regex.substring(from)).toString();
    }

    /**
     * The distinct first chars of the alternatives, when each opens with a letter or digit not made optional, or
     * with a group whose first chars are known (in {@code groupFirst}, which holds only groups that cannot be skipped).
     */
    private static String firstChars(String regex, java.util.List<Integer> alts, java.util.Map<Integer, String> groupFirst) {
        StringBuilder b = new StringBuilder();
        for (int p : alts) {
            char c = p < regex.length() ? regex.charAt(p) : ')';
            char next = p + 1 < regex.length() ? regex.charAt(p + 1) : ')';
            String chars;
            if (c == '(') {
                chars = groupFirst.get(p);
                if (chars == null) {
                    return null;
                }
            } else {
                boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
                if (!plain || next == '?' || next == '*' || next == '{') {
                    return null;
                }
                chars = String.valueOf(c);
            }
            for (int k = 0; k < chars.length(); k++) {
                if (b.indexOf(chars.substring(k, k + 1)) < 0) {
                    b.append(chars.charAt(k));
                }
            }
        }
        return b.toString();
    }

    @Override
    public String regex() {
        return regex;
    }

    /** Every match starts at the text's start (see {@link #anchoredAtStart(String)}). */
    boolean anchoredAtStart() {
        return anchoredAtStart;
    }

    @Override
    public boolean matchesAnywhere(CharSequence text) {
        Matcher m = pattern.matcher(text);
        return anchoredAtStart ? m.lookingAt() : m.find();
    }

    /** A matcher over the text set up as every search here uses it: transparent, non-anchoring bounds. */
    Matcher matcher(CharSequence text) {
        Matcher m = pattern.matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        return m;
    }

    /** Reports the match {@code m} holds: the secret group's span (see {@link RulePattern}) and the whole match. */
    static void visit(Matcher m, int secretGroup, MatchVisitor visitor) {
        int s = m.start();
        int e = m.end();
        if (secretGroup > 0 && secretGroup <= m.groupCount() && m.start(secretGroup) >= 0) {
            s = m.start(secretGroup);
            e = m.end(secretGroup);
        } else if (secretGroup != 0) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.start(g) >= 0 && m.end(g) > m.start(g)) {
                    s = m.start(g);
                    e = m.end(g);
                    break;
                }
            }
        }
        visitor.onMatch(s, e, m.start(), m.end());
    }

    @Override
    public void find(CharSequence text, int from, int to, int secretGroup, MatchVisitor visitor) {
        Matcher m = matcher(text);
        m.region(from, to);
        while (m.find()) {
            visit(m, secretGroup, visitor);
            if (m.end() == m.start()) {
                if (m.end() >= to) {
                    break;
                }
                m.region(m.end() + 1, to);
            }
        }
    }

    @Override
    public boolean canMatchAt() {
        return true;
    }

    @Override
    public int matchFrom(CharSequence text, int firstStart, int lastStart, int to, int secretGroup,
            MatchVisitor visitor) {
        Matcher m = matcher(text);
        for (int start = firstStart; start <= lastStart && start < to; start++) {
            m.region(start, to);
            if (m.lookingAt()) {
                visit(m, secretGroup, visitor);
                return Math.max(m.end(), start + 1);
            }
        }
        return -1;
    }

    @Override
    public int groupCount() {
        return pattern.matcher("").groupCount();
    }
}
