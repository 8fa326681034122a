package dev.hush.detect.nlp;

import java.util.Set;

/**
 * Sentence-level cues around a candidate that only a person fits: addressed by name at the start of a
 * sentence ("Norberta, you were right"), named as someone's relative or role ("her daughter, Ysolde"), a
 * possessive before a relative ("Ysolde's mother"), an author-year citation ("Quennell, 2019", "Quennell et
 * al."). Each reads a few tokens next to the candidate: O(1) per candidate.
 */
final class SentenceCues {
    private SentenceCues() {
    }

    /** Words that follow "Name," when the name is addressed ("Norberta, you ...", "Norberta, thanks ..."). */
    private static final Set<String> ADDRESSED = Set.of("you", "i", "i'm", "i've", "i'll", "i'd", "we", "we're", "we'll",
            "you're", "you've", "you'll", "you'd", "please", "thanks", "thank", "hope", "can", "could", "would", "will", "do", "did", "are", "have", "just",
            "what", "how", "let", "sorry", "yes", "no", "ok", "okay", "attached", "here", "welcome", "congratulations",
            "congrats", "good", "great", "glad", "any", "when", "where", "why", "as", "if", "your", "du", "ich", "bitte",
            "tu", "je", "vous", "merci", "tú", "usted", "gracias");

    /** Relatives and roles that name the person after them ("his wife Jan", "child, Ysolde", "the teacher Adz"). */
    static final Set<String> RELATIONS = Set.of("wife", "husband", "son", "daughter", "mother", "father", "mom", "mum",
            "dad", "sister", "brother", "child", "baby", "boy", "girl", "grandson", "granddaughter", "grandmother",
            "grandfather", "nephew", "niece", "cousin", "aunt", "uncle", "fiancé", "fiancée", "fiance", "fiancee",
            "boyfriend", "girlfriend", "partner", "friend", "colleague", "coworker", "teacher", "student", "nurse",
            "doctor", "neighbour", "neighbor", "sibling", "parents", "widow", "widower", "stepson", "stepdaughter",
            "stepmother", "stepfather", "bride", "groom", "roommate", "classmate", "teammate", "boss", "assistant",
            "secretary", "lawyer", "attorney", "author", "artist", "singer", "actor", "actress", "player", "manager");

    /** "Name," opening a sentence or line, then a word said to the one addressed. */
    static boolean addressed(Tokens t, int a, int b, boolean sentenceStart) {
        if (!sentenceStart || b - a != 1 || b + 1 >= t.size() || !t.isPunct(b, ',') || t.kind(b + 1) != Tokens.WORD
                || t.length(b + 1) > 15) {
            return false;
        }
        return ADDRESSED.contains(t.lower(b + 1)) && !t.newlineBefore(b + 1); // the set first: the line check scans the gap
    }

    /** A relative or role right before the candidate, a comma allowed between ("child, Ysolde", "wife Jan"). */
    static boolean relationBefore(Tokens t, int a) {
        int k = a - 1;
        if (k >= 0 && t.isPunct(k, ',')) {
            k--;
        }
        return k >= 0 && t.kind(k) == Tokens.WORD && t.length(k) <= 13 && RELATIONS.contains(t.lower(k))
                && !t.newlineBefore(k + 1) && (k + 1 == a || !t.newlineBefore(a));
    }

    /** The last word is a possessive and a relative or role follows ("Ysolde's mother", "Quennell's lawyer"). */
    static boolean possessiveRelation(Tokens t, int b) {
        int last = b - 1;
        int len = t.length(last);
        if (len < 4 || t.charAt(last, len - 1) != 's' || t.charAt(last, len - 2) != '\'' && t.charAt(last, len - 2) != '\u2019') {
            return false;
        }
        return b < t.size() && t.kind(b) == Tokens.WORD && t.length(b) <= 13 && RELATIONS.contains(t.lower(b)) && !t.newlineBefore(b);
    }

    /**
     * A lone name addressed at the end of a sentence: after a comma that follows a lower-case word, and before
     * "!" or "?" ("Nice shooting, Ysolde!", "where are you, Norberta?"). The lower-case word before the comma keeps
     * lists of places out ("to Lyon, France?").
     */
    static boolean addressedAtEnd(Tokens t, int a, int b) {
        if (b - a != 1 || a < 2 || b >= t.size() || !(t.isPunct(b, '!') || t.isPunct(b, '?')) || !t.isPunct(a - 1, ',')
                || t.kind(a - 2) != Tokens.WORD || !Character.isLowerCase(t.charAt(a - 2, 0))) {
            return false;
        }
        return !t.newlineBefore(a - 1) && !t.newlineBefore(a) && !t.newlineBefore(b); // the shape first: the line checks scan the gaps
    }

    /** An author-year citation after the candidate: "X, 2019", "X (2019)", "X et al.". */
    static boolean citation(Tokens t, int b) {
        if (b + 1 >= t.size()) {
            return false;
        }
        boolean cited = t.kind(b) == Tokens.WORD ? t.length(b) == 2 && t.lower(b).equals("et") && t.lower(b + 1).equals("al")
                : (t.isPunct(b, ',') || t.isPunct(b, '(')) && year(t, b + 1);
        return cited && !t.newlineBefore(b) && !t.newlineBefore(b + 1); // the shape first: the line checks scan the gaps
    }

    private static boolean year(Tokens t, int k) {
        if (t.kind(k) != Tokens.NUMBER || t.length(k) != 4) {
            return false;
        }
        char c0 = t.charAt(k, 0);
        char c1 = t.charAt(k, 1);
        return c0 == '1' && (c1 == '8' || c1 == '9') || c0 == '2' && c1 == '0';
    }
}
