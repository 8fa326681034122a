package dev.hush.detect.nlp;

import java.util.ArrayList;
import java.util.List;

/** The scored candidates one detector finds in a text, looked up by their span: shared by the round tests. */
final class DetectorCandidates {
    private final PersonNameDetector det;

    DetectorCandidates(PersonNameDetector det) {
        this.det = det;
    }

    List<PersonNameDetector.Candidate> of(String text) {
        List<PersonNameDetector.Candidate> out = new ArrayList<>();
        det.candidates(text, out::add);
        return out;
    }

    /** The candidate whose text is exactly {@code span}; fails when there is none. */
    PersonNameDetector.Candidate at(String text, String span) {
        for (PersonNameDetector.Candidate c : of(text)) {
            if (text.substring(c.start(), c.end()).equals(span)) {
                return c;
            }
        }
        throw new AssertionError("no candidate [" + span + "] in: " + text + " " + spans(text));
    }

    List<String> spans(String text) {
        return of(text).stream().map(c -> text.substring(c.start(), c.end())).toList();
    }
}
