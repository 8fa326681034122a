package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.config.HushConfig;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code policy.unscannable} over real HTTP: by default a part that declares a text type but whose bytes are
 * not text is blocked (it is a disguise, not a picture) and never reaches the upstream, while real media is
 * forwarded and recorded in the audit's {@code notScanned}; the policy switches each.
 */
class GatewayUnscannableTest {
    private static final String B = "hushunscan7";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    GatewayFixture fx;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private void start(Consumer<HushConfig> tweak) throws Exception {
        fx = new GatewayFixture(tweak);
    }

    /** Fresh bytes that are not UTF-8 (an invalid lead byte, then random high bytes). */
    static byte[] notText() {
        byte[] b = new byte[64];
        new SecureRandom().nextBytes(b);
        b[0] = (byte) 0xC3;
        b[1] = (byte) 0x28; // 0xC3 must be followed by a continuation byte: never valid UTF-8
        b[2] = 0;
        return b;
    }

    static byte[] multipart(String fileName, String type, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpResponse<String> upload(byte[] body) throws Exception {
        return fx.http.send(HttpRequest.newBuilder(URI.create(fx.url("/openai/v1/files")))
                .timeout(Duration.ofSeconds(20)).header("content-type", "multipart/form-data; boundary=" + B)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPartDeclaredTextWhoseBytesAreNotTextIsBlockedByDefault() throws Exception {
        start(c -> { });
        HttpResponse<String> r = upload(multipart("notes.txt", "text/plain", notText()));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("block", r.headers().firstValue("X-Hush-Action").orElse(""));
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");
        JsonNode err = Echo.JSON.readTree(r.body()).get("error"); // OpenAI's error format
        assertEquals("hush_unscannable", err.get("code").asText(), r.body());
        String msg = err.get("message").asText();
        assertTrue(msg.contains("part:file") && msg.contains("declared as text"), msg);
        assertTrue(msg.contains("policy.unscannable.mislabelled"), msg);
        var rec = fx.audit.last();
        assertEquals("block", rec.action());
        assertEquals("policy.unscannable", rec.reason());
        assertTrue(rec.notScanned().stream().anyMatch(n -> n.startsWith("part:file: declared text")),
                rec.notScanned().toString());
    }

    @Test
    void aTextFileNameOnAnUntypedBinaryPartIsMislabelledToo() throws Exception {
        start(c -> { });
        HttpResponse<String> r = upload(multipart("config.env", "application/octet-stream", notText()));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");
        assertTrue(fx.audit.last().notScanned().toString().contains("(.env)"), fx.audit.last().notScanned().toString());
    }

    @Test
    void anImagePartIsForwardedAndRecordedAsNotScanned() throws Exception {
        start(c -> { });
        HttpResponse<String> r = upload(multipart("chart.png", "image/png", PNG));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, fx.upstream.received.size());
        var rec = fx.audit.last();
        assertEquals("allow", rec.action());
        assertTrue(rec.notScanned().stream().anyMatch(n -> n.startsWith("part:file:") && n.contains("image/png")),
                rec.notScanned().toString());
        assertFalse(rec.notScanned().stream().anyMatch(n -> n.contains("declared text")), rec.notScanned().toString());
    }

    @Test
    void thePolicyCanAllowMislabelledParts() throws Exception {
        start(c -> c.policy.unscannable.put("mislabelled", "allow"));
        HttpResponse<String> r = upload(multipart("notes.txt", "text/plain", notText()));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, fx.upstream.received.size());
        assertTrue(fx.audit.last().notScanned().stream().anyMatch(n -> n.contains("declared text")),
                fx.audit.last().notScanned().toString());
    }

    @Test
    void thePolicyCanSwitchMislabelledPartsPerApi() throws Exception {
        start(c -> c.policy.unscannable.put("openai.mislabelled", "warn"));
        HttpResponse<String> held = upload(multipart("notes.txt", "text/plain", notText()));
        assertEquals(400, held.statusCode(), held.body());
        assertEquals("hush_warning", Echo.JSON.readTree(held.body()).at("/error/code").asText(), held.body());
        assertTrue(fx.upstream.received.isEmpty(), "a held request does not reach the upstream");
    }

    @Test
    void thePolicyCanBlockMedia() throws Exception {
        start(c -> c.policy.unscannable.put("default", "block"));
        HttpResponse<String> r = upload(multipart("chart.png", "image/png", PNG));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");
        String msg = Echo.JSON.readTree(r.body()).at("/error/message").asText();
        assertTrue(msg.contains("part:file") && msg.contains("policy.unscannable for openai is block"), msg);
    }

    @Test
    void anEmbeddedPayloadDeclaredTextButNotTextIsBlockedWhileAnImageBesideItIsNot() throws Exception {
        start(c -> { });
        String png = Base64.getEncoder().encodeToString(PNG);
        String image = "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                + "\"image_url\":\"data:image/png;base64," + png + "\"}]}]}";
        HttpResponse<String> ok = fx.post("/openai/v1/responses", image);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(fx.audit.last().notScanned().stream().anyMatch(n -> n.contains("image/png")),
                fx.audit.last().notScanned().toString());

        String fake = "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\","
                + "\"filename\":\"x.txt\",\"file_data\":\"data:text/plain;base64,"
                + Base64.getEncoder().encodeToString(notText()) + "\"}]}]}";
        HttpResponse<String> r = fx.post("/openai/v1/responses", fake);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(1, fx.upstream.received.size(), "only the image request reached the upstream");
        assertTrue(Echo.JSON.readTree(r.body()).at("/error/message").asText().contains("file_data"), r.body());
    }
}
