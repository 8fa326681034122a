package dev.hush.detect.evasion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Scanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evasion suite (issue 8, "Disguises") at scanner level, default configuration: every credential and
 * PII kind in every disguise is caught (a finding of its own type over the disguised value; split across
 * two parts, one in each part), except the documented known limits; the harmless look-alikes in the same
 * disguises raise no finding at all. Values are generated afresh from each seed. docs/evasion.md holds the
 * table ({@link EvasionReport}).
 */
class EvasionSuiteTest {
    /** What is not caught today, as "kind|disguise" (listed in docs/evasion.md). */
    static final Set<String> KNOWN_LIMITS = Set.of(
            "PEM private key|Greek look-alikes",
            "PEM private key|wrapped over lines",
            "IBAN|wrapped over lines");

    private static Scanner scanner;

    @BeforeAll
    static void build() throws Exception {
        scanner = ScannerFactory.build(new HushConfig());
    }

    /** The scanner (with its models, a few hundred MB) is not kept for the rest of the one-fork suite. */
    @AfterAll
    static void release() {
        scanner = null;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {EvasionReport.SEED, EvasionReport.SEED + 1, EvasionReport.SEED + 2})
    void disguisedValuesAreCaughtAndLookAlikesPass(long seed) {
        EvasionCases cases = new EvasionCases(seed);
        List<EvasionCases.Kind> creds = cases.credentials();
        List<EvasionCases.Kind> pii = cases.pii();
        assertTrue(creds.size() >= 12, "at least 12 credential kinds");
        assertTrue(pii.size() >= 6, "every structured PII kind");
        List<EvasionCases.Outcome> sensitive = new ArrayList<>(EvasionCases.run(scanner, creds));
        sensitive.addAll(EvasionCases.run(scanner, pii));
        List<String> missed = new ArrayList<>();
        for (EvasionCases.Outcome o : sensitive) {
            if (!o.hit() && !KNOWN_LIMITS.contains(o.kind() + "|" + o.disguise())) {
                missed.add(o.kind() + " / " + o.disguise());
            }
        }
        List<String> flagged = new ArrayList<>();
        for (EvasionCases.Outcome o : EvasionCases.run(scanner, cases.harmless())) {
            if (o.hit()) {
                flagged.add(o.kind() + " / " + o.disguise());
            }
        }
        assertTrue(missed.isEmpty(), "seed " + seed + ": not caught: " + missed);
        assertTrue(flagged.isEmpty(), "seed " + seed + ": harmless look-alikes flagged: " + flagged);
        System.out.printf("evasion seed %d: %d sensitive cases, %d known limits missed, harmless all passed%n", seed,
                sensitive.size(), sensitive.stream().filter(o -> !o.hit()).count());
    }
}
