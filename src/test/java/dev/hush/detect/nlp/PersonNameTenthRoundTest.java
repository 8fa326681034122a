package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tenth round's inputs (issue 9): a listed name the finder never saw, an everyday word the finder's own
 * weight leans to a name, Arabic particles, and the echo of a full name's listed everyday words. Invented
 * names and sentences; each with a negative.
 */
class PersonNameTenthRoundTest {
    private static NameFinderModels models;
    private static DetectorCandidates found;

    @BeforeAll
    static void load() throws Exception {
        found = DetectorCandidates.shipped(0.55);
        models = found.models();
    }

    /** The model set (a few hundred MB with its compiled finder) is not kept for the rest of the one-fork suite. */
    @AfterAll
    static void release() {
        models = null;
        found = null;
    }

    @Test
    void aListedNameTheFinderNeverSawIsMarked() {
        int e = models.lexicon().lookup("wilhelmina");
        assertTrue(NameLexicon.isFirst(e) && !models.finderKnows("wilhelmina"), "precondition: listed, unseen by the finder");
        String text = "The nurse wrote that Wilhelmina slept through the night and ate well.";
        assertEquals(1, found.at(text, "Wilhelmina").features()[NameEnsemble.UNSEEN_LISTED]);
        // a word the finder saw often is no prior-only evidence, nor is an unlisted company name
        assertTrue(models.finderKnows("john"));
        assertEquals(0, found.at("The nurse wrote that John slept through the night.", "John").features()[NameEnsemble.UNSEEN_LISTED]);
        String company = "The nurse wrote that Zorvexa shipped the new beds on time.";
        assertEquals(0, found.at(company, "Zorvexa").features()[NameEnsemble.UNSEEN_LISTED]);
    }

    @Test
    void anEverydayWordTheFinderHadAsANameIsKeptMidSentence() {
        assertTrue(models.finderNameLean("wise") > 0.3 && models.finderNameLean("english") <= 0.3, "precondition: the finder's leans");
        String text = "The committee heard that Wise approved the budget on Tuesday.";
        assertEquals(1, found.at(text, "Wise").features()[NameEnsemble.EVERYDAY_KEPT]);
        // not at a sentence start, and not a word the finder does not lean to a name
        assertFalse(found.spans("Wise choices matter when the budget is small.").contains("Wise"));
        assertFalse(found.spans("The committee heard that English approved the budget.").contains("English"));
    }

    @Test
    void arabicParticlesJoinTheName() {
        String text = "Reporters heard Yusuf al-Qarawandi say that the talks had failed.";
        assertTrue(found.spans(text).contains("Yusuf al-Qarawandi"), () -> found.spans(text).toString());
        String lone = "The statement of al-Qarawandi was read aloud on Friday.";
        assertTrue(found.spans(lone).contains("al-Qarawandi"), () -> found.spans(lone).toString());
        String bin = "The letter came from bin Tharwasi last spring, unsigned.";
        assertTrue(found.spans(bin).contains("bin Tharwasi"), () -> found.spans(bin).toString());
        // German "bin" before a given name is the verb: the span stays the name alone
        String german = "Hallo, ich bin Klara und komme aus Graz.";
        assertFalse(found.spans(german).stream().anyMatch(s -> s.startsWith("bin")), () -> found.spans(german).toString());
        // a lower-case word with a hyphen is no name ("al-dente" is no article and name)
        assertFalse(found.spans("Cook the pasta al-dente and serve.").contains("al-dente"));
    }

    @Test
    void aConfidentFullNameEchoesItsListedEverydayWords() {
        int e = models.lexicon().lookup("rose");
        assertTrue(NameLexicon.isFirst(e) && NameLexicon.rank(e) > 0 && NameLexicon.rank(e) <= 3000, "precondition: a listed common word");
        String text = "Dear team, Rose Okonkwo-Lindqvist will join us on Monday as our new analyst.\n"
                + "Please show her around; later this week Rose will meet the auditors.";
        List<PersonNameDetector.Candidate> cs = found.of(text);
        PersonNameDetector.Candidate full = found.at(text, "Rose Okonkwo-Lindqvist");
        assertTrue(full.confidence() >= 0.6, () -> "full name " + full.confidence());
        PersonNameDetector.Candidate lone = cs.stream().filter(c -> c.start() > full.end() && text.startsWith("Rose", c.start()))
                .findFirst().orElseThrow();
        assertEquals(1, lone.features()[NameEnsemble.ECHO]);
        // a place word elsewhere in the text is not echoed by the name
        String place = "Rose Okonkwo-Lindqvist moved here last year. The ferry from Harwich runs daily.";
        assertEquals(0, found.at(place, "Harwich").features()[NameEnsemble.ECHO]);
    }
}
