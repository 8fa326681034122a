package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Uploads and embedded files are read: a JSON Lines batch file line by line, base64 and {@code data:}
 * payloads of text types in every provider's format (scanned, and rewritten encoded as they came); what
 * cannot be read is recorded as not scanned, never silently.
 */
class GatewayUploadsTest extends WithGateway {
    private static final String B = "hushboundary42";

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String batch(String third) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 4; i++) {
            String text = i == 3 ? third : "question " + i;
            b.append("{\"custom_id\":\"r").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":")
                    .append(Echo.JSON.valueToTree(text).toString()).append("}]}}\n");
        }
        return b.toString();
    }

    static String multipart(String fileName, String type, String content) {
        return "--" + B + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n" + content + "\r\n--" + B + "--\r\n";
    }

    private HttpResponse<String> upload(String body) throws Exception {
        return fx.http.send(HttpRequest.newBuilder(URI.create(fx.url("/openai/v1/files"))).timeout(Duration.ofSeconds(20))
                .header("content-type", "multipart/form-data; boundary=" + B)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachLineOfABatchFileIsScanned() throws Exception {
        HttpResponse<String> r = upload(multipart("batch.jsonl", "application/octet-stream",
                batch("deploy with " + GatewayScanEverythingTest.secret())));
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("block", r.headers().firstValue("X-Hush-Action").orElse(""));
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");

        HttpResponse<String> ok = upload(multipart("batch.jsonl", "application/jsonl",
                batch("write to " + GatewayChatTest.EMAIL)));
        assertEquals(200, ok.statusCode(), ok.body());
        String sent = fx.upstream.last().body();
        assertFalse(sent.contains(GatewayChatTest.EMAIL), sent);
        String file = sent.substring(sent.indexOf("\r\n\r\n", sent.indexOf("filename=")) + 4, sent.lastIndexOf("\r\n--" + B));
        String[] lines = file.split("\n");
        assertEquals(4, lines.length, file);
        assertEquals("write to <EMAIL_1>", Echo.JSON.readTree(lines[2]).at("/body/messages/0/content").asText());
        assertEquals(batch("x").split("\n")[0], lines[0], "untouched lines keep their bytes");
        assertTrue(sent.contains("name=\"purpose\"\r\n\r\nbatch\r\n"), sent);
    }

    @Test
    void anUntypedUploadPartIsReadWhenItsBytesAreText() throws Exception {
        String body = "--" + B + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nline one\nkey " + GatewayScanEverythingTest.secret()
                + "\r\n--" + B + "--\r\n";
        HttpResponse<String> r = fx.http.send(HttpRequest.newBuilder(URI.create(fx.url("/openai/v1/uploads/upload_1/parts")))
                .timeout(Duration.ofSeconds(20)).header("content-type", "multipart/form-data; boundary=" + B)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");

        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
        java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();
        bin.writeBytes(("--" + B + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"blob\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        bin.writeBytes(png);
        bin.writeBytes(("\r\n--" + B + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        HttpResponse<String> ok = fx.http.send(HttpRequest.newBuilder(URI.create(fx.url("/openai/v1/uploads/upload_1/parts")))
                .timeout(Duration.ofSeconds(20)).header("content-type", "multipart/form-data; boundary=" + B)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bin.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(fx.audit.last().notScanned().stream().anyMatch(n -> n.startsWith("part:data")),
                fx.audit.last().notScanned().toString());
    }

    static Stream<Arguments> embedded() {
        String chat = "/openai/v1/chat/completions";
        return Stream.of(
                Arguments.of("responses input_file data URL", "/openai/v1/responses", "{\"model\":\"gpt-4o\",\"input\":["
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"summarise\"},{\"type\":"
                        + "\"input_file\",\"filename\":\"notes.txt\",\"file_data\":\"data:text/plain;base64,${F}\"}]}]}",
                        "/input/0/content/1/file_data", "data:text/plain;base64,"),
                Arguments.of("responses input_file raw base64", "/openai/v1/responses", "{\"model\":\"gpt-4o\",\"input\":["
                        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"filename\":\"notes.md\","
                        + "\"file_data\":\"${F}\"}]}]}", "/input/0/content/0/file_data", ""),
                Arguments.of("chat file part", chat, "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                        + "[{\"type\":\"file\",\"file\":{\"filename\":\"a.csv\",\"file_data\":\"data:text/csv;base64,${F}\"}}]}]}",
                        "/messages/0/content/0/file/file_data", "data:text/csv;base64,"),
                Arguments.of("anthropic base64 document", "/anthropic/v1/messages", "{\"model\":\"c\",\"max_tokens\":9,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":"
                        + "\"base64\",\"media_type\":\"text/plain\",\"data\":\"${F}\"}}]}]}",
                        "/messages/0/content/0/source/data", ""),
                Arguments.of("gemini inlineData", "/gemini/v1beta/models/g:generateContent", "{\"contents\":[{\"role\":"
                        + "\"user\",\"parts\":[{\"inlineData\":{\"mimeType\":\"text/plain\",\"data\":\"${F}\"}}]}]}",
                        "/contents/0/parts/0/inlineData/data", ""),
                Arguments.of("data URL in a field no adapter knows", chat, "{\"model\":\"gpt-4o\",\"messages\":[],"
                        + "\"x_attachment\":\"data:text/plain;base64,${F}\"}", "/x_attachment", "data:text/plain;base64,"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("embedded")
    void anEmbeddedTextFileIsScannedAndRewrittenEncoded(String name, String path, String template, String pointer,
            String prefix) throws Exception {
        HttpResponse<String> r = fx.post(path, template.replace("${F}", b64("key " + GatewayScanEverythingTest.secret())));
        assertEquals(400, r.statusCode(), name + ": " + r.body());
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the upstream");

        HttpResponse<String> ok = fx.post(path, template.replace("${F}", b64("mail " + GatewayChatTest.EMAIL + " today")));
        assertEquals(200, ok.statusCode(), name + ": " + ok.body());
        JsonNode sent = Echo.JSON.readTree(fx.upstream.last().body());
        String field = sent.at(pointer).asText();
        assertTrue(field.startsWith(prefix), field);
        assertEquals("mail <EMAIL_1> today",
                new String(Base64.getDecoder().decode(field.substring(prefix.length())), StandardCharsets.UTF_8));
    }

    @Test
    void whatCannotBeReadIsRecordedNotSilentlyPassed() throws Exception {
        String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1});
        String fake = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, 7});
        String body = "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                + "\"image_url\":\"data:image/png;base64," + png + "\"},{\"type\":\"input_file\",\"filename\":"
                + "\"x.txt\",\"file_data\":\"data:text/plain;base64," + fake + "\"}]}]}";
        HttpResponse<String> r = fx.post("/openai/v1/responses", body);
        assertEquals(400, r.statusCode(), "declared text but not text is blocked by default: " + r.body());
        var rec = fx.audit.last();
        assertTrue(rec.notScanned().stream().anyMatch(n -> n.contains("image_url") && n.contains("image/png")),
                rec.notScanned().toString());
        assertTrue(rec.notScanned().stream().anyMatch(n -> n.contains("file_data") && n.contains("declared text")),
                rec.notScanned().toString());
    }
}
