package dev.hush.detect;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.pii.EmailDetector;
import dev.hush.detect.pii.IbanDetector;
import dev.hush.detect.pii.IpAddressDetector;
import dev.hush.detect.pii.PaymentCardDetector;
import dev.hush.detect.pii.PhoneDetector;
import dev.hush.detect.pii.UsSsnDetector;
import dev.hush.detect.terms.MarkerDetector;
import dev.hush.detect.terms.TermDetector;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every PII, marker and dictionary detector (and the normalised view) does work linear in its input on
 * hostile repetitions of its trigger characters. Work is counted, not timed: the characters each
 * detector charges to its {@link ScanContext} (every loop charges what it reads, libphonenumber calls
 * are charged per character handed over). Each case runs at n and 2n characters: the work may grow at
 * most 2.2-fold, and stay under a fixed number of units per input character.
 */
class LinearWorkTest {
    /** Units of work per input character no detector may exceed. */
    private static final long MAX_PER_CHAR = 600;
    private static final int N = 200_000;

    static List<Detector> detectors() {
        return List.of(new EmailDetector(), new PhoneDetector("US"), new PhoneDetector("DE"), new PaymentCardDetector(),
                new IbanDetector(), new UsSsnDetector(), new IpAddressDetector(), new MarkerDetector(null),
                new TermDetector(Map.of("PROJECTS", List.of("blue falcon", "falcon", "falcon 9", "a"))));
    }

    /** Repetitions of trigger characters: '@', digits, separators, '+', dots, colons, cue words, markers. */
    static final List<String> UNITS = List.of("a@", "1 ", "1", ".", "+", "1.", "+1 ", "1-", "(1", ":", "a:", "1:",
            "::1 1.1.1.1 ", "1.1.1.1/", "a-1.1.1.1 ", "DE89", "DE12 3456 ", "123-45-", "123 45 6789 ", "ssn 1",
            "phone 4155550132 ", "x@y.", "a.b@c.de ", "a..b@", "4111 1111 1111 1111 ", "4111-", "confidential ",
            "CONFIDENTIAL ", "[confidential] ", "Confidential\n", "falcon ", "blue falcon ", "%41", "\\u0041",
            "\u0430", "a\u0430", "\u200B", "\uFF21", "+44 20 7946 0958 ", "+49 (30) 1234-5678, ", "  ", "--");

    static Stream<Arguments> cases() {
        return detectors().stream().flatMap(d -> UNITS.stream().map(u -> Arguments.of(d, u)));
    }

    private static String repeat(String unit, int chars) {
        return unit.repeat(Math.max(1, chars / unit.length()));
    }

    private static long work(Detector d, String text) {
        ScanContext ctx = ScanContext.unbounded();
        ScanText st = ScanText.of(text, ctx);
        long before = ctx.work();
        d.detect(st, (s, e, type, rule, c) -> { });
        return ctx.work() - before;
    }

    @ParameterizedTest(name = "{0} on \"{1}\"")
    @MethodSource("cases")
    void workIsLinear(Detector d, String unit) {
        String small = repeat(unit, N);
        String big = repeat(unit, 2 * N);
        long w1 = work(d, small);
        long w2 = work(d, big);
        assertTrue(w2 <= 2.2 * w1 + 1_000, d.id() + " on '" + unit + "': work " + w1 + " at n, " + w2 + " at 2n");
        assertTrue(w2 <= MAX_PER_CHAR * big.length(), d.id() + " on '" + unit + "': " + w2 + " units for " + big.length() + " chars");
    }

    /** The issue's own cases at their full size: "a@" x 1.5 M for email, "1 " x 2.5 M for phone. */
    @Test
    void issueWorstCasesStayLinear() {
        String emails = "a@".repeat(1_500_000);
        long we = work(new EmailDetector(), emails);
        assertTrue(we <= MAX_PER_CHAR * emails.length(), "email: " + we);
        String ones = "1 ".repeat(2_500_000);
        long wp = work(new PhoneDetector("US"), ones);
        assertTrue(wp <= 200L * ones.length(), "phone: " + wp);
        long ws = work(new UsSsnDetector(), ones);
        assertTrue(ws <= 200L * ones.length(), "ssn: " + ws);
    }

    @ParameterizedTest(name = "view of \"{0}\"")
    @MethodSource("views")
    void normalisedViewIsLinear(String unit) {
        ScanContext a = ScanContext.unbounded();
        ScanText.of(repeat(unit, N), a);
        ScanContext b = ScanContext.unbounded();
        ScanText.of(repeat(unit, 2 * N), b);
        assertTrue(b.work() <= 2.2 * a.work() + 1_000 && b.work() <= 8L * 2 * N, unit + ": " + a.work() + " / " + b.work());
    }

    static Stream<String> views() {
        return Stream.of("a", "\u0430", "a\u0430", "%41", "%E2%80%8B", "\\u200B", "\u200B", "\uFF21", "\u2028", "e\u0301");
    }

    /** The budget is enforced inside a detector: cancelled mid-scan, each stops within one check interval. */
    @ParameterizedTest(name = "{0} stops mid-text")
    @MethodSource("detectors")
    void cancelledScanStopsInsideTheDetector(Detector d) {
        String text = ("a@b.example.com call +1 415 555 0132 DE89 ssn 123 45 6789 CONFIDENTIAL 10.0.0.1 falcon ")
                .repeat(20_000);
        ScanContext ctx = ScanContext.unbounded();
        ScanText st = ScanText.of(text, ctx);
        long before = ctx.work();
        ctx.cancel();
        int[] findings = {0};
        assertThrows(ScanStoppedException.class, () -> d.detect(st, (s, e, type, rule, c) -> findings[0]++));
        long spent = ctx.work() - before;
        assertTrue(spent <= 2 * ScanContext.CHECK_EVERY + 100_000 && spent < text.length(),
                d.id() + " ran " + spent + " units after cancellation");
    }

    /** The scanner's extra views (joined, decoded runs, parts) stay linear too: the whole scan is counted. */
    @ParameterizedTest(name = "scanner views on \"{0}\"")
    @ValueSource(strings = {"a ", "a   ", "QUJD", "SGVsbG8gd29ybGQg", "0123456789abcdef\n", "4142434445464748",
        "ab1\u00A0", "ab12cd34ef56gh78\n", "a@b.c@", "1 2 3 4 "})
    void scannerViewsAreLinear(String unit) {
        // no dictionary of one-letter terms here: 100,000 findings would measure overlap resolution instead
        Scanner scanner = new Scanner(detectors().stream().filter(d -> !d.id().equals("terms")).toList(), "t");
        long w1 = scanWork(scanner, repeat(unit, N / 2));
        long w2 = scanWork(scanner, repeat(unit, N));
        assertTrue(w2 <= 2.3 * w1 + 1_000 && w2 <= 2 * MAX_PER_CHAR * N, unit + ": " + w1 + " / " + w2);
        List<String> parts = new java.util.ArrayList<>();
        for (int k = 0; k < 2_000; k++) {
            parts.add(repeat(unit, 50));
        }
        ScanContext ctx = ScanContext.unbounded();
        scanner.scanJoined(parts, ctx);
        assertTrue(ctx.work() <= 4L * MAX_PER_CHAR * 2_000 * 50, "parts: " + ctx.work());
    }

    private static long scanWork(Scanner scanner, String text) {
        ScanContext ctx = ScanContext.unbounded();
        scanner.scan(text, ctx);
        return ctx.work();
    }
}
