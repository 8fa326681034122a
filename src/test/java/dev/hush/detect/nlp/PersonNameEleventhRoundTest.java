package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The eleventh round's cues (issue 9): a name addressed at a sentence start, a relative or role before it, a
 * possessive before one, an author-year citation, a preposition of place or a founding participle, and the
 * particle "della". Invented names and sentences; each with a negative (a place, a company or an unlisted word).
 */
class PersonNameEleventhRoundTest {
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
    void aListedFirstNameAddressedAtASentenceStartIsAPersonCue() {
        assertTrue(NameLexicon.isFirst(models.lexicon().lookup("norberta")), "precondition: a listed first name");
        String addressed = "The figures came in late. Norberta, you were right about the budget.";
        String plain = "The figures came in late. Norberta had been right about the budget.";
        assertEquals(1, found.feature(addressed, "Norberta", NameEnsemble.PERSON_VERB));
        assertEquals(0, found.feature(plain, "Norberta", NameEnsemble.PERSON_VERB));
        assertTrue(models.ensemble().weight(NameEnsemble.PERSON_VERB) > 0, "the cue counts for a person");
        // a place before a comma is no address, nor is an unlisted word
        assertEquals(0, found.feature("The figures came in late. Lisbourne, Portugal was the venue.", "Lisbourne", NameEnsemble.PERSON_VERB));
        assertEquals(0, found.feature("The figures came in late. Zorvexa, you said, ships on Monday.", "Zorvexa", NameEnsemble.PERSON_VERB));
    }

    @Test
    void aRelativeOrRoleBeforeAndAPossessiveBeforeOneArePersonCues() {
        assertEquals(1, found.feature("They mourned the death of their daughter, Ysoline, last winter.", "Ysoline", NameEnsemble.PERSON_VERB));
        assertEquals(1, found.feature("The award went to his wife Ysoline in the end.", "Ysoline", NameEnsemble.PERSON_VERB));
        assertEquals(1, found.feature("Later that week Ysoline's mother drove up from the coast.", "Ysoline", NameEnsemble.PERSON_VERB));
        // a town before the name, a harbour after the possessive
        assertEquals(0, found.feature("They visited the town, Quillan, last winter.", "Quillan", NameEnsemble.PERSON_VERB));
        assertEquals(0, found.feature("Later that week Quillan's harbour froze over.", "Quillan", NameEnsemble.PERSON_VERB));
    }

    @Test
    void anAuthorYearCitationIsMarked() {
        String text = "as argued before (Thorbeckel, 2019; Vandermeulen et al., 2021), the effect is small.";
        assertEquals(1, found.feature(text, "Thorbeckel", NameEnsemble.CITATION));
        assertEquals(1, found.feature(text, "Vandermeulen", NameEnsemble.CITATION));
        assertEquals(1, found.feature("The first report by Thorbeckel (2019) was brief.", "Thorbeckel", NameEnsemble.CITATION));
        // a country after the comma, or a number that is no year
        assertEquals(0, found.feature("We drove on to Quillan, France the next day.", "Quillan", NameEnsemble.CITATION));
        assertEquals(0, found.feature("We drove on to Quillan, 12 km further.", "Quillan", NameEnsemble.CITATION));
    }

    @Test
    void aPrepositionOfPlaceOrAFoundingParticipleMarksAPlace() {
        assertEquals(1, found.feature("The bus runs through Quillan twice a day.", "Quillan", NameEnsemble.PLACE_BEFORE));
        assertEquals(1, found.feature("When was Quillan founded? Nobody at the desk knew.", "Quillan", NameEnsemble.PLACE_BEFORE));
        assertEquals(1, found.feature("The firm Zorvexa is headquartered outside the city.", "Zorvexa", NameEnsemble.PLACE_BEFORE));
        assertTrue(models.ensemble().weight(NameEnsemble.PLACE_BEFORE) < 0, "fitted against a person");
        // a person after "from" or "with", and one who is merely tired
        assertEquals(0, found.feature("The bus brought a letter from Norberta twice a week.", "Norberta", NameEnsemble.PLACE_BEFORE));
        assertEquals(0, found.feature("When was Norberta tired? Nobody at the desk knew.", "Norberta", NameEnsemble.PLACE_BEFORE));
        // a strong cue wins: "Dr." before the name
        assertEquals(0, found.feature("The clinic sent the file to Dr. Thorbeckel in Quillan.", "Thorbeckel", NameEnsemble.PLACE_BEFORE));
    }

    @Test
    void dellaJoinsTheName() {
        String text = "The gallery showed portraits by Lucrezia della Sforzani last spring.";
        found.at(text, "Lucrezia della Sforzani");
    }
}
