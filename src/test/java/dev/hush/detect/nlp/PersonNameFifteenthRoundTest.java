package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fifteenth round (issue 9): a lower-case surname that no list knows joins the listed first name before it ("tomek
 * brasselin", "Ilvena quarrowby" in chat), and "Drs." is a title. Names are invented (random letters, absent
 * from every corpus) and entered into a copy of the shipped lexicon with the ranks each case needs; each case has a
 * negative.
 */
class PersonNameFifteenthRoundTest {
    private static final double THRESHOLD = 0.45;
    /** Invented: a listed first name, no common word in any list. */
    private static final String FIRST = "jopihija";
    /** Invented: another listed first name, no common word. */
    private static final String CHAT_FIRST = "serelinu";
    /** Invented: a listed first name that is also a common word (rank 1500 in English and elsewhere). */
    private static final String COMMON_FIRST = "recosi";
    /** Invented: a common word of the frequency lists, no name. */
    private static final String WORD = "nurigaj";
    /** Invented, not entered: surnames no list knows. */
    private static final String SURNAME = "tefomoho";
    private static final String OTHER_SURNAME = "lunofumo";
    /** Invented, not entered: a surname after "Drs.". */
    private static final String TITLED = "Jipege";
    private static DetectorCandidates found;

    @BeforeAll
    static void load() throws Exception {
        found = DetectorCandidates.withEntries(NameFinderModels.load(null), THRESHOLD, Map.of(
                FIRST, NameLexicon.pack(NameLexicon.FIRST, 0, 0),
                CHAT_FIRST, NameLexicon.pack(NameLexicon.FIRST, 0, 0),
                COMMON_FIRST, NameLexicon.pack(NameLexicon.FIRST, 1500, 1500),
                WORD, NameLexicon.pack(0, 2000, 2000)),
                List.of(FIRST, CHAT_FIRST, COMMON_FIRST, WORD, SURNAME, OTHER_SURNAME, TITLED.toLowerCase(java.util.Locale.ROOT),
                        SURNAME + "ed", SURNAME + "s"));
    }

    /** The model set (a few hundred MB with its compiled finder) is not kept for the rest of the test JVM. */
    @AfterAll
    static void release() {
        found = null;
    }

    private static String cap(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    @Test
    void aLowerCaseUnlistedWordAfterACapitalisedFirstNameIsItsSurname() {
        String name = cap(FIRST) + " " + SURNAME;
        String text = "i'm getting a " + name + " feel from this one";
        assertTrue(found.spans(text).contains(name), found.spans(text).toString());
        String end = "is that " + cap(FIRST) + " " + OTHER_SURNAME + "?";
        assertTrue(found.spans(end).contains(cap(FIRST) + " " + OTHER_SURNAME), found.spans(end).toString());
    }

    @Test
    void aLowerCaseUnlistedWordAfterALowerCaseChatNameIsItsSurname() {
        String text = "joke's on you, i love " + CHAT_FIRST + " " + SURNAME;
        assertTrue(found.spans(text).contains(CHAT_FIRST + " " + SURNAME), found.spans(text).toString());
    }

    @Test
    void notASurnameWhenTheListsKnowTheWordOrItLooksInflectedOrTheFirstNameIsCommon() {
        // a common word of the lists stays out of the name
        String word = "i'm getting a " + cap(FIRST) + " " + WORD + " feel";
        assertTrue(found.spans(word).contains(cap(FIRST)), found.spans(word).toString());
        assertFalse(found.spans(word).contains(cap(FIRST) + " " + WORD), found.spans(word).toString());
        // inflected verbs the frequency lists cut off: "Ilvena devastated", "tomek laughs"
        for (String verb : List.of(SURNAME + "ed", SURNAME + "s")) {
            String text = "last month " + cap(FIRST) + " " + verb + " the whole coast";
            assertFalse(found.spans(text).contains(cap(FIRST) + " " + verb), found.spans(text).toString());
        }
        // letters only: a digit or an accent is no surname of this kind
        for (String odd : List.of(SURNAME + "7", "tefomohó")) {
            String text = "i'm getting a " + cap(FIRST) + " " + odd + " feel";
            assertFalse(found.spans(text).contains(cap(FIRST) + " " + odd), found.spans(text).toString());
        }
        // a first name that is also an everyday word does not open a surname ("Will fixit")
        String common = "i'm getting a " + cap(COMMON_FIRST) + " " + SURNAME + " feel";
        assertFalse(found.spans(common).contains(cap(COMMON_FIRST) + " " + SURNAME), found.spans(common).toString());
        // nor does a capitalised word that is no listed first name
        String unlisted = "i'm getting a " + cap(OTHER_SURNAME) + " " + SURNAME + " feel";
        assertFalse(found.spans(unlisted).contains(cap(OTHER_SURNAME) + " " + SURNAME), found.spans(unlisted).toString());
    }

    @Test
    void drsIsATitle() {
        PersonNameDetector.Candidate drs = found.at("Drs. " + TITLED + " work wonders with children.", TITLED);
        assertEquals(1, drs.features()[NameEnsemble.STRONG], "a title before the surname");
        assertTrue(drs.confidence() >= THRESHOLD, "found: " + drs.confidence());
        PersonNameDetector.Candidate mid = found.at("We met Drs. " + TITLED + " and Pike today.", TITLED);
        assertEquals(1, mid.features()[NameEnsemble.STRONG], "a title before the surname");
        // a lower-case "drs." ends no title (a sentence end before a capital is no abbreviation)
        PersonNameDetector.Candidate lower = found.at("I paid the drs. " + TITLED + " work wonders.", TITLED);
        assertEquals(0, lower.features()[NameEnsemble.STRONG]);
        // without the title the same unlisted word opening a sentence is no strong candidate
        PersonNameDetector.Candidate bare = found.at(TITLED + " work wonders with children.", TITLED);
        assertEquals(0, bare.features()[NameEnsemble.STRONG]);
    }
}
