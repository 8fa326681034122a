package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ClaudeAdapterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    WebAppHarness hush;

    @BeforeEach
    void start() throws Exception {
        hush = new WebAppHarness("claude.ai");
    }

    @AfterEach
    void stop() throws Exception {
        hush.close();
    }

    /** Claude's message stream for an answer, text deltas of three characters. */
    static String stream(String answer) {
        StringBuilder b = new StringBuilder();
        b.append("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"chatcompl_01\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}\n\n");
        b.append("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n");
        for (int i = 0; i < answer.length(); i += 3) {
            String piece = JSON.getNodeFactory().textNode(answer.substring(i, Math.min(answer.length(), i + 3))).toString();
            b.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":")
                    .append(piece).append("}}\n\n");
        }
        b.append("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n");
        b.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        return b.toString();
    }

    /** What the Claude client shows from a stream. */
    static String shown(String sse) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                JsonNode d = JSON.readTree(line.substring(6));
                if ("content_block_delta".equals(d.path("type").asText())) {
                    b.append(d.at("/delta/text").asText());
                }
            }
        }
        return b.toString();
    }

    @ParameterizedTest
    @EnumSource(value = HttpVersion.class, names = {"HTTP_1_1", "HTTP_2"})
    void aSecretIsBlockedInsideTheAppAndNeverReachesIt(HttpVersion version) throws Exception {
        String key = FakeValues.awsKey();
        var reply = hush.send(RecordedRequest.load("claude-completion.http", "why does " + key + " fail?"), version);
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.header("content-type").startsWith("text/event-stream"));
        String shown = shown(reply.body());
        assertTrue(shown.contains("Hush blocked") && shown.contains("found in prompt") && shown.contains("policy rule"), shown);
        assertTrue(reply.body().startsWith("event: message_start\n"), reply.body());
        assertTrue(reply.body().endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"), reply.body());
        assertFalse(reply.body().contains(key));
        assertTrue(hush.received.isEmpty());
        assertEquals("claude", hush.lastAudit().provider());
        assertEquals("block", hush.lastAudit().action());
    }

    @ParameterizedTest
    @EnumSource(value = HttpVersion.class, names = {"HTTP_1_1", "HTTP_2"})
    void anEmailArrivesPseudonymizedAndIsRestoredInTheStreamedAnswer(HttpVersion version) throws Exception {
        String email = FakeValues.email();
        hush.responder = (req, r) -> {
            String said;
            try {
                said = JSON.readTree(r.text()).get("prompt").asText();
            } catch (Exception e) {
                said = "unreadable";
            }
            req.response().putHeader("content-type", "text/event-stream; charset=utf-8").end(stream("Sure, I'll cc " + said));
        };
        var reply = hush.send(RecordedRequest.load("claude-completion.http", email), version);
        assertEquals(200, reply.status(), reply.body());
        String sent = JSON.readTree(hush.last().text()).get("prompt").asText();
        assertTrue(sent.matches("<[A-Z_]+_\\d+>"), sent);
        assertEquals("Sure, I'll cc " + email, shown(reply.body()));
        assertEquals("pseudonymize", hush.lastAudit().action());
    }

    @Test
    void pastedTextInAnAttachmentIsRead() throws Exception {
        String key = FakeValues.awsKey();
        var reply = hush.send(RecordedRequest.load("claude-retry-attachment.http", "used key " + key), HttpVersion.HTTP_1_1);
        assertEquals("block", reply.header("x-hush-action"));
        assertTrue(shown(reply.body()).contains("attachments[0].extracted_content"), reply.body());
        assertTrue(hush.received.isEmpty());
    }

    @Test
    void aMultipartUploadIsScannedAndRewrittenInPlace() throws Exception {
        String email = FakeValues.email();
        var ok = hush.send(RecordedRequest.load("claude-upload.http", "owner: " + email), HttpVersion.HTTP_1_1);
        assertEquals(200, ok.status(), ok.body());
        String sent = hush.last().text();
        assertFalse(sent.contains(email));
        assertTrue(sent.contains("# Runbook\nowner: <"), sent);
        assertTrue(sent.contains("name=\"orgUuid\"\r\n\r\n4f8a2c1e-7b3d-4e95-a6c0-1d2e3f4a5b6c\r\n"), "other parts keep their bytes");
        String key = FakeValues.awsKey();
        var blocked = hush.send(RecordedRequest.load("claude-upload.http", "aws " + key), HttpVersion.HTTP_1_1);
        assertEquals(400, blocked.status());
        assertEquals("part:file", JSON.readTree(blocked.body()).at("/error/param").asText());
        assertEquals(1, hush.received.size());
    }

    @Test
    void aWordDocumentIsScannedThroughItsText() throws Exception {
        String key = FakeValues.awsKey();
        byte[] docx = docx("Migration plan. Use access key " + key + " for the bucket.");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String boundary = "----WebKitFormBoundary8Hc3Pq2Zr5Kx0Wd";
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.docx\"\r\n"
                + "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(docx);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var r = new RecordedRequest("POST", "/api/convert_document", "claude.ai",
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary), null);
        var reply = hush.sendBytes(r, body.toByteArray(), HttpVersion.HTTP_1_1);
        assertEquals(400, reply.status(), reply.body());
        assertEquals("part:file", JSON.readTree(reply.body()).at("/error/param").asText());
        assertFalse(reply.body().contains(key));
        assertTrue(hush.received.isEmpty());
    }

    @Test
    void anImageIsRecordedAsNotScannedAndAllowedByDefault() throws Exception {
        String boundary = "----WebKitFormBoundaryN4m8Yt1Qe6Lp3Sa";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"diagram.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) 0xff});
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var r = new RecordedRequest("POST", "/api/4f8a2c1e-7b3d-4e95-a6c0-1d2e3f4a5b6c/upload", "claude.ai",
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary), null);
        var reply = hush.sendBytes(r, body.toByteArray(), HttpVersion.HTTP_1_1);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(1, hush.received.size());
        assertEquals(List.of("part:file: file png (image/png)"), hush.lastAudit().notScanned());
        assertEquals("allow", hush.lastAudit().action());
    }

    @Test
    void anImageIsBlockedWhenTheAppsUnscannablePolicySaysSo() throws Exception {
        hush.close();
        dev.hush.config.HushConfig cfg = new dev.hush.config.HushConfig();
        cfg.policy.unscannable.put("claude", "block");
        hush = new WebAppHarness(cfg, "claude.ai");
        String boundary = "----WebKitFormBoundaryN4m8Yt1Qe6Lp3Sa";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"backup.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {'P', 'K', 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var r = new RecordedRequest("POST", "/api/4f8a2c1e-7b3d-4e95-a6c0-1d2e3f4a5b6c/upload", "claude.ai",
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary), null);
        var reply = hush.sendBytes(r, body.toByteArray(), HttpVersion.HTTP_1_1);
        assertEquals(400, reply.status(), reply.body());
        JsonNode err = JSON.readTree(reply.body()).get("error");
        assertEquals("hush_unscannable", err.get("code").asText());
        assertEquals("part:file", err.get("param").asText());
        assertTrue(err.get("message").asText().contains("policy.unscannable for claude is block"), err.toString());
        assertTrue(hush.received.isEmpty());
        assertEquals("block", hush.lastAudit().action());
        assertEquals("policy.unscannable", hush.lastAudit().reason());
        // other apps keep the default
        assertEquals(dev.hush.policy.PolicyAction.ALLOW, cfg.policy.unscannableFor("chatgpt"));
    }

    static byte[] docx(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("[Content_Types].xml"));
            z.write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("word/document.xml"));
            z.write(("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    + "<w:body><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:body></w:document>").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
