package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.ConfigLoader;
import dev.hush.config.SecretRef;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Secrets in the configuration (virtual keys, provider keys, the admin token) come from files or the
 * environment, and never show up in what Hush prints, serves on /metrics, writes to the audit log or puts
 * in an error message.
 */
class SecretsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    private static String fresh(String prefix) {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    @Test
    void referencesResolveFromTheEnvironmentAndFilesAndErrorsNameOnlyTheReference(@TempDir Path dir) throws Exception {
        String value = fresh("sk-");
        Map<String, String> env = Map.of("TEAM_KEY", value);
        assertEquals(value, SecretRef.resolve("env:TEAM_KEY", env::get));
        Path f = dir.resolve("k");
        Files.writeString(f, value + "\n");
        assertEquals(value, SecretRef.resolve("file:" + f, env::get));
        assertEquals("literal", SecretRef.resolve("literal", env::get));
        SecretRef.SecretException e = assertThrows(SecretRef.SecretException.class,
                () -> SecretRef.resolve("env:NOT_THERE", env::get));
        assertEquals("environment variable NOT_THERE is not set", e.getMessage());
        e = assertThrows(SecretRef.SecretException.class, () -> SecretRef.resolve("file:" + dir.resolve("nope"), env::get));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void configErrorsNeverQuoteASecret(@TempDir Path dir) throws Exception {
        String vk = fresh("hush-vk-");
        String real = fresh("sk-");
        for (String yaml : List.of(
                // a bad provider beside a literal virtual key and provider key
                "gateway:\n  virtualKeys:\n    " + vk + ": {provider: bing, key: " + real + "}\n",
                // a virtual key written as a string instead of a mapping (Jackson would quote it)
                "gateway:\n  virtualKeys:\n    " + vk + ": " + real + "\n",
                // an unknown key inside an entry
                "gateway:\n  virtualKeys:\n    " + vk + ": {provider: openai, key: " + real + ", usr: x}\n",
                // broken YAML on the secret's line (the parser quotes the line)
                "gateway:\n  adminToken: [" + real + "\n  port: 1\n",
                // a hash key of the wrong length, written literally
                "hashKey: " + real + "\n",
                // a reference that cannot be resolved
                "gateway:\n  virtualKeys:\n    " + vk + ": {provider: openai, key: env:HUSH_TEST_UNSET_VAR_" + RANDOM.nextInt(1 << 20) + "}\n")) {
            Path f = dir.resolve("c.yaml");
            Files.writeString(f, yaml);
            ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(f), yaml);
            assertFalse(e.getMessage().contains(vk), e.getMessage());
            assertFalse(e.getMessage().contains(real), e.getMessage());
            assertTrue(e.getMessage().contains("gateway") || e.getMessage().contains("hashKey"), e.getMessage());
        }
    }

    @Test
    void secretsFromFilesWorkAndAppearNowhere(@TempDir Path dir) throws Exception {
        String vk = fresh("hush-vk-");
        String real = fresh("sk-proj-");
        String token = fresh("adm-");
        Path vkFile = dir.resolve("vk");
        Path realFile = dir.resolve("real");
        Path tokenFile = dir.resolve("token");
        Files.writeString(vkFile, vk + "\n");
        Files.writeString(realFile, real);
        Files.writeString(tokenFile, token);
        byte[] hashKey = new byte[32];
        RANDOM.nextBytes(hashKey);
        String hashKeyHex = HexFormat.of().formatHex(hashKey);
        Path hashKeyFile = dir.resolve("hash-key");
        Files.writeString(hashKeyFile, hashKeyHex + "\n");
        Path cfg = dir.resolve("hush.yaml");
        Files.writeString(cfg, "dataDir: " + dir.resolve("data") + "\nhashKey: file:" + hashKeyFile + "\nrules:\n  builtin: false\nnlp:\n  person:\n    enabled: false\n"
                + "gateway:\n  host: 127.0.0.1\n  adminToken: file:" + tokenFile + "\n  virtualKeys:\n"
                + "    file:" + vkFile + ": {provider: openai, key: \"file:" + realFile + "\", user: alice}\n");

        Vertx vertx = Vertx.vertx();
        List<String> upstreamAuth = new CopyOnWriteArrayList<>();
        HttpServer up = vertx.createHttpServer().requestHandler(req -> {
            upstreamAuth.add(String.valueOf(req.getHeader("Authorization")));
            req.body().onSuccess(b -> req.response().setStatusCode(401).putHeader("content-type", "application/json")
                    .end("{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
        }).listen(0, "127.0.0.1").await();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        StringBuilder seen = new StringBuilder();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
            ServeCommand cmd = new ServeCommand();
            new CommandLine(cmd).parseArgs("--port", "0", "--admin-port", "0", "--config", cfg.toString(),
                    "--audit-dir", dir.resolve("audit").toString(), "--upstream", "openai=http://127.0.0.1:" + up.actualPort());
            ServeCommand.Running run = cmd.start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + run.port();
                String body = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
                for (String presented : List.of(vk, "sk-not-a-virtual-key")) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/openai/v1/chat/completions"))
                            .header("content-type", "application/json").header("Authorization", "Bearer " + presented)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(401, r.statusCode());
                    seen.append(r.headers().map()).append(r.body());
                }
                // the virtual key was swapped for the provider key read from the file; the other passed as sent
                assertEquals(List.of("Bearer " + real, "Bearer sk-not-a-virtual-key"), upstreamAuth);
                // unknown route and bad JSON: error bodies
                for (String path : List.of("/nowhere", "/openai/v1/chat/completions")) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                            .header("Authorization", "Bearer " + vk).POST(HttpRequest.BodyPublishers.ofString("{oops"))
                            .header("content-type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                    assertTrue(r.statusCode() >= 400);
                    seen.append(r.headers().map()).append(r.body());
                }
                URI metrics = URI.create("http://127.0.0.1:" + run.adminPort() + "/metrics");
                HttpResponse<String> denied = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(401, denied.statusCode());
                HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer " + vk).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, wrong.statusCode());
                HttpResponse<String> m = http.send(HttpRequest.newBuilder(metrics).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, m.statusCode());
                assertTrue(m.body().contains("hush_requests_total"));
                seen.append(denied.body()).append(m.body());
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + run.adminPort()
                        + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, health.statusCode(), "probes need no token");
            } finally {
                run.stop().run();
            }
            HelpTest.run("serve", "--help");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            up.close().await();
            vertx.close().await();
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("hush: gateway on"), printed);
        String audit;
        try (Stream<Path> s = Files.list(dir.resolve("audit"))) {
            audit = s.filter(p -> p.toString().endsWith(".jsonl")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.joining("\n"));
        }
        // two forwarded (a decision and an outcome line each) and two refused (one record each)
        assertEquals(6, audit.lines().count(), audit);
        assertEquals(4, dev.hush.audit.AuditJoin.join(audit.lines().toList()).size(), audit);
        String help = HelpTest.run("serve", "--help")[1];
        assertFalse(Files.exists(dir.resolve("data").resolve("hash.key")), "the configured hash key is used, no file made");
        // the audit's user is the keyed hash of the presented key under the configured key
        assertTrue(audit.contains(new dev.hush.audit.KeyedHash(hashKey).of("sk-not-a-virtual-key")), audit);
        for (String secret : List.of(vk, real, token, hashKeyHex)) {
            for (Map.Entry<String, String> where : Map.of("output", printed, "responses and /metrics", seen.toString(),
                    "audit", audit, "--help", help).entrySet()) {
                assertFalse(where.getValue().contains(secret), where.getKey() + " holds a secret");
            }
        }
    }
}
