package dev.hush.policy;

/** Case-insensitive glob with {@code *} only: enough for type and model patterns, and cannot backtrack badly. */
public final class Glob {
    private Glob() {
    }

    /** Compares per character as {@link String#equalsIgnoreCase} does: no lower-cased copies per finding. */
    public static boolean matches(String p, String v) {
        if (v == null) {
            return false;
        }
        int pi = 0, vi = 0, star = -1, mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && p.charAt(pi) != '*' && same(p.charAt(pi), v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    private static boolean same(char a, char b) {
        if (a == b) {
            return true;
        }
        char ua = Character.toUpperCase(a);
        char ub = Character.toUpperCase(b);
        return ua == ub || Character.toLowerCase(ua) == Character.toLowerCase(ub);
    }
}
