package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fourteenth round (issue 9): lower-case names in chat. The gazetteer keeps each word's English rank beside its
 * best rank of four languages; a lower-case listed first name that is no everyday English word is believed with a
 * person cue next to it ("ask …", "… said"), and one common only outside English becomes a candidate with such a cue.
 * Names are invented (random letters, absent from every corpus) and entered into a copy of the shipped lexicon with
 * the ranks each case needs, or are listed names of the shipped lexicon that no corpus has; each case has a negative.
 */
class PersonNameFourteenthRoundTest {
    private static final double THRESHOLD = 0.45;
    /** Invented: common (rank 1500) in another language's list only, no English rank. */
    private static final String ELSEWHERE = "tazadil";
    /** Invented: as common in English as elsewhere (rank 1500 in both): an everyday English word that is also listed. */
    private static final String ENGLISH_WORD = "zenarol";
    /** Invented: very common elsewhere (rank 800), no English rank. */
    private static final String VERY_COMMON_ELSEWHERE = "sumitan";
    /** Invented: very common (rank 800) in English and elsewhere. */
    private static final String VERY_COMMON_IN_ENGLISH = "gogefol";
    private static DetectorCandidates found;
    private static DetectorCandidates shipped;

    @BeforeAll
    static void load() throws Exception {
        shipped = DetectorCandidates.shipped(THRESHOLD);
        found = DetectorCandidates.withEntries(shipped.models(), THRESHOLD, Map.of(
                ELSEWHERE, NameLexicon.pack(NameLexicon.FIRST, 1500, 0),
                ENGLISH_WORD, NameLexicon.pack(NameLexicon.FIRST, 1500, 1500),
                VERY_COMMON_ELSEWHERE, NameLexicon.pack(NameLexicon.FIRST, 800, 0),
                VERY_COMMON_IN_ENGLISH, NameLexicon.pack(NameLexicon.FIRST, 800, 800)),
                List.of(ELSEWHERE, ENGLISH_WORD, VERY_COMMON_ELSEWHERE, VERY_COMMON_IN_ENGLISH));
    }

    /** Two model sets (a few hundred MB with their compiled finders) are not kept for the rest of the test JVM. */
    @AfterAll
    static void release() {
        found = null;
        shipped = null;
    }

    @Test
    void theLexiconFileCarriesTheEnglishRankAndReadsOlderFilesAsBefore() throws Exception {
        NameLexicon four = NameLexicon.read(gz("vuninor\tF\t1200\t0\nbobelon\tFL\t40\t40\ngikinan\t-\t7\t9\n"));
        int e = four.lookup("vuninor");
        assertTrue(NameLexicon.isFirst(e) && !NameLexicon.isLast(e));
        assertEquals(1200, NameLexicon.rank(e));
        assertEquals(0, NameLexicon.englishRank(e));
        assertEquals(40, NameLexicon.englishRank(four.lookup("bobelon")));
        assertEquals(9, NameLexicon.englishRank(four.lookup("gikinan")));
        assertEquals(7, NameLexicon.rank(four.lookup("gikinan")));
        // a gazetteer of three columns (built before this round): the English rank is the best rank
        NameLexicon three = NameLexicon.read(gz("vuninor\tF\t1200\n"));
        assertEquals(1200, NameLexicon.rank(three.lookup("vuninor")));
        assertEquals(1200, NameLexicon.englishRank(three.lookup("vuninor")));
        // the shipped file has the column: some listed first names are common in another language's list only
        long elsewhereOnly = shipped.models().lexicon().entries().values().stream()
                .filter(v -> NameLexicon.isFirst(v) && NameLexicon.rank(v) > 0 && NameLexicon.englishRank(v) != NameLexicon.rank(v))
                .count();
        assertTrue(elsewhereOnly > 1000, "first names ranked apart in English: " + elsewhereOnly);
    }

    @Test
    void aLowerCaseListedNameWithAnObjectVerbBeforeIsAStrongCue() {
        assertTrue(NameLexicon.isFirst(shipped.models().lexicon().lookup("aldwin")), "precondition: a listed first name");
        assertEquals(0, NameLexicon.rank(shipped.models().lexicon().lookup("aldwin")), "precondition: no common word");
        String text = "can you ask aldwin about the invoice before friday";
        PersonNameDetector.Candidate c = shipped.at(text, "aldwin");
        assertEquals(1, c.features()[NameEnsemble.STRONG], "\"ask\" before a lower-case listed name");
        assertTrue(c.confidence() >= THRESHOLD, "found: " + c.confidence());
        PersonNameDetector.Candidate said = shipped.at("aldwin said the build is green again", "aldwin");
        assertEquals(1, said.features()[NameEnsemble.STRONG], "a person verb after");
        assertTrue(said.confidence() >= THRESHOLD, "found: " + said.confidence());
        // without a cue the same word is judged by the ensemble as before (weak), not believed outright
        PersonNameDetector.Candidate bare = shipped.at("the folder aldwin holds the old logs", "aldwin");
        assertEquals(0, bare.features()[NameEnsemble.STRONG]);
    }

    @Test
    void aWordCommonOnlyOutsideEnglishIsACandidateOnlyWithACue() {
        PersonNameDetector.Candidate c = found.at("please tell " + ELSEWHERE + " the meeting moved to three", ELSEWHERE);
        assertEquals(1, c.features()[NameEnsemble.STRONG]);
        assertTrue(c.confidence() >= THRESHOLD, "found: " + c.confidence());
        assertTrue(found.at(ELSEWHERE + " said the deploy went out", ELSEWHERE).confidence() >= THRESHOLD);
        // no cue: a word that common (in some language) is no candidate, as before
        assertFalse(found.spans("the " + ELSEWHERE + " folder holds the old logs").contains(ELSEWHERE),
                found.spans("the " + ELSEWHERE + " folder holds the old logs").toString());
        // an everyday English word (rank 1500 in English too) is no candidate even with the cue
        assertFalse(found.spans("please tell " + ENGLISH_WORD + " the meeting moved").contains(ENGLISH_WORD),
                found.spans("please tell " + ENGLISH_WORD + " the meeting moved").toString());
        assertFalse(found.spans(ENGLISH_WORD + " said the deploy went out").contains(ENGLISH_WORD));
    }

    @Test
    void aGreetingBeforeANameCommonOnlyOutsideEnglishIsAStrongCue() {
        // rank 800 elsewhere was too common for the greeting gate (rank > 1000); its English rank is 0
        PersonNameDetector.Candidate c = found.at("hi " + VERY_COMMON_ELSEWHERE + ", the build is green", VERY_COMMON_ELSEWHERE);
        assertEquals(1, c.features()[NameEnsemble.STRONG]);
        assertTrue(c.confidence() >= THRESHOLD, "found: " + c.confidence());
        // as common in English: still too common for the gate
        assertFalse(found.spans("hi " + VERY_COMMON_IN_ENGLISH + ", the build is green").contains(VERY_COMMON_IN_ENGLISH),
                found.spans("hi " + VERY_COMMON_IN_ENGLISH + ", the build is green").toString());
    }

    @Test
    void everydayWordsTheFinderLeansToOtherAreNoChatNames() {
        // a listed first name beyond English rank 3000 that the finder's training text had as an ordinary word
        NameFinderModels m = shipped.models();
        String word = null;
        for (String w : List.of("jail", "lies", "sister", "thy")) {
            int e = m.lexicon().lookup(w);
            if (NameLexicon.isFirst(e) && NameLexicon.englishRank(e) > 3000 && m.finderKnows(w) && m.finderNameLean(w) <= 0) {
                word = w;
                break;
            }
        }
        assertTrue(word != null, "precondition: some everyday word is a listed first name the finder leans to other");
        String text = "they said it would tell " + word + " apart";
        for (PersonNameDetector.Candidate c : shipped.of(text)) {
            if (text.substring(c.start(), c.end()).equals(word)) {
                assertEquals(0, c.features()[NameEnsemble.STRONG], word);
                assertTrue(c.confidence() < THRESHOLD, word + " " + c.confidence());
            }
        }
    }

    private static ByteArrayInputStream gz(String lines) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            z.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(b.toByteArray());
    }
}
