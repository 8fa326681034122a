package dev.hush.detect.evasion;

import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The evasion suite's cases: freshly generated values of credential and PII kinds (random, of each
 * issuer's documented shape, never copied from a corpus), the disguises an employee would try, and
 * harmless look-alikes (UUIDs, commit hashes, base64 of ordinary text) that must pass in the same
 * disguises. {@link #run} scans every combination at scanner level and tabulates what was caught.
 */
final class EvasionCases {
    /** A kind: its name, the finding type expected, and a fresh snippet (the value with what it needs around it). */
    record Kind(String name, String type, String snippet) {
    }

    /** One disguise applied to a snippet, then the snippet is put in an English sentence (or a part split). */
    record Disguise(String name, UnaryOperator<String> apply, String carrier) {
    }

    /** One scanned case: caught (or, for harmless ones, flagged). */
    record Outcome(String kind, String disguise, boolean hit) {
    }

    static final String ENGLISH = "Please use %s for the deployment today.";
    static final String SPLIT = "split across parts";

    private final Random rnd;

    EvasionCases(long seed) {
        this.rnd = new Random(seed);
    }

    // ------------------------------------------------------------------------------------ values

    private String pick(String alphabet, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String ALNUM = UPPER + LOWER + DIGITS;
    private static final String URLSAFE = ALNUM + "-_";

    private String base64Bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private String base64Url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    List<Kind> credentials() {
        List<Kind> k = new ArrayList<>();
        k.add(new Kind("AWS access key id", "SECRET.AWS_ACCESS_KEY_ID", "AKIA" + pick(UPPER + "234567", 16)));
        k.add(new Kind("GitHub token", "SECRET.GITHUB_TOKEN", "ghp_" + pick(ALNUM, 36)));
        k.add(new Kind("GitLab token", "SECRET.GITLAB_TOKEN", "glpat-" + pick(URLSAFE, 20)));
        k.add(new Kind("npm token", "SECRET.NPM_TOKEN", "npm_" + pick(ALNUM, 36)));
        k.add(new Kind("Slack bot token", "SECRET.SLACK_TOKEN",
                "xoxb-" + pick(DIGITS, 12) + "-" + pick(DIGITS, 13) + "-" + pick(ALNUM, 24)));
        k.add(new Kind("Stripe secret key", "SECRET.STRIPE_KEY", "sk_live_" + pick(ALNUM, 48)));
        k.add(new Kind("OpenAI project key", "SECRET.OPENAI_API_KEY", "sk-proj-" + pick(URLSAFE, 120)));
        k.add(new Kind("Anthropic API key", "SECRET.ANTHROPIC_API_KEY", "sk-ant-api03-" + pick(URLSAFE, 93) + "AA"));
        k.add(new Kind("Google API key", "SECRET.GCP_API_KEY", "AIza" + pick(URLSAFE, 35)));
        String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"sub\":\"" + pick(DIGITS, 10) + "\",\"name\":\"" + pick(LOWER, 8) + "\",\"iat\":"
                + (1_700_000_000 + rnd.nextInt(50_000_000)) + "}");
        k.add(new Kind("JWT", "SECRET.JWT", header + "." + payload + "." + pick(URLSAFE, 43)));
        StringBuilder pem = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        String body = base64Bytes(300);
        for (int i = 0; i < body.length(); i += 64) {
            pem.append(body, i, Math.min(body.length(), i + 64)).append('\n');
        }
        k.add(new Kind("PEM private key", "SECRET.PRIVATE_KEY", pem.append("-----END PRIVATE KEY-----").toString()));
        String account = "acct" + pick(LOWER + DIGITS, 8);
        k.add(new Kind("Azure storage connection string", "SECRET.AZURE_STORAGE_KEY", "DefaultEndpointsProtocol=https;AccountName="
                + account + ";AccountKey=" + base64Bytes(64) + ";EndpointSuffix=core.windows.net"));
        k.add(new Kind("Azure storage key", "SECRET.AZURE_STORAGE_KEY", "AccountKey=" + base64Bytes(64)));
        String sig = base64Bytes(32).replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
        k.add(new Kind("Azure SAS token", "SECRET.AZURE_SAS_TOKEN", "https://" + account
                + ".blob.core.windows.net/data?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2031-01-01T00:00:00Z&spr=https&sig=" + sig));
        return k;
    }

    List<Kind> pii() {
        List<Kind> k = new ArrayList<>();
        k.add(new Kind("email", "PII.EMAIL", pick(LOWER, 5) + "." + pick(LOWER, 6) + pick(DIGITS, 2) + "@"
                + pick(LOWER, 7) + "-mail.com"));
        String[] areas = {"212", "415", "617", "312", "206"};
        k.add(new Kind("phone", "PII.PHONE", "+1 " + areas[rnd.nextInt(areas.length)] + "-" + (2 + rnd.nextInt(8))
                + pick(DIGITS, 2) + "-" + pick(DIGITS, 4)));
        k.add(new Kind("payment card", "PII.CREDIT_CARD", card()));
        k.add(new Kind("IBAN", "PII.IBAN", iban()));
        k.add(new Kind("US SSN", "PII.US_SSN", ssn()));
        k.add(new Kind("IP address", "PII.IP_ADDRESS", "81." + (1 + rnd.nextInt(250)) + "." + rnd.nextInt(256) + "."
                + (1 + rnd.nextInt(250))));
        return k;
    }

    private String card() {
        int[] d = new int[16];
        d[0] = 4;
        for (int i = 1; i < 15; i++) {
            d[i] = rnd.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int v = d[14 - i];
            if (i % 2 == 0) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(d[i]);
        }
        return sb.toString();
    }

    private String iban() {
        String bban = pick(DIGITS, 18);
        String rearranged = bban + "1314" + "00"; // D=13, E=14
        int rem = 0;
        for (char c : rearranged.toCharArray()) {
            rem = (rem * 10 + (c - '0')) % 97;
        }
        int check = 98 - rem;
        String compact = "DE" + (check < 10 ? "0" : "") + check + bban;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(compact.charAt(i));
        }
        return sb.toString();
    }

    private String ssn() {
        int area;
        do {
            area = 1 + rnd.nextInt(898);
        } while (area == 666);
        return String.format("%03d-%02d-%04d", area, 1 + rnd.nextInt(99), 1 + rnd.nextInt(9999));
    }

    List<Kind> harmless() {
        List<Kind> k = new ArrayList<>();
        k.add(new Kind("UUID", null, java.util.UUID.nameUUIDFromBytes(pick(ALNUM, 12).getBytes(StandardCharsets.UTF_8)).toString()));
        k.add(new Kind("commit hash", null, pick("0123456789abcdef", 40)));
        String[] prose = {"The quarterly planning meeting moved to Thursday afternoon.",
            "Remember to water the plants on the balcony before the weekend.",
            "Our team lunch is at the Italian place near the station."};
        k.add(new Kind("base64 of ordinary text", null,
                Base64.getEncoder().encodeToString(prose[rnd.nextInt(prose.length)].getBytes(StandardCharsets.UTF_8))));
        k.add(new Kind("SHA-256 hex", null, pick("0123456789abcdef", 64)));
        return k;
    }

    // ------------------------------------------------------------------------------------ disguises

    static List<Disguise> disguises() {
        List<Disguise> d = new ArrayList<>();
        d.add(new Disguise("plain", s -> s, ENGLISH));
        d.add(new Disguise("zero-width chars", s -> every(s, 3, "\u200B"), ENGLISH));
        d.add(new Disguise("tag chars (U+E0000)", s -> every(s, 4, new String(Character.toChars(0xE0041))), ENGLISH));
        d.add(new Disguise("variation selectors", s -> every(s, 2, "\uFE0F"), ENGLISH));
        d.add(new Disguise("filler chars (U+3164)", s -> every(s, 5, "\u3164"), ENGLISH));
        d.add(new Disguise("NBSP inside", s -> every(s, 7, "\u00A0"), ENGLISH));
        d.add(new Disguise("line separator inside", s -> every(s, 9, "\u2028"), ENGLISH));
        d.add(new Disguise("fullwidth", EvasionCases::fullwidth, ENGLISH));
        d.add(new Disguise("Cyrillic look-alikes", s -> replace(s, "aceopxyABCEHKMOPTX",
                "\u0430\u0441\u0435\u043E\u0440\u0445\u0443\u0410\u0412\u0421\u0415\u041D\u041A\u041C\u041E\u0420\u0422\u0425"), ENGLISH));
        d.add(new Disguise("Greek look-alikes", s -> replace(s, "ABEHIKMNOPTXYZo",
                "\u0391\u0392\u0395\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A7\u03A5\u0396\u03BF"), ENGLISH));
        d.add(new Disguise("JSON \\u escapes", EvasionCases::jsonEscape, ENGLISH));
        d.add(new Disguise("URL-encoded", EvasionCases::urlEncode, ENGLISH));
        d.add(new Disguise("base64", EvasionCases::base64, ENGLISH));
        d.add(new Disguise("base64 twice", s -> base64(base64(s)), ENGLISH));
        d.add(new Disguise("hex", s -> HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8)), ENGLISH));
        d.add(new Disguise("spaced out", s -> every(s, 1, " "), ENGLISH));
        d.add(new Disguise("wrapped over lines", s -> every(s.replace("\n", ""), 24, "\n"), ENGLISH));
        d.add(new Disguise("German sentence", s -> s, "Bitte verwende %s für das Deployment, danke schön."));
        d.add(new Disguise("Russian sentence", s -> s, "Пожалуйста, используй %s для развёртывания сегодня."));
        d.add(new Disguise("Chinese sentence", s -> s, "请在今天的部署中使用 %s 谢谢。"));
        d.add(new Disguise(SPLIT, s -> s, ENGLISH));
        return d;
    }

    /** Inserts {@code ins} after every {@code k} chars (not at the ends). */
    static String every(String s, int k, String ins) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % k == 0) {
                sb.append(ins);
            }
            sb.append(s.charAt(i));
        }
        return sb.toString();
    }

    static String replace(String s, String from, String to) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            int k = from.indexOf(c);
            sb.append(k >= 0 ? to.charAt(k) : c);
        }
        return sb.toString();
    }

    static String fullwidth(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return sb.toString();
    }

    static String jsonEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }

    static String urlEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format("%%%02X", b & 0xFF));
        }
        return sb.toString();
    }

    static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------ running

    /** Scans one kind in one disguise; true when a finding of the kind's type (any, for harmless) covers it. */
    static boolean hit(Scanner scanner, Kind kind, Disguise d) {
        String disguised = d.apply().apply(kind.snippet());
        String text = String.format(d.carrier(), disguised);
        int vs = text.indexOf(disguised);
        int ve = vs + disguised.length();
        if (d.name().equals(SPLIT)) {
            int cut = vs + disguised.length() / 2;
            List<List<Finding>> parts = scanner.scanJoined(List.of(text.substring(0, cut), text.substring(cut)));
            if (kind.type() == null) {
                return !parts.get(0).isEmpty() || !parts.get(1).isEmpty();
            }
            // each half is reported in its own part
            return covers(parts.get(0), kind.type(), vs, cut) && covers(parts.get(1), kind.type(), 0, ve - cut);
        }
        List<Finding> found = scanner.scan(text);
        if (kind.type() == null) {
            return !found.isEmpty();
        }
        return covers(found, kind.type(), vs, ve);
    }

    private static boolean covers(List<Finding> found, String type, int start, int end) {
        for (Finding f : found) {
            if (f.type().equals(type) && f.start() < end && start < f.end()) {
                return true;
            }
        }
        return false;
    }

    /** Every combination of the given kinds and all disguises, in order. */
    static List<Outcome> run(Scanner scanner, List<Kind> kinds) {
        List<Outcome> out = new ArrayList<>();
        for (Kind k : kinds) {
            for (Disguise d : disguises()) {
                out.add(new Outcome(k.name(), d.name(), hit(scanner, k, d)));
            }
        }
        return out;
    }

    /** Per disguise: hits / cases. */
    static Map<String, int[]> byDisguise(List<Outcome> outcomes) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (Outcome o : outcomes) {
            int[] c = m.computeIfAbsent(o.disguise(), x -> new int[2]);
            c[0] += o.hit() ? 1 : 0;
            c[1]++;
        }
        return m;
    }
}
