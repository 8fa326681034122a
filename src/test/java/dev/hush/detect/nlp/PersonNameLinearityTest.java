package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The person-name detector is linear in its input (issue 8): on megabytes of one repeated trigger, the
 * work it reports (tokens visited, characters looked at around candidates, name-finder tokens) grows in
 * proportion to the input and stays within a fixed number of steps per character. Counted, not timed.
 */
class PersonNameLinearityTest {
    private static PersonNameDetector detector;

    @BeforeAll
    static void load() throws Exception {
        detector = new PersonNameDetector(NameFinderModels.load(null), 0.5, true, List.of("en", "de", "fr", "es"));
    }

    /** The model set (a few hundred MB with its compiled finder) is not kept for the rest of the one-fork suite. */
    @AfterAll
    static void release() {
        detector = null;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "John Smith ",                 // issue 8: quadratic before (each name scanned back to its line start)
        "Dear Mr. Okafor,\n",          // title and greeting cues
        "Best regards,\nMarta\n",       // sign-off: the line above is looked at
        "name: Ana Ruiz\n",            // field keys are scanned backwards
        "\"customer_name\":    \"Lio Brandt\", ",
        "J. ",                         // initials
        "ask priya ",                  // lower-case names go to the model
        "Ana Ruiz (ana@example.org) ", // e-mail lookahead
        "Ana Ruiz 5550100200 ",        // phone lookahead
        "@Ana ",                       // handles
        "Aa Bb Cc Dd Ee Ff Gg Hh Ii ", // long capitalised runs
        "                    Kai ",   // long gaps
        "\"Quennby, Orla\" <oq@example.org> ", // twelfth round: quoted display names scanned both ways
        "\"Quennby, Orla Ana Bea Cy Dee Eve Fay\" ", // a quote, no address: the scans stay bounded
        "R.T.V. Okonkwar ",             // initials written together
        "fine, Norberta! Both Ysoline and Tamsin ", // addressed at a sentence end, a surname-only opening word
    })
    void workGrowsInProportionToTheInput(String unit) {
        long one = work(unit, 1 << 20);
        long two = work(unit, 2 << 20);
        assertTrue(two <= 2.2 * one, () -> unit + ": 1 MiB " + one + " steps, 2 MiB " + two);
        assertTrue(one <= 30L * (1 << 20), () -> unit + ": " + one + " steps for 1 MiB");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void nameColumnOfAHugeTable(int mib) {
        StringBuilder b = new StringBuilder("id,name,city\n");
        for (int i = 0; b.length() < mib << 20; i++) {
            b.append(i).append(",Ana Ruiz,Oslo\n");
        }
        long steps = detector.candidates(b.toString(), c -> { });
        // a binary search per candidate over the cells: log2(cells) steps, never one per cell
        assertTrue(steps <= 60L * b.length(), () -> steps + " steps for " + b.length() + " chars");
    }

    private static long work(String unit, int chars) {
        String text = unit.repeat(chars / unit.length());
        long[] found = {0};
        long steps = detector.candidates(text, c -> found[0]++);
        assertTrue(steps >= text.length() / unit.length(), "work is counted");
        return steps;
    }
}
