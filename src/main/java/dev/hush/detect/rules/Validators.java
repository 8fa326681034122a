package dev.hush.detect.rules;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Named structural checks a rule can require of its secret (see docs/rule-format.md). */
public final class Validators {
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Map<String, Predicate<String>> BY_NAME = Map.ofEntries(
            Map.entry("luhn", Validators::luhn),
            Map.entry("jwt", Validators::jwt),
            Map.entry("pem", Validators::pem),
            Map.entry("not-hex-hash", v -> !isHexDigest(v)),
            Map.entry("not-uuid", v -> !UUID.matcher(v).matches()),
            Map.entry("mixed", Validators::mixed),
            Map.entry("base64-64", v -> base64Length(v) == 64),
            Map.entry("base64-32", v -> base64Length(v) == 32),
            Map.entry("not-env-reference", v -> !Placeholders.isEnvReference(v)),
            Map.entry("key-sized-hex", Validators::keySizedHex),
            Map.entry("random-printable", Validators::randomPrintable));

    /** Bits/char a printable value needs when it does not mix all four character classes. */
    static final double PRINTABLE_PLAIN_BITS = 4.3;
    /** Longest run of letters a random printable value holds by chance (a 62-of-90 alphabet rarely gives 13). */
    private static final int MAX_LETTER_RUN = 12;

    /**
     * A random printable string (JWT signing secrets, Django SECRET_KEY, generated passwords): 4.3 bits/char, or
     * all four classes (lower, upper, digit, symbol) mixed with no run of more than 12 letters. A short value cannot reach 4.3 bits however random it
     * is (16 chars cap at 4.0), so the mix of classes stands in for it; words joined by separators
     * ({@code my-app-session-v2}) have neither.
     */
    public static boolean randomPrintable(String v) {
        if (Entropy.shannon(v) >= PRINTABLE_PLAIN_BITS) {
            return true;
        }
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean symbol = false;
        int letters = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
            digit |= c >= '0' && c <= '9';
            symbol |= c > ' ' && c < 127 && !Character.isLetterOrDigit(c);
            letters = Character.isLetter(c) ? letters + 1 : 0;
            if (letters > MAX_LETTER_RUN) {
                return false; // CamelCase words (AgencyIdentificationCode), not random draws
            }
        }
        return lower && upper && digit && symbol;
    }

    private Validators() {
    }

    /** The validator of that name, or null when unknown. */
    public static Predicate<String> named(String name) {
        return BY_NAME.get(name);
    }

    public static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }

    public static boolean luhn(String v) {
        return dev.hush.detect.Luhn.valid(v, 12);
    }

    public static boolean isHexDigest(String v) {
        int n = v.length();
        return (n == 32 || n == 40 || n == 56 || n == 64 || n == 96 || n == 128) && HEX.matcher(v).matches();
    }

    /**
     * Not pure hex, or pure hex of a whole key size (16, 20, 24, 32, 40, 48, 64, 96 or 128 chars: 64 to 512 bits).
     * Hex of any other length under a secret name is an id, a truncated digest or a padded value, not a key.
     */
    public static boolean keySizedHex(String v) {
        if (!HEX.matcher(v).matches()) {
            return true;
        }
        int n = v.length();
        return n == 16 || n == 20 || n == 24 || n == 32 || n == 40 || n == 48 || n == 64 || n == 96 || n == 128;
    }

    public static boolean mixed(String v) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit;
    }

    /** A JWT: three base64url parts, header and payload JSON objects, header naming an {@code alg}. */
    public static boolean jwt(String v) {
        String[] parts = v.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return false;
        }
        String header = decodeUrl(parts[0]);
        String payload = decodeUrl(parts[1]);
        return header != null && payload != null && header.trim().startsWith("{") && header.contains("\"alg\"")
                && payload.trim().startsWith("{");
    }

    /** A PEM block: BEGIN line, a base64 body of at least 64 chars, and END (or the text was cut short). */
    public static boolean pem(String v) {
        int begin = v.indexOf("-----BEGIN");
        if (begin < 0) {
            return false;
        }
        int bodyStart = v.indexOf("-----", begin + 10);
        if (bodyStart < 0) {
            return false;
        }
        bodyStart += 5;
        int end = v.indexOf("-----END", bodyStart);
        String body = end < 0 ? v.substring(bodyStart) : v.substring(bodyStart, end);
        int b64 = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=') {
                b64++;
            }
        }
        return b64 >= 64 && !Placeholders.dominatedByOneChar(withoutWhitespace(body));
    }

    /** {@code v.replaceAll("\\s", "")} without a regex: {@code \s} is {@code [ \t\n\x0B\f\r]}. */
    static String withoutWhitespace(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r') {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String decodeUrl(String part) {
        try {
            return new String(Base64.getUrlDecoder().decode(part.replace('+', '-').replace('/', '_').replace("=", "")),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Decoded length of a standard base64 value, or -1 when it is not base64. */
    static int base64Length(String v) {
        try {
            return Base64.getDecoder().decode(v).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
