package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The thirteenth round's words after a name that make it no person (issue 9): landforms and waters ("the X
 * Trench", "the X Sea") and a benchmark crude. Invented sentences; each with the same first name as a person.
 */
class PersonNameThirteenthRoundTest {
    private static DetectorCandidates found;

    @BeforeAll
    static void load() throws Exception {
        found = DetectorCandidates.shipped(0.45);
    }

    /** The model set (a few hundred MB with its compiled finder) is not kept for the rest of the one-fork suite. */
    @AfterAll
    static void release() {
        found = null;
    }

    @Test
    void aLandformOrWaterAfterAFirstNameIsAPlace() {
        for (String first : List.of("margot", "brent")) {
            assertTrue(NameLexicon.isFirst(found.models().lexicon().lookup(first)), "precondition: a listed first name: " + first);
        }
        String sea = "Sonar mapped the Margot Trench last spring, then the Margot Sea.";
        String crude = "Bitcoin and Brent crude both fell on Tuesday.";
        for (String[] place : new String[][] {{sea, "Margot Trench"}, {sea, "Margot"}, {crude, "Brent"}}) {
            PersonNameDetector.Candidate c = found.at(place[0], place[1]);
            assertEquals(1, c.features()[NameEnsemble.SUFFIX], place[1]);
            assertTrue(c.confidence() < 0.45, place[1] + " kept: " + c.confidence());
        }
        // the same first names as people, with a surname after them
        for (String[] person : new String[][] {{"Margot Lindqvar said the survey is done.", "Margot Lindqvar"},
                {"I met Brent Marrowby at the trench survey office.", "Brent Marrowby"}}) {
            PersonNameDetector.Candidate c = found.at(person[0], person[1]);
            assertEquals(0, c.features()[NameEnsemble.SUFFIX], person[1]);
            assertTrue(c.confidence() >= 0.45, person[1] + " dropped: " + c.confidence());
        }
    }
}
