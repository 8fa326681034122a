package dev.hush.detect.nlp;

import java.util.ArrayList;
import java.util.List;

/** The scored candidates one detector finds in a text, looked up by their span: shared by the round tests. */
final class DetectorCandidates {
    private final PersonNameDetector det;
    private final NameFinderModels models;

    DetectorCandidates(PersonNameDetector det, NameFinderModels models) {
        this.det = det;
        this.models = models;
    }

    /** The shipped model set with the round tests' languages, skipping public figures, at {@code threshold}. */
    static DetectorCandidates shipped(double threshold) throws java.io.IOException {
        NameFinderModels m = NameFinderModels.load(null);
        return new DetectorCandidates(new PersonNameDetector(m, threshold, true, List.of("en", "de", "fr", "es")), m);
    }

    NameFinderModels models() {
        return models;
    }

    /** Ensemble input {@code f} of the candidate whose text is exactly {@code span}. */
    double feature(String text, String span, int f) {
        return at(text, span).features()[f];
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
