package dev.hush.detect.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.ScanContext;
import dev.hush.detect.ScanText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PhraseIndex#search} against its definition, on long texts (several 16 Ki-char stretches). */
class PhraseIndexTest {
    private static final int CHUNK = 16384;
    private static final String[] WORDS = {"internal", "only", "do", "not", "distribute", "confidential", "secret",
        "the", "a", "plan", "x", "restricted", "use"};

    @Test
    void searchFindsEveryWholeWordHitOnceInOrderOfEnd() {
        Random r = new Random(11);
        for (int round = 0; round < 30; round++) {
            List<String> phrases = new ArrayList<>();
            int count = 2 + r.nextInt(6);
            for (int p = 0; p < count; p++) {
                StringBuilder ph = new StringBuilder();
                int words = 1 + r.nextInt(3);
                for (int w = 0; w < words; w++) {
                    ph.append(w > 0 ? " " : "").append(WORDS[r.nextInt(WORDS.length)]);
                }
                if (!phrases.contains(ph.toString())) {
                    phrases.add(ph.toString());
                }
            }
            if (round % 3 == 0) {
                phrases.add("x".repeat(300 + r.nextInt(200))); // a long pattern: the walk-back is longer
            }
            PhraseIndex index = new PhraseIndex(phrases);
            StringBuilder text = new StringBuilder();
            int length = CHUNK * (1 + r.nextInt(4)) + r.nextInt(CHUNK);
            while (text.length() < length) {
                int cut = text.length() % CHUNK;
                if (cut > CHUNK - 40 && r.nextBoolean()) {
                    // phrases at every 16 Ki-char edge (where a chunked search would cut)
                    text.append(' ').append(phrases.get(r.nextInt(phrases.size())).toUpperCase(Locale.ROOT)).append(' ');
                } else if (r.nextInt(40) == 0) {
                    text.append("x".repeat(r.nextInt(900)));
                } else {
                    String w = r.nextInt(4) == 0 ? phrases.get(r.nextInt(phrases.size())) : WORDS[r.nextInt(WORDS.length)];
                    text.append(r.nextBoolean() ? w : w.toUpperCase(Locale.ROOT)).append(r.nextInt(9) == 0 ? "_" : " ");
                }
            }
            String s = text.toString();
            ScanContext ctx = ScanContext.unbounded();
            List<int[]> got = new ArrayList<>();
            index.search(ScanText.of(s, ctx), (id, start, end) -> got.add(new int[] {id, start, end}));
            for (int k = 1; k < got.size(); k++) {
                assertTrue(got.get(k - 1)[2] <= got.get(k)[2], "in order of end, round " + round);
            }
            List<int[]> expected = naive(phrases, s);
            Comparator<int[]> order = Comparator.<int[]>comparingInt(h -> h[2]).thenComparingInt(h -> h[1])
                    .thenComparingInt(h -> h[0]);
            got.sort(order);
            expected.sort(order);
            assertEquals(expected.size(), got.size(), "round " + round);
            for (int k = 0; k < got.size(); k++) {
                assertEquals(List.of(expected.get(k)[0], expected.get(k)[1], expected.get(k)[2]),
                        List.of(got.get(k)[0], got.get(k)[1], got.get(k)[2]), "round " + round + " hit " + k);
            }
            assertTrue(expected.size() > 20, "a test with hits");
            assertTrue(ctx.work() >= s.length(), "the whole text is charged");
        }
    }

    /** Every case-insensitive occurrence of every phrase (ASCII text), whole words only. */
    private static List<int[]> naive(List<String> phrases, String s) {
        List<int[]> out = new ArrayList<>();
        for (int id = 0; id < phrases.size(); id++) {
            String p = PhraseIndex.normalise(phrases.get(id));
            for (int i = 0; i + p.length() <= s.length(); i++) {
                if (s.regionMatches(true, i, p, 0, p.length()) && PhraseIndex.wholeWord(s, i, i + p.length())) {
                    out.add(new int[] {id, i, i + p.length()});
                }
            }
        }
        return out;
    }
}
