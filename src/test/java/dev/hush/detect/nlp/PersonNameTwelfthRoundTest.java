package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The twelfth round's cues (issue 9): initials written together, a common surname-only word opening a sentence,
 * a name addressed at a sentence end, contractions after an addressed name, and quoted display names before an
 * address. Invented names and sentences; each with a negative.
 */
class PersonNameTwelfthRoundTest {
    private static NameFinderModels models;
    private static DetectorCandidates found;

    @BeforeAll
    static void load() throws Exception {
        found = DetectorCandidates.shipped(0.45);
        models = found.models();
    }

    /** The model set (a few hundred MB with its compiled finder) is not kept for the rest of the one-fork suite. */
    @AfterAll
    static void release() {
        models = null;
        found = null;
    }

    @Test
    void initialsWrittenTogetherAreOneUnitOfTheName() {
        String text = "The mural is by a woman named R.T.V. Okonkwar and it hangs in the lobby.";
        PersonNameDetector.Candidate c = found.at(text, "R.T.V. Okonkwar");
        assertEquals(1, c.features()[NameEnsemble.STRONG], "\"named\" after \"woman\" reaches over the initials");
        assertEquals(1, c.features()[NameEnsemble.INITIAL]);
        assertTrue(c.confidence() >= 0.45, "found: " + c.confidence());
        found.at("Q.Z. Marrowby wrote the preface.", "Q.Z. Marrowby");
        // an abbreviation with a space after the last dot but no capitalised word, and one glued to a number
        assertFalse(found.spans("We shipped it to the U.S.A. last year.").stream().anyMatch(s -> s.contains("U.S.A")),
                found.spans("We shipped it to the U.S.A. last year.").toString());
        assertFalse(found.spans("See section A.B.C.4 for the rules.").stream().anyMatch(s -> s.startsWith("A.")));
    }

    @Test
    void aCommonSurnameOnlyWordOpeningASentenceIsTrimmed() {
        int both = models.lexicon().lookup("both");
        assertTrue(NameLexicon.isLast(both) && !NameLexicon.isFirst(both), "precondition: a surname only");
        List<String> spans = found.spans("The staff were kind. Both Ysoline and Tamsin are excellent.");
        assertTrue(spans.contains("Ysoline") && spans.contains("Tamsin") && !spans.contains("Both Ysoline"), spans.toString());
        // mid-sentence the same word stays part of the run, and a first name opening a sentence stays too
        assertTrue(found.spans("We asked Both Marrowby about it.").contains("Both Marrowby"),
                found.spans("We asked Both Marrowby about it.").toString());
        assertTrue(NameLexicon.isFirst(models.lexicon().lookup("grace")), "precondition: a listed first name");
        assertTrue(found.spans("The staff were kind. Grace Marrowby is excellent.").contains("Grace Marrowby"));
    }

    @Test
    void aNameAddressedAtASentenceEndIsAPersonCue() {
        assertEquals(1, found.feature("Nice work on the slides, Norberta! See you Monday.", "Norberta", NameEnsemble.PERSON_VERB));
        assertEquals(1, found.feature("where are you hiding, Norberta? The bus is here.", "Norberta", NameEnsemble.PERSON_VERB));
        // a list of places: the word before the comma is capitalised; no "!" or "?" after
        assertEquals(0, found.feature("Have you ever been to Quillan, Norberta?", "Norberta", NameEnsemble.PERSON_VERB));
        assertEquals(0, found.feature("Nice work on the slides, Norberta, truly.", "Norberta", NameEnsemble.PERSON_VERB));
        assertEquals(0, found.feature("Nice work on the slides, Norberta.", "Norberta", NameEnsemble.PERSON_VERB));
    }

    @Test
    void aContractionAfterAnAddressedNameIsAPersonCue() {
        assertEquals(1, found.feature("We booked the room. Norberta, you're on the list.", "Norberta", NameEnsemble.PERSON_VERB));
        assertEquals(1, found.feature("We booked the room. Norberta, you'll need a key.", "Norberta", NameEnsemble.PERSON_VERB));
        assertEquals(0, found.feature("We booked the room. Norberta, however, is not on the list.", "Norberta", NameEnsemble.PERSON_VERB));
    }

    @Test
    void aQuotedDisplayNameBeforeAnAddressIsASender() {
        assertTrue(NameLexicon.isFirst(models.lexicon().lookup("orla")), "precondition: a listed first name");
        String header = "\"Quennby, Orla\" <oquennby@example.org> 03/27/2021 09:14 AM";
        PersonNameDetector.Candidate surname = found.at(header, "Quennby");
        assertEquals(1, surname.features()[NameEnsemble.STRONG], "surname, comma, first name: a display name");
        assertEquals(1.5, surname.features()[NameEnsemble.EMAIL]);
        assertTrue(surname.confidence() >= 0.45, "found: " + surname.confidence());
        assertEquals(1.5, found.feature("From: \"Orla Quennby\" <oquennby@example.org>", "Orla Quennby", NameEnsemble.EMAIL));
        // the same words quoted without an address, or with no address inside the brackets
        PersonNameDetector.Candidate quoted = found.at("see \"Quennby, Orla\" in the list", "Quennby");
        assertEquals(0, quoted.features()[NameEnsemble.STRONG]);
        assertEquals(0, quoted.features()[NameEnsemble.EMAIL]);
        assertEquals(0, found.feature("\"Quennby, Orla\" <none given> 03/27/2021", "Quennby", NameEnsemble.STRONG));
        // a company as the display name: surname-first needs a listed first name after the comma
        assertEquals(0, found.feature("\"Zorvexa, Billing\" <billing@zorvexa.example>", "Zorvexa", NameEnsemble.STRONG));
    }
}
