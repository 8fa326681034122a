package dev.hush.detect.pii;

import java.util.List;

/**
 * Looks for cue words just before a candidate (e.g. "ssn", "phone") in the lower-cased text. Used
 * only for weak shapes (an undelimited 9- or 10-digit run) that are too ambiguous on their own;
 * runs on candidates only, never over the whole text.
 */
final class ContextWords {
    private final String[] words;
    private final int window;

    ContextWords(int window, List<String> words) {
        this.window = window;
        this.words = words.toArray(new String[0]);
    }

    /** True when one of the words ends within {@code window} chars before {@code start}, as a whole word. */
    boolean before(String lower, int start) {
        int from = Math.max(0, start - window);
        for (String w : words) {
            int i = lower.indexOf(w, from);
            while (i >= 0 && i + w.length() <= start) {
                if (!Chars.wordAt(lower, i - 1) && !Chars.wordAt(lower, i + w.length())) {
                    return true;
                }
                i = lower.indexOf(w, i + 1);
            }
        }
        return false;
    }

    /** Words that may sit between a label and its value ("order no. 123", "ticket number 123"). */
    private static final java.util.Set<String> FILLERS = java.util.Set.of("no", "nr", "num", "number", "id", "code");

    /**
     * True when the word right before {@code start} (skipping spaces and {@code #:.=-} and one filler such
     * as "no." or "number") is one of {@code labels}.
     */
    static boolean labelledBefore(String lower, int start, java.util.Set<String> labels) {
        int end = skipPunct(lower, start);
        int ws = wordStart(lower, end);
        String w = lower.substring(ws, end);
        if (FILLERS.contains(w)) {
            end = skipPunct(lower, ws);
            ws = wordStart(lower, end);
            w = lower.substring(ws, end);
        }
        return labels.contains(w);
    }

    /** The lower-cased word that ends right before {@code start}, skipping spaces and {@code #:.=-}. */
    static String previousWord(String lower, int start) {
        int end = skipPunct(lower, start);
        return lower.substring(wordStart(lower, end), end);
    }

    private static int skipPunct(String lower, int start) {
        int i = start;
        while (i > 0 && " \t#:.=-\"'(".indexOf(lower.charAt(i - 1)) >= 0 && start - i < 6) {
            i--;
        }
        return i;
    }

    private static int wordStart(String lower, int end) {
        int i = end;
        while (i > 0 && Chars.isWordChar(lower.charAt(i - 1)) && end - i < 24) {
            i--;
        }
        return i;
    }
}
