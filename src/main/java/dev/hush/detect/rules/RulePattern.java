package dev.hush.detect.rules;

/**
 * A compiled pattern behind one of two engines: the JDK's (fast, for the vetted built-in catalogue)
 * or RE2J (linear time, for imported and user-supplied patterns that must not be able to hang a scan).
 */
interface RulePattern {

    /** Receives a match: the chosen group's span (or the whole match) and the whole match's span. */
    @FunctionalInterface
    interface MatchVisitor {
        void onMatch(int secretStart, int secretEnd, int matchStart, int matchEnd);
    }

    /** Finds every match lying within [from, to) of the text; look-behind of \b may see outside. */
    void find(CharSequence text, int from, int to, int secretGroup, MatchVisitor visitor);

    int groupCount();

    /** The pattern's source text, in the syntax of its engine. */
    String regex();

    /** True when the pattern matches anywhere in the text (stops at the first match). */
    boolean matchesAnywhere(CharSequence text);

    /**
     * Tries a match starting exactly at each position of [firstStart, lastStart] in turn, ending by
     * {@code to}; reports the first and returns its end, or -1. Only for engines where
     * {@link #canMatchAt()}; the others are searched with {@link #find}.
     */
    default int matchFrom(CharSequence text, int firstStart, int lastStart, int to, int secretGroup,
            MatchVisitor visitor) {
        throw new UnsupportedOperationException();
    }

    default boolean canMatchAt() {
        return false;
    }
}
