package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evasion suite at gateway level (issue 8, "Disguises"): real HTTP through the gateway, default
 * configuration and the real scanner, to a stub that records what it received. Each credential and PII kind
 * is sent in every carrier a client can choose (split across messages or content parts, in tool-call
 * arguments, in a system prompt, in a compressed body, in a multipart upload) and counts as caught when it
 * did not reach the upstream (refused, or rewritten away; split values: not both halves). Harmless
 * look-alikes in the same carriers must arrive unchanged. Values are generated afresh; the table is written
 * to {@code target/evasion-gateway.md} (docs/evasion.md quotes it).
 */
class GatewayEvasionSuiteTest {
    /** Carriers not caught today, as "carrier" (every kind): the joined view across parts is not on main yet. */
    static final Set<String> KNOWN_LIMITS = Set.of("split across two messages", "split across content parts");
    static final String CHAT = "/openai/v1/chat/completions";
    static final String SENTENCE = "Please use %s for the deployment today.";
    static GatewayFixture fx;

    record Kind(String name, String value) {
    }

    @BeforeAll
    static void start() throws Exception {
        fx = new GatewayFixture(c -> { }, ScannerFactory.build(new HushConfig()));
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    // ----------------------------------------------------------------------------- fresh values

    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String URLSAFE = ALNUM + "-_";

    static String pick(Random r, String abc, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(abc.charAt(r.nextInt(abc.length())));
        }
        return b.toString();
    }

    static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Credentials of each issuer's documented shape (random, never from a corpus). */
    static List<Kind> credentials(Random r) {
        byte[] key = new byte[64];
        r.nextBytes(key);
        byte[] pem = new byte[300];
        r.nextBytes(pem);
        String body = Base64.getEncoder().encodeToString(pem);
        StringBuilder p = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        for (int i = 0; i < body.length(); i += 64) {
            p.append(body, i, Math.min(body.length(), i + 64)).append('\n');
        }
        return List.of(
                new Kind("AWS access key id", "AKIA" + pick(r, UPPER + "234567", 16)),
                new Kind("GitHub token", "ghp_" + pick(r, ALNUM, 36)),
                new Kind("GitLab token", "glpat-" + pick(r, URLSAFE, 20)),
                new Kind("npm token", "npm_" + pick(r, ALNUM, 36)),
                new Kind("Slack bot token", "xoxb-" + pick(r, DIGITS, 12) + "-" + pick(r, DIGITS, 13) + "-"
                        + pick(r, ALNUM, 24)),
                new Kind("Stripe secret key", "sk_live_" + pick(r, ALNUM, 48)),
                new Kind("OpenAI project key", "sk-proj-" + pick(r, URLSAFE, 120)),
                new Kind("Anthropic API key", "sk-ant-api03-" + pick(r, URLSAFE, 93) + "AA"),
                new Kind("Google API key", "AIza" + pick(r, URLSAFE, 35)),
                new Kind("JWT", b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64url("{\"sub\":\""
                        + pick(r, DIGITS, 10) + "\",\"iat\":" + (1_700_000_000 + r.nextInt(50_000_000)) + "}") + "."
                        + pick(r, URLSAFE, 43)),
                new Kind("PEM private key", p.append("-----END PRIVATE KEY-----").toString()),
                new Kind("Azure storage connection string", "DefaultEndpointsProtocol=https;AccountName=acct"
                        + pick(r, LOWER + DIGITS, 8) + ";AccountKey=" + Base64.getEncoder().encodeToString(key)
                        + ";EndpointSuffix=core.windows.net"));
    }

    /** Every structured PII kind, valid (checksums computed). */
    static List<Kind> pii(Random r) {
        String[] areas = {"212", "415", "617", "312", "206"};
        return List.of(
                new Kind("email", pick(r, LOWER, 5) + "." + pick(r, LOWER, 6) + pick(r, DIGITS, 2) + "@"
                        + pick(r, LOWER, 7) + "-mail.com"),
                new Kind("phone", "+1 " + areas[r.nextInt(areas.length)] + "-" + (2 + r.nextInt(8)) + pick(r, DIGITS, 2)
                        + "-" + pick(r, DIGITS, 4)),
                new Kind("payment card", card(r)),
                new Kind("IBAN", iban(r)),
                new Kind("US SSN", String.format("%03d-%02d-%04d", 101 + r.nextInt(500), 10 + r.nextInt(89),
                        1000 + r.nextInt(8999))),
                new Kind("IP address", "81." + (1 + r.nextInt(250)) + "." + r.nextInt(256) + "." + (1 + r.nextInt(250))));
    }

    static List<Kind> harmless(Random r) {
        byte[] sha = new byte[20];
        r.nextBytes(sha);
        return List.of(
                new Kind("UUID", new UUID(r.nextLong(), r.nextLong()).toString()),
                new Kind("commit hash", java.util.HexFormat.of().formatHex(sha)),
                new Kind("base64 of ordinary text", Base64.getEncoder().encodeToString(
                        "the quarterly report is ready for review".getBytes(StandardCharsets.UTF_8))));
    }

    static String card(Random r) {
        int[] d = new int[16];
        d[0] = 4;
        for (int i = 1; i < 15; i++) {
            d[i] = r.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int v = d[14 - i];
            if (i % 2 == 0) {
                v = v * 2 > 9 ? v * 2 - 9 : v * 2;
            }
            sum += v;
        }
        d[15] = (10 - sum % 10) % 10;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(i > 0 && i % 4 == 0 ? " " : "").append(d[i]);
        }
        return b.toString();
    }

    static String iban(Random r) {
        String bban = pick(r, DIGITS, 18);
        java.math.BigInteger n = new java.math.BigInteger(bban + "131400"); // DE00 moved to the end, D=13 E=14
        int check = 98 - n.mod(java.math.BigInteger.valueOf(97)).intValue();
        return String.format("DE%02d%s", check, bban);
    }

    // ----------------------------------------------------------------------------- carriers

    /** One request: what to send and the two halves of the value when the carrier splits it. */
    interface Carrier {
        HttpResponse<String> send(String value) throws Exception;
    }

    static String json(String s) {
        return Echo.JSON.valueToTree(s).toString();
    }

    static Map<String, Carrier> carriers() {
        Map<String, Carrier> c = new LinkedHashMap<>();
        c.put("plain message", v -> fx.post(CHAT, GatewayChatTest.chat(SENTENCE.formatted(v))));
        c.put("split across two messages", v -> {
            String[] h = halves(v);
            return fx.post(CHAT, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":" + json(h[0])
                    + "},{\"role\":\"user\",\"content\":" + json(h[1]) + "}]}");
        });
        c.put("split across content parts", v -> {
            String[] h = halves(v);
            return fx.post(CHAT, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                    + "\"text\",\"text\":" + json(h[0]) + "},{\"type\":\"text\",\"text\":" + json(h[1]) + "}]}]}");
        });
        c.put("tool-call arguments", v -> fx.post(CHAT, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"run it\"},{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"deploy\",\"arguments\":"
                + json("{\"note\":" + json(SENTENCE.formatted(v)) + "}") + "}}]}]}"));
        c.put("system prompt", v -> fx.post(CHAT, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\","
                + "\"content\":" + json(SENTENCE.formatted(v)) + "},{\"role\":\"user\",\"content\":\"hello\"}]}"));
        for (String enc : List.of("gzip", "deflate", "br", "zstd")) {
            c.put(enc + " body", v -> compressed(enc, GatewayChatTest.chat(SENTENCE.formatted(v))));
        }
        c.put("multipart upload", v -> {
            String b = "evasionboundary7";
            String body = "--" + b + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--" + b
                    + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\nContent-Type: "
                    + "text/plain\r\n\r\n" + SENTENCE.formatted(v) + "\r\n--" + b + "--\r\n";
            return fx.http.send(HttpRequest.newBuilder(URI.create(fx.url("/openai/v1/files")))
                    .timeout(Duration.ofSeconds(30)).header("content-type", "multipart/form-data; boundary=" + b)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        });
        return c;
    }

    static String[] halves(String v) {
        String s = SENTENCE.formatted(v);
        int cut = s.indexOf(v) + v.length() / 2;
        return new String[] {s.substring(0, cut), s.substring(cut)};
    }

    static HttpResponse<String> compressed(String enc, String body) throws Exception {
        com.aayushatharva.brotli4j.Brotli4jLoader.ensureAvailability();
        byte[] b = GatewayFeaturesTest.compress(enc, body.getBytes(StandardCharsets.UTF_8));
        return fx.http.send(HttpRequest.newBuilder(URI.create(fx.url(CHAT))).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").header("content-encoding", enc)
                .POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every string the upstream got, JSON decoded at every level, joined (so escapes hide nothing). */
    static String received(int before) throws Exception {
        StringBuilder b = new StringBuilder();
        for (StubUpstream.Received r : fx.upstream.received.subList(before, fx.upstream.received.size())) {
            b.append(r.body()).append('\n');
            try {
                strings(Echo.JSON.readTree(r.body()), b);
            } catch (Exception e) {
                // not JSON (multipart): the raw body is enough
            }
        }
        return b.toString();
    }

    static void strings(JsonNode n, StringBuilder out) {
        if (n.isTextual()) {
            out.append(n.asText()).append('\n');
            if (n.asText().startsWith("{")) {
                try {
                    strings(Echo.JSON.readTree(n.asText()), out);
                } catch (Exception e) {
                    // plain text
                }
            }
        }
        n.forEach(c -> strings(c, out));
    }

    /** Whether the value reached the upstream (both halves, for a split). */
    static boolean leaked(String got, String value) {
        String flat = got.replace("\r\n", "\n");
        if (flat.contains(value)) {
            return true;
        }
        String s = SENTENCE.formatted(value);
        int cut = s.indexOf(value) + value.length() / 2;
        String h1 = value.substring(0, cut - s.indexOf(value));
        String h2 = value.substring(cut - s.indexOf(value));
        return flat.contains(h1 + "\n") || flat.contains(h1 + "\"") ? flat.contains(h2) : false;
    }

    @Test
    void everyKindInEveryCarrierIsCaughtBeforeTheUpstreamAndLookAlikesPass() throws Exception {
        Random r = new Random(20261201L);
        Map<String, Carrier> carriers = carriers();
        Map<String, int[]> sensitive = new LinkedHashMap<>(); // carrier -> {caught, total}
        Map<String, int[]> harmlessPassed = new LinkedHashMap<>();
        List<String> missed = new ArrayList<>();
        List<String> flagged = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>(credentials(r));
        kinds.addAll(pii(r));
        for (Map.Entry<String, Carrier> c : carriers.entrySet()) {
            int[] t = sensitive.computeIfAbsent(c.getKey(), k -> new int[2]);
            for (Kind k : kinds) {
                int before = fx.upstream.received.size();
                HttpResponse<String> resp = c.getValue().send(k.value());
                boolean caught = !leaked(received(before), k.value()) && !resp.body().contains(k.value());
                t[1]++;
                if (caught) {
                    t[0]++;
                } else if (!KNOWN_LIMITS.contains(c.getKey())) {
                    missed.add(k.name() + " / " + c.getKey() + " (" + resp.statusCode() + ")");
                }
            }
            int[] h = harmlessPassed.computeIfAbsent(c.getKey(), k -> new int[2]);
            for (Kind k : harmless(r)) {
                int before = fx.upstream.received.size();
                HttpResponse<String> resp = c.getValue().send(k.value());
                boolean passed = resp.statusCode() == 200 && fx.upstream.received.size() > before
                        && received(before).contains(halves(k.value())[0].substring(SENTENCE.indexOf('%')));
                h[1]++;
                if (passed) {
                    h[0]++;
                } else {
                    flagged.add(k.name() + " / " + c.getKey() + " (" + resp.statusCode() + ")");
                }
            }
        }
        write(sensitive, harmlessPassed, kinds.size());
        assertTrue(kinds.size() >= 18, "12 credential kinds and 6 PII kinds");
        assertTrue(missed.isEmpty(), "reached the upstream: " + missed);
        assertTrue(flagged.isEmpty(), "harmless look-alikes stopped or changed: " + flagged);
    }

    private static void write(Map<String, int[]> sensitive, Map<String, int[]> harmless, int kinds) throws Exception {
        StringBuilder b = new StringBuilder("| carrier (through the gateway) | caught | harmless passed |\n|---|---|---|\n");
        int caught = 0;
        int total = 0;
        for (String c : sensitive.keySet()) {
            int[] s = sensitive.get(c);
            int[] h = harmless.get(c);
            caught += s[0];
            total += s[1];
            b.append("| ").append(c).append(KNOWN_LIMITS.contains(c) ? " (known limit)" : "").append(" | ")
                    .append(s[0]).append('/').append(s[1]).append(" | ").append(h[0]).append('/').append(h[1]).append(" |\n");
        }
        b.append("| **all** | ").append(caught).append('/').append(total).append(" | |\n");
        b.append("\n").append(kinds).append(" kinds (12 credential, 6 PII), seed 20261201.\n");
        Path out = Path.of("target", "evasion-gateway.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, b.toString());
        System.out.print(b);
    }
}
