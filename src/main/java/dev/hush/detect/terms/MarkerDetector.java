package dev.hush.detect.terms;

import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Classification markers ("CONFIDENTIAL - INTERNAL USE ONLY", "Microsoft Confidential", "Do not
 * distribute"), case-insensitive, whole words, from {@code detection.markers} (null keeps the defaults).
 *
 * <p>Multi-word markers are distinctive and match anywhere. A single-word marker ("Confidential",
 * "Restricted") is an ordinary adjective in prose ("keep this confidential"), so it counts only where a
 * label sits: written in capitals, alone (or nearly) on its line, in brackets, or after a cue such as
 * "Classification:" or "marked as". Adjacent markers joined by a dash, bar, slash or colon on one line are
 * reported as one span, the way a banner reads.
 */
public final class MarkerDetector implements Detector {
    public static final String TYPE = "CONFIDENTIAL.MARKER";

    /** Defaults chosen to stay quiet in everyday prose; see docs/pii.md. */
    public static final List<String> DEFAULTS = List.of(
            "confidential", "restricted", "proprietary", "classified", "embargoed", "noforn",
            "strictly confidential", "highly confidential", "company confidential", "business confidential",
            "commercial in confidence", "in strict confidence",
            "internal use only", "for internal use only", "internal only", "internal distribution only",
            "do not distribute", "do not forward", "not for distribution", "not for external distribution",
            "not for public distribution", "not for public release", "not for publication",
            "for official use only", "microsoft confidential", "proprietary and confidential",
            "confidential and proprietary", "proprietary & confidential", "privileged and confidential",
            "privileged & confidential", "attorney-client privileged", "attorney-client privilege",
            "attorney client privileged", "legally privileged", "top secret", "for your eyes only", "under nda",
            "confidentiality notice", "tlp:red", "tlp:amber", "tlp:amber+strict");

    private static final Set<String> CUES = Set.of("classification", "classified", "sensitivity", "label",
            "labelled", "labeled", "marking", "marked", "tlp");
    private static final Set<String> AS_CUES = Set.of("marked", "classified", "labelled", "labeled", "flagged",
            "treat", "treated");
    private static final String JOINERS = " \t-\u2013\u2014|/:,\u00b7\u2022*";

    private final PhraseIndex index;
    private final boolean[] singleWord;

    public MarkerDetector(List<String> markers) {
        List<String> list = markers == null ? DEFAULTS : markers;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null || list.get(i).isBlank()) {
                throw new IllegalArgumentException("detection.markers[" + i + "]: empty marker");
            }
        }
        this.index = new PhraseIndex(list);
        this.singleWord = new boolean[list.size()];
        for (int i = 0; i < list.size(); i++) {
            String norm = PhraseIndex.normalise(list.get(i));
            boolean letters = true;
            for (int k = 0; k < norm.length(); k++) {
                letters &= Character.isLetter(norm.charAt(k));
            }
            singleWord[i] = letters;
        }
    }

    @Override
    public String id() {
        return "markers";
    }

    @Override
    public void detect(ScanText text, FindingSink sink) {
        if (index.isEmpty()) {
            return;
        }
        String s = text.normalized();
        List<int[]> hits = new ArrayList<>(2);
        index.search(text, (id, start, end) -> {
            text.charge(160);
            if (!singleWord[id] || isLabel(text, s, start, end)) {
                hits.add(new int[] {start, end});
            }
        });
        if (hits.isEmpty()) {
            return;
        }
        hits.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        int curStart = hits.get(0)[0];
        int curEnd = hits.get(0)[1];
        for (int k = 1; k < hits.size(); k++) {
            int[] h = hits.get(k);
            if (h[0] <= curEnd || joined(s, curEnd, h[0])) {
                curEnd = Math.max(curEnd, h[1]);
            } else {
                sink.add(curStart, curEnd, TYPE, id(), 0.9);
                curStart = h[0];
                curEnd = h[1];
            }
        }
        sink.add(curStart, curEnd, TYPE, id(), 0.9);
    }

    /** Only joiner characters (no newline) and at most five of them between two markers. */
    private static boolean joined(String s, int from, int to) {
        if (to - from > 5) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (JOINERS.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Where a single word reads as a label rather than an adjective. */
    private static boolean isLabel(ScanText text, String s, int start, int end) {
        char before = start > 0 ? s.charAt(start - 1) : ' ';
        if (before == '.' || before == '$' || before == '@' || before == '#') {
            return false; // Visibility.RESTRICTED, $CONFIDENTIAL: code
        }
        int after = end;
        while (after < s.length() && (s.charAt(after) == ' ' || s.charAt(after) == '\t') && after - end < 16) {
            after++;
        }
        char next = after < s.length() ? s.charAt(after) : '\n';
        if (next == '=' || next == '(' || (next == '.' && after + 1 < s.length()
                && Character.isLetter(s.charAt(after + 1)))) {
            return false; // CONFIDENTIAL = 3, restricted(...), classified.count
        }
        if (allUpper(s, start, end)) {
            return true;
        }
        if (bracketed(s, start, end) || shortLine(s, start, end)) {
            return true;
        }
        String prev = previousWord(s, start);
        if (CUES.contains(prev)) {
            return true;
        }
        if (prev.equals("as")) {
            int asStart = lastWordStart(s, start);
            return AS_CUES.contains(previousWord(s, asStart));
        }
        return false;
    }

    private static boolean allUpper(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c) && !Character.isUpperCase(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean bracketed(String s, int start, int end) {
        int b = start - 1;
        while (b >= 0 && s.charAt(b) == ' ' && start - b < 16) {
            b--;
        }
        int a = end;
        while (a < s.length() && s.charAt(a) == ' ' && a - end < 16) {
            a++;
        }
        if (b < 0 || a >= s.length()) {
            return false;
        }
        char o = s.charAt(b);
        char c = s.charAt(a);
        return (o == '[' && c == ']') || (o == '(' && c == ')') || (o == '<' && c == '>') || (o == '*' && c == '*')
                || (o == '_' && c == '_');
    }

    /** The marker stands (nearly) alone on its line: a banner such as "Acme Confidential" or "** Confidential **". */
    private static boolean shortLine(String s, int start, int end) {
        // look no further than a short line can reach, so a long line of markers stays linear
        int ls = start;
        while (ls > 0 && s.charAt(ls - 1) != '\n' && end - ls <= 60) {
            ls--;
        }
        int le = end;
        while (le < s.length() && s.charAt(le) != '\n' && le - ls <= 60) {
            le++;
        }
        if (le - ls > 60) {
            return false;
        }
        int words = 0;
        boolean inWord = false;
        for (int i = ls; i < le; i++) {
            char c = s.charAt(i);
            boolean w = Character.isLetterOrDigit(c);
            if (w && !inWord) {
                words++;
            }
            inWord = w;
            if (c == '?') {
                return false;
            }
        }
        return words <= 4;
    }

    /** The word before {@code start}, lower-cased (at most 24 chars, so the cost per hit is bounded). */
    private static String previousWord(String s, int start) {
        int end = start;
        while (end > 0 && " \t:=-\"'".indexOf(s.charAt(end - 1)) >= 0 && start - end < 4) {
            end--;
        }
        int ws = end;
        while (ws > 0 && PhraseIndex.isWordChar(s.charAt(ws - 1)) && end - ws < 24) {
            ws--;
        }
        return s.substring(ws, end).toLowerCase(java.util.Locale.ROOT);
    }

    private static int lastWordStart(String lower, int start) {
        int end = start;
        while (end > 0 && " \t:=-\"'".indexOf(lower.charAt(end - 1)) >= 0 && start - end < 4) {
            end--;
        }
        int ws = end;
        while (ws > 0 && PhraseIndex.isWordChar(lower.charAt(ws - 1)) && end - ws < 24) {
            ws--;
        }
        return ws;
    }
}
