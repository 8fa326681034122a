package dev.hush.detect;

/** The Luhn (mod 10) check digit test used by payment cards and some account numbers. */
public final class Luhn {
    private Luhn() {
    }

    /** Over the first {@code len} chars of {@code digits}, all of them '0'..'9'. */
    public static boolean valid(char[] digits, int len) {
        int sum = 0;
        boolean dbl = false;
        for (int i = len - 1; i >= 0; i--) {
            sum += digit(digits[i] - '0', dbl);
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Over the digits of a value, skipping separators; needs at least {@code minDigits} digits. */
    public static boolean valid(CharSequence value, int minDigits) {
        int sum = 0;
        int digits = 0;
        boolean dbl = false;
        for (int i = value.length() - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            sum += digit(c - '0', dbl);
            dbl = !dbl;
            digits++;
        }
        return digits >= minDigits && sum % 10 == 0;
    }

    private static int digit(int d, boolean dbl) {
        if (!dbl) {
            return d;
        }
        d *= 2;
        return d > 9 ? d - 9 : d;
    }
}
