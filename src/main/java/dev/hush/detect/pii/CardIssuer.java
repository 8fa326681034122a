package dev.hush.detect.pii;

/**
 * Payment-card issuer identification number (IIN) ranges and the lengths each network issues, from the
 * networks' published ranges (ISO/IEC 7812 prefixes). A number must fall in one of these and pass Luhn.
 */
enum CardIssuer {
    // prefix ranges are inclusive and compared on the first {@code digits} digits
    VISA(new int[][] {{1, 4, 4}}, 13, 16, 19),
    MASTERCARD(new int[][] {{2, 51, 55}, {4, 2221, 2720}}, 16),
    AMEX(new int[][] {{2, 34, 34}, {2, 37, 37}}, 15),
    DISCOVER(new int[][] {{4, 6011, 6011}, {3, 644, 649}, {2, 65, 65}, {6, 622126, 622925}}, 16, 17, 18, 19),
    DINERS(new int[][] {{3, 300, 305}, {4, 3095, 3095}, {2, 36, 36}, {2, 38, 39}}, 14, 15, 16, 17, 18, 19),
    JCB(new int[][] {{4, 3528, 3589}}, 16, 17, 18, 19),
    UNIONPAY(new int[][] {{2, 62, 62}, {2, 81, 81}}, 16, 17, 18, 19),
    MAESTRO(new int[][] {{4, 5018, 5018}, {4, 5020, 5020}, {4, 5038, 5038}, {4, 5893, 5893}, {4, 6304, 6304},
        {4, 6759, 6759}, {4, 6761, 6763}}, 13, 14, 15, 16, 17, 18, 19),
    DANKORT(new int[][] {{4, 5019, 5019}}, 16),
    MIR(new int[][] {{4, 2200, 2204}}, 16, 17, 18, 19),
    UATP(new int[][] {{1, 1, 1}}, 15);

    private final int[][] ranges;
    private final int[] lengths;

    CardIssuer(int[][] ranges, int... lengths) {
        this.ranges = ranges;
        this.lengths = lengths;
    }

    /** The issuer of a digit string of the given length, or null. */
    static CardIssuer of(char[] digits, int len) {
        for (CardIssuer issuer : values()) {
            if (issuer.matches(digits, len)) {
                return issuer;
            }
        }
        return null;
    }

    private boolean matches(char[] digits, int len) {
        boolean lengthOk = false;
        for (int l : lengths) {
            lengthOk |= l == len;
        }
        if (!lengthOk) {
            return false;
        }
        for (int[] r : ranges) {
            int prefix = 0;
            for (int i = 0; i < r[0]; i++) {
                prefix = prefix * 10 + (digits[i] - '0');
            }
            if (prefix >= r[1] && prefix <= r[2]) {
                return true;
            }
        }
        return false;
    }

    static boolean luhn(char[] digits, int len) {
        return dev.hush.detect.Luhn.valid(digits, len);
    }
}
