package dev.hush.detect.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /**
     * A detector over {@code m} whose lexicon is a copy of m's with {@code added} entered (packed as
     * {@link NameLexicon#pack}), with the round tests' languages, skipping public figures. Every word of
     * {@code invented} (the added ones and any the test relies on being unknown) must be absent from the shipped
     * lexicon and unseen by the finder: the precondition that keeps the tests independent of any corpus.
     */
    static DetectorCandidates withEntries(NameFinderModels m, double threshold, Map<String, Integer> added,
            List<String> invented) {
        for (String w : invented) {
            if (m.lexicon().lookup(w) != 0 || m.finderKnows(w)) {
                throw new AssertionError("precondition: an invented word, not in the shipped lexicon nor seen by the finder: " + w);
            }
        }
        Map<String, Integer> entries = m.lexicon().entries();
        entries.putAll(added);
        NameFinderModels custom = new NameFinderModels(m.model(), new NameLexicon(entries), m.publicFigures(), m.notPersons(),
                m.ensemble());
        return new DetectorCandidates(new PersonNameDetector(custom, threshold, true, List.of("en", "de", "fr", "es")), custom);
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
