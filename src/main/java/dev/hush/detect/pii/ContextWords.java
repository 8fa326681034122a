package dev.hush.detect.pii;

import dev.hush.detect.AhoCorasick;
import dev.hush.detect.ScanText;
import java.util.List;

/**
 * Looks for cue words just before a candidate (e.g. "ssn", "phone") in the lower-cased text. Used
 * only for weak shapes (an undelimited 9- or 10-digit run) that are too ambiguous on their own;
 * runs on candidates only, never over the whole text.
 */
final class ContextWords {
    /** The words, case-insensitive, searched only in the window: the cost per candidate is the window's. */
    private final AhoCorasick words;
    private final int window;

    ContextWords(int window, List<String> words) {
        this.window = window;
        AhoCorasick.Builder b = AhoCorasick.caseInsensitiveBuilder();
        for (String w : words) {
            b.add(w.toLowerCase(java.util.Locale.ROOT));
        }
        this.words = b.build();
    }

    /** True when one of the words lies within {@code window} chars before {@code start}, as a whole word. */
    boolean before(ScanText text, int start) {
        String s = text.normalized();
        int from = Math.max(0, start - window);
        text.charge(start - from);
        boolean[] found = {false};
        words.search(s, from, start, (id, ms, me) -> {
            if (!Chars.wordAt(s, ms - 1) && !Chars.wordAt(s, me)) {
                found[0] = true;
            }
        });
        return found[0];
    }

    /** Words that may sit between a label and its value ("order no. 123", "ticket number 123"). */
    private static final java.util.Set<String> FILLERS = java.util.Set.of("no", "nr", "num", "number", "id", "code");

    /**
     * True when the word right before {@code start} (skipping spaces and {@code #:.=-} and one filler such
     * as "no." or "number") is one of {@code labels}.
     */
    static boolean labelledBefore(String text, int start, java.util.Set<String> labels) {
        int end = skipPunct(text, start);
        int ws = wordStart(text, end);
        String w = text.substring(ws, end).toLowerCase(java.util.Locale.ROOT);
        if (FILLERS.contains(w)) {
            end = skipPunct(text, ws);
            ws = wordStart(text, end);
            w = text.substring(ws, end).toLowerCase(java.util.Locale.ROOT);
        }
        return labels.contains(w);
    }

    /** The word that ends right before {@code start}, lower-cased, skipping spaces and {@code #:.=-}. */
    static String previousWord(String text, int start) {
        int end = skipPunct(text, start);
        return text.substring(wordStart(text, end), end).toLowerCase(java.util.Locale.ROOT);
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
