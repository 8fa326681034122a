package dev.hush.detect.terms;

import dev.hush.detect.AhoCorasick;
import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.List;

/**
 * A set of phrases searched case-insensitively in one Aho–Corasick pass over the normalised text (the
 * automaton folds case itself, so no lower-cased copy is made), keeping whole-word hits only. Phrases are normalised like scanned text (NFKC, lower case, runs of
 * whitespace to one space), so a term configured in fullwidth letters or with doubled spaces still matches.
 */
final class PhraseIndex {
    /** Receives each whole-word hit: the phrase's id and its span in the normalised text. */
    interface Hit {
        void on(int phraseId, int start, int end);
    }

    private final AhoCorasick automaton;
    private final int[] patternToPhrase;

    PhraseIndex(List<String> phrases) {
        AhoCorasick.Builder b = AhoCorasick.caseInsensitiveBuilder();
        List<Integer> map = new ArrayList<>();
        for (int id = 0; id < phrases.size(); id++) {
            String norm = normalise(phrases.get(id));
            if (norm.isEmpty()) {
                throw new IllegalArgumentException("empty phrase at index " + id);
            }
            b.add(norm);
            map.add(id);
        }
        this.automaton = b.build();
        this.patternToPhrase = map.stream().mapToInt(Integer::intValue).toArray();
    }

    static String normalise(String phrase) {
        String lower = ScanText.of(phrase.strip()).lower();
        return lower.replaceAll("\\s+", " ");
    }

    boolean isEmpty() {
        return patternToPhrase.length == 0;
    }

    void search(ScanText text, Hit hit) {
        String s = text.normalized();
        automaton.search(text, (id, start, end) -> {
            if (wholeWord(s, start, end)) {
                hit.on(patternToPhrase[id], start, end);
            }
        });
    }

    /** A phrase edge that is a word char must not continue a word in the text. */
    static boolean wholeWord(String s, int start, int end) {
        if (isWordChar(s.charAt(start)) && start > 0 && isWordChar(s.charAt(start - 1))) {
            return false;
        }
        return !(isWordChar(s.charAt(end - 1)) && end < s.length() && isWordChar(s.charAt(end)));
    }

    static boolean isWordChar(char c) {
        if (c < 0x80) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }
        return Character.isLetterOrDigit(c);
    }
}
