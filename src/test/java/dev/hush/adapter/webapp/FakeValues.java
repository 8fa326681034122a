package dev.hush.adapter.webapp;

import java.security.SecureRandom;

/** Fresh made-up values of the shapes the detectors know, new for every run (never from a labelled set). */
final class FakeValues {
    private static final SecureRandom RND = new SecureRandom();
    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    private FakeValues() {
    }

    /** An AWS access key id: AKIA and 16 of A-Z2-7. */
    static String awsKey() {
        return "AKIA" + pick(UPPER_DIGITS, 16);
    }

    /** An e-mail address at a made-up company domain. */
    static String email() {
        return pick(LOWER, 5) + "." + pick(LOWER, 7) + "@" + pick(LOWER, 6) + "-corp.com";
    }

    static String pick(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(RND.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
