package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hush serve --demo} end to end with the real audit log: a config adds a tiny email rule (the real
 * catalogue is other helpers' work), the demo model echoes, and the audit file never holds a raw value.
 */
class ServeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void demoServesAllProvidersAndAuditsWithoutRawValues(@TempDir Path dir) throws Exception {
        Path cfg = dir.resolve("hush.yaml");
        Files.writeString(cfg, "dataDir: " + dir.resolve("data") + "\nrules:\n  builtin: false\n"
                + "gateway:\n  host: 127.0.0.1\n"
                + "policy:\n  rules:\n    - id: demo-redact-cards\n      types: [PII.CREDIT_CARD]\n      action: redact\n");
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--demo", "--port", "0", "--admin-port", "0", "--config", cfg.toString(),
                "--audit-dir", dir.resolve("audit").toString(), "--upstream", "openai=http://127.0.0.1:9");
        ServeCommand.Running run = cmd.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + run.port();
            HttpResponse<String> o = http.send(HttpRequest.newBuilder(URI.create(base + "/openai/v1/chat/completions"))
                    .header("content-type", "application/json").header("Authorization", "Bearer sk-demo-secret-key")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"demo\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, o.statusCode(), o.body());
            assertEquals("You said: hello there", JSON.readTree(o.body()).at("/choices/0/message/content").asText());
            assertEquals("hello there", o.headers().firstValue("X-Demo-Model-Saw").orElse(""));
            HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(base + "/anthropic/v1/messages"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"demo\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"stream me\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            StringBuilder text = new StringBuilder();
            for (String line : a.body().split("\n")) {
                if (line.startsWith("data: ")) {
                    JsonNode n = JSON.readTree(line.substring(6));
                    if (n.path("type").asText().equals("content_block_delta")) {
                        text.append(n.at("/delta/text").asText());
                    }
                }
            }
            assertEquals("You said: stream me", text.toString());
            HttpResponse<String> m = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + run.adminPort()
                    + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(m.body().contains("hush_requests_total"));
        } finally {
            run.stop().run();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("audit"))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).collect(Collectors.toList());
        }
        assertEquals(1, files.size());
        List<String> stored = Files.readAllLines(files.get(0));
        assertEquals(4, stored.size(), "two forwarded requests: a decision and an outcome line each");
        List<String> lines = dev.hush.audit.AuditJoin.join(stored);
        assertEquals(2, lines.size());
        assertFalse(lines.get(0).contains("\"stage\""), lines.get(0));
        assertEquals("openai", JSON.readTree(lines.get(0)).get("provider").asText());
        assertEquals(200, JSON.readTree(lines.get(0)).get("upstreamStatus").asInt());
        assertTrue(JSON.readTree(lines.get(0)).get("user").asText().startsWith("key:hmac:"));
        String all = String.join("\n", lines);
        assertFalse(all.contains("sk-demo-secret-key"));
        assertFalse(all.contains("hello there"), "prompts are never audited");
    }
}
