package dev.hush.detect.rules;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Named structural checks a rule can require of its secret (see docs/rule-format.md). */
public final class Validators {
    /** The reference for {@link #allHex} (tests compare the two). */
    static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Every match of {@link #UUID} is this long (one char per position): other lengths need no matcher. */
    private static final int UUID_LENGTH = 36;

    private static final Map<String, Predicate<String>> BY_NAME = Map.ofEntries(
            Map.entry("luhn", Validators::luhn),
            Map.entry("jwt", Validators::jwt),
            Map.entry("pem", Validators::pem),
            Map.entry("not-hex-hash", v -> !isHexDigest(v)),
            Map.entry("not-uuid", v -> v.length() != UUID_LENGTH || !UUID.matcher(v).matches()),
            Map.entry("mixed", Validators::mixed),
            Map.entry("base64-64", v -> base64Length(v) == 64),
            Map.entry("base64-32", v -> base64Length(v) == 32),
            Map.entry("not-env-reference", v -> !Placeholders.isEnvReference(v)),
            Map.entry("key-sized-hex", Validators::keySizedHex),
            Map.entry("random-printable", Validators::randomPrintable),
            Map.entry("not-code-identifier", v -> !codeIdentifier(v)),
            Map.entry("not-other-format", v -> !opensWithIssuerPrefix(v)));

    /**
     * Fixed prefixes of formats that have a rule of their own (case-sensitive). A value that opens with one is
     * that format's to judge: a malformed {@code ghp_} or {@code dp.pt.} token (wrong length or alphabet) is not
     * that issuer's secret, and the generic rules must not report it as some other secret either (issue 9).
     */
    private static final String[] ISSUER_PREFIXES = {
        "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "gldt-", "glrt-", "glft-", "glimt-", "glptt-",
        "glsoat-", "glcbt-", "gloas-", "glsa_", "glc_", "xoxa-", "xoxb-", "xoxp-", "xoxo-", "xoxs-", "xoxr-", "xapp-",
        "sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_", "pk_test_", "whsec_", "AKIA", "ASIA", "AIza",
        "hvs.", "hvb.", "hvr.", "npm_", "pypi-", "dop_v1_", "doo_v1_", "dor_v1_", "shpat_", "shpss_", "shpca_",
        "shppa_", "SG.", "sk-ant-", "sk-proj-", "sk-svcacct-", "sk-admin-", "sk-or-v1-", "hf_", "dckr_pat_",
        "dckr_oat_", "tvly-", "odt_", "aio_", "AGE-SECRET-KEY-", "dp.pt.", "dp.st.", "dp.ct.", "dp.sa.", "dp.scim.",
        "dp.audit.", "sbp_", "sb_secret_", "lin_api_", "PMAK-", "pul-", "figd_", "xkeysib-", "xsmtpsib-", "sntrys_",
        "sntryu_", "pscale_tkn_", "pscale_pw_", "pscale_oauth_", "CFPAT-", "shippo_live_", "shippo_test_", "EZAK",
        "FLWSECK-", "ATATT", "rubygems_", "lsv2_pt_", "lsv2_sk_", "dt0c01.", "pcsk_", "ntn_", "xai-", "gsk_",
        "pplx-", "fo1_", "nfp_", "tskey-", "sgp_", "squ_", "sqp_", "sqa_", "bkua_", "mlsn.", "NRAK-",
        "duffel_live_", "duffel_test_", "dapi"};

    static boolean opensWithIssuerPrefix(String v) {
        for (String p : ISSUER_PREFIXES) {
            if (v.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

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

    /** The reference for {@link #identifierPath} (tests compare the two). */
    static final Pattern IDENTIFIER_PATH = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(?:\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    /** Longest all-capitals piece read as an acronym (HTTP, NSURL, GSS) rather than a random draw. */
    private static final int MAX_ACRONYM = 6;
    /** Longest piece read as a word; random lower-case runs of this length are rare, words longer still rarer. */
    private static final int MAX_WORD = 20;

    /**
     * A code identifier or dotted path made of word-like pieces ({@code masterKD.deriveKey},
     * {@code AuthenticationString}, {@code x509Possession.popPrivateKey}, {@code GSS_initSecContext}): split at
     * dots, underscores, digits and case changes, every piece is an acronym of at most 6 capitals, a letter before
     * digits ({@code x509}) or a word of 2 to 20 letters with a vowel and no run of 5 consonants, and one piece has
     * 4 letters or more. A random key of the
     * same alphabet ({@code tGzv3JOkF0XG5Qx2}) almost always has a piece that is no word (a lone {@code t}, {@code Gzv}).
     */
    public static boolean codeIdentifier(String v) {
        if (!identifierPath(v) || digitRuns(v) >= MAX_DIGIT_RUNS) {
            return false;
        }
        boolean longWord = false;
        int i = 0;
        int n = v.length();
        while (i < n) {
            char c = v.charAt(i);
            if (!Character.isLetter(c)) {
                i++;
                continue;
            }
            int start = i;
            if (Character.isUpperCase(c)) {
                int caps = i;
                while (caps < n && Character.isUpperCase(v.charAt(caps))) {
                    caps++;
                }
                if (caps - i > 1) {
                    // HTTPServer: HTTP is an acronym, Server the next word; HTTP alone at the end is the acronym
                    int end = caps < n && Character.isLowerCase(v.charAt(caps)) ? caps - 1 : caps;
                    if (end - i > MAX_ACRONYM) {
                        return false;
                    }
                    i = end;
                    continue;
                }
                i++;
            }
            while (i < n && Character.isLowerCase(v.charAt(i))) {
                i++;
            }
            boolean version = i - start == 1 && i < n && Character.isDigit(v.charAt(i)); // x509, v2
            if (!version && !wordLike(v, start, i)) {
                return false;
            }
            longWord |= i - start >= 4;
        }
        return longWord;
    }

    /**
     * Names carry digits in one or two places ({@code x509Possession}, {@code utf8ToBase64}); a random draw of
     * letters and digits has a digit run every few chars ({@code d059149950d64a1a…}, 3% of random lower-case hex
     * keys read as word pieces split by digits otherwise), so three runs or more is no identifier.
     */
    private static final int MAX_DIGIT_RUNS = 3;

    private static int digitRuns(String v) {
        int runs = 0;
        boolean inRun = false;
        for (int i = 0; i < v.length(); i++) {
            boolean d = v.charAt(i) >= '0' && v.charAt(i) <= '9';
            if (d && !inRun) {
                runs++;
            }
            inRun = d;
        }
        return runs;
    }

    /** Abbreviations without a vowel that code uses as words (Krb5Util, HTTPPasswordMgr, srcCtx). */
    private static final java.util.Set<String> VOWELLESS = java.util.Set.of(
            "krb", "ctx", "msg", "cfg", "str", "pwd", "mgr", "src", "dst", "tmp", "cb", "fn", "pk", "sk", "kdf", "dsa",
            "ssl", "tls", "jwt", "pkcs", "crt", "req", "std", "lst", "cnt", "ptr", "kv", "db", "dn", "ts", "rpc", "grpc",
            "http", "xml", "sql", "ws", "cls", "cmd", "ctl", "dh", "md", "nm", "sh", "tx", "rx", "pw", "vm");

    private static boolean wordLike(String v, int from, int to) {
        int len = to - from;
        if (VOWELLESS.contains(v.substring(from, to).toLowerCase(java.util.Locale.ROOT))) {
            return true;
        }
        if (len < 2 || len > MAX_WORD) {
            return false;
        }
        boolean vowel = false;
        int consonants = 0;
        for (int i = from; i < to; i++) {
            char c = Character.toLowerCase(v.charAt(i));
            if ("aeiouy".indexOf(c) >= 0) {
                vowel = true;
                consonants = 0;
            } else if (++consonants >= 5) {
                return false;
            }
        }
        return vowel;
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
        return (n == 32 || n == 40 || n == 56 || n == 64 || n == 96 || n == 128) && allHex(v);
    }

    /**
     * Not pure hex, or pure hex of a whole key size (16, 20, 24, 32, 40, 48, 64, 96 or 128 chars: 64 to 512 bits).
     * Hex of any other length under a secret name is an id, a truncated digest or a padded value, not a key.
     */
    public static boolean keySizedHex(String v) {
        if (!allHex(v)) {
            return true;
        }
        int n = v.length();
        return n == 16 || n == 20 || n == 24 || n == 32 || n == 40 || n == 48 || n == 64 || n == 96 || n == 128;
    }

    /** {@code HEX.matcher(v).matches()} without a matcher: one or more of {@code [0-9a-fA-F]}. */
    static boolean allHex(String v) {
        int n = v.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (dev.hush.detect.ScanText.hex(v.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code IDENTIFIER_PATH.matcher(v).matches()} without a matcher: pieces separated by single dots, each a
     * char of {@code [A-Za-z_$]} then any of {@code [A-Za-z0-9_$]} (all ASCII: any other char fails).
     */
    static boolean identifierPath(String v) {
        int n = v.length();
        boolean pieceStart = true;
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
            if (pieceStart) {
                if (!letter) {
                    return false;
                }
                pieceStart = false;
            } else if (c == '.') {
                pieceStart = true;
            } else if (!letter && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !pieceStart;
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
        int bodyEnd = end < 0 ? v.length() : end;
        int b64 = 0;
        for (int i = bodyStart; i < bodyEnd; i++) {
            char c = v.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '+' || c == '/' || c == '=') {
                b64++;
            }
        }
        return b64 >= 64 && !dominatedByOneCharBlanksAside(v, bodyStart, bodyEnd);
    }

    /**
     * {@code Placeholders.dominatedByOneChar(withoutWhitespace(v.substring(from, to)))} in one pass, without the
     * two copies (a PEM body is the longest candidate there is).
     */
    static boolean dominatedByOneCharBlanksAside(String v, int from, int to) {
        int[] counts = new int[128];
        int n = 0;
        int max = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') {
                continue;
            }
            n++;
            if (c < 128) {
                max = Math.max(max, ++counts[c]);
            }
        }
        return n >= 4 && max * 2 >= n;
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
