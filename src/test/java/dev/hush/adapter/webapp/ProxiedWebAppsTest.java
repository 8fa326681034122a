package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hush.cli.ServeCommand;
import dev.hush.proxy.tls.CertificateAuthority;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every web-app adapter through the real proxy: {@code curl -x http://127.0.0.1:PORT --cacert ca.pem} sends
 * the app's recorded request to {@code https://HOST}, Hush intercepts it with a leaf from its CA, and the
 * app is a local stub ({@code --upstream HOST=URL}). Over HTTP/1.1 and HTTP/2 (ALPN): a secret is blocked
 * and never reaches the stub; an e-mail arrives pseudonymized and is restored in the app's streamed answer.
 */
class ProxiedWebAppsTest {
    /** One app as the test drives it. */
    interface App {
        String host();

        String fixture();

        String sentText(String body) throws Exception;

        String[] answer(String text) throws Exception;

        String shown(String body) throws Exception;
    }

    record Contract(ChatAppContract c) implements App {
        public String host() {
            return c.hosts()[0];
        }

        public String fixture() {
            return c.fixture();
        }

        public String sentText(String body) throws Exception {
            return c.sentText(body);
        }

        public String[] answer(String text) throws Exception {
            return c.answer(text);
        }

        public String shown(String body) throws Exception {
            return c.shown(body);
        }

        @Override
        public String toString() {
            return c.adapterName();
        }
    }

    record Named(String name, String host, String fixture, Reader sent, Writer answer, Reader shown) implements App {
        interface Reader {
            String read(String s) throws Exception;
        }

        interface Writer {
            String[] write(String s) throws Exception;
        }

        public String sentText(String body) throws Exception {
            return sent.read(body);
        }

        public String[] answer(String text) throws Exception {
            return answer.write(text);
        }

        public String shown(String body) throws Exception {
            return shown.read(body);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<App> APPS = List.of(
            new Named("chatgpt", "chatgpt.com", "chatgpt-conversation.http",
                    b -> ChatGptAdapterTest.JSON.readTree(b).at("/messages/0/content/parts/0").asText(),
                    t -> new String[] {"text/event-stream", ChatGptAdapterTest.deltaStream(t)}, ChatGptAdapterTest::shownText),
            new Named("claude", "claude.ai", "claude-completion.http",
                    b -> ClaudeAdapterTest.JSON.readTree(b).get("prompt").asText(),
                    t -> new String[] {"text/event-stream", ClaudeAdapterTest.stream(t)}, ClaudeAdapterTest::shown),
            new Named("gemini-web", "gemini.google.com", "gemini-streamgenerate.http", GeminiAdapterTest::prompt,
                    t -> new String[] {"application/json; charset=utf-8", ")]}'\n\n" + GeminiAdapterTest.chunk(t)},
                    GeminiAdapterTest::shown),
            new Contract(new PerplexityAdapterTest()), new Contract(new DeepSeekAdapterTest()),
            new Contract(new MistralAdapterTest()), new Contract(new MetaAiAdapterTest()), new Contract(new PoeAdapterTest()),
            new Contract(new GitHubCopilotAdapterTest()));

    @TempDir
    static Path dir;
    static Vertx vertx;
    static HttpServer stub;
    static ServeCommand.Running hush;
    static Path caPem;
    static final List<String> received = new CopyOnWriteArrayList<>();
    static volatile BiConsumer<HttpServerRequest, String> responder;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        stub = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            received.add(b.toString());
            responder.accept(req, b.toString());
        })).webSocketHandler(ProxiedWebAppsTest::copilot)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Path cfg = dir.resolve("hush.yaml");
        Files.writeString(cfg, "dataDir: " + dir.resolve("data") + "\ngateway:\n  host: 127.0.0.1\n  eventLoops: 2\n"
                + "audit:\n  dir: " + dir.resolve("audit") + "\n");
        List<String> args = new ArrayList<>(List.of("--port", "0", "--admin-port", "0", "--config", cfg.toString()));
        for (App a : APPS) {
            args.add("--upstream");
            args.add(a.host() + "=http://127.0.0.1:" + stub.actualPort());
        }
        args.add("--upstream");
        args.add(CopilotAdapterTest.HOST + "=http://127.0.0.1:" + stub.actualPort());
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args.toArray(new String[0]));
        hush = cmd.start();
        caPem = CertificateAuthority.certFile(dir.resolve("data"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hush != null) {
            hush.stop().run();
        }
        stub.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    static Stream<Arguments> cases() {
        return APPS.stream().flatMap(a -> Stream.of(Arguments.of(a, "--http1.1", "1.1"), Arguments.of(a, "--http2", "2")));
    }

    /** curl through Hush with the recorded request; returns [exit, body, http code, http version]. */
    static String[] curl(RecordedRequest r, String version) throws Exception {
        Path body = Files.createTempFile(dir, "body", ".bin");
        Files.writeString(body, r.body());
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", version, "-x",
                "http://127.0.0.1:" + hush.port(), "--cacert", caPem.toString(), "-X", r.method(),
                "-w", "\n%{http_code} %{http_version}", "--data-binary", "@" + body));
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            cmd.add("-H");
            cmd.add(h.getKey() + ": " + h.getValue());
        }
        cmd.add("https://" + r.host() + r.uri());
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        int rc = p.waitFor();
        assertEquals(0, rc, err);
        int nl = out.lastIndexOf('\n');
        String[] tail = out.substring(nl + 1).split(" ");
        return new String[] {Integer.toString(rc), out.substring(0, nl), tail[0], tail[1]};
    }

    static boolean hasCurl() {
        try {
            return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0} over HTTP/{2}")
    @MethodSource("cases")
    void aSecretIsBlockedAndNeverReachesTheApp(App app, String flag, String version) throws Exception {
        assumeTrue(hasCurl(), "curl is not installed");
        responder = (req, b) -> req.response().end("{}");
        String key = FakeValues.awsKey();
        String[] r = curl(RecordedRequest.load(app.fixture(), "use " + key + " now"), flag);
        assertEquals(version, r[3], "protocol inside the tunnel");
        assertTrue(r[1].contains("Hush blocked"), r[1]);
        assertFalse(r[1].contains(key));
        assertTrue(received.isEmpty(), "nothing reached the app: " + received);
    }

    @ParameterizedTest(name = "{0} over HTTP/{2}")
    @MethodSource("cases")
    void anEmailArrivesPseudonymizedAndIsRestoredInTheStreamedAnswer(App app, String flag, String version) throws Exception {
        assumeTrue(hasCurl(), "curl is not installed");
        responder = (req, b) -> {
            try {
                String[] a = app.answer("Noted: " + app.sentText(b));
                req.response().putHeader("content-type", a[0]).end(a[1]);
            } catch (Exception e) {
                req.response().setStatusCode(500).end(e.toString());
            }
        };
        String email = FakeValues.email();
        String[] r = curl(RecordedRequest.load(app.fixture(), "reply to " + email), flag);
        assertEquals("200", r[2], r[1]);
        assertEquals(version, r[3]);
        assertEquals(1, received.size());
        assertFalse(received.get(0).contains(email), "the app never sees the address");
        assertTrue(app.sentText(received.get(0)).matches("reply to <EMAIL_\\d+>"), app.sentText(received.get(0)));
        assertEquals("Noted: reply to " + email, app.shown(r[1]));
    }

    /** Copilot's chat socket: answers a send with the text it got, in four-character appendText frames. */
    static void copilot(io.vertx.core.http.ServerWebSocket ws) {
        ws.textMessageHandler(t -> {
            received.add(t);
            try {
                var f = CopilotAdapterTest.JSON.readTree(t);
                String answer = "You wrote: " + f.at("/content/0/text").asText();
                ws.writeTextMessage("{\"event\":\"startMessage\",\"messageId\":\"m-3\"}");
                for (int i = 0; i < answer.length(); i += 4) {
                    ws.writeTextMessage(CopilotAdapterTest.JSON.writeValueAsString(Map.of("event", "appendText",
                            "messageId", "m-3", "text", answer.substring(i, Math.min(answer.length(), i + 4)))));
                }
                ws.writeTextMessage("{\"event\":\"done\",\"messageId\":\"m-3\"}");
            } catch (Exception e) {
                ws.close();
            }
        });
    }

    @org.junit.jupiter.api.Test
    void copilotsChatSocketThroughTheProxy() throws Exception {
        var client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
                .setProxyOptions(new io.vertx.core.net.ProxyOptions().setHost("127.0.0.1").setPort(hush.port()))
                .setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(caPem.toString())));
        try {
            var frames = new java.util.concurrent.LinkedBlockingQueue<String>();
            var ws = client.connect(new io.vertx.core.http.WebSocketConnectOptions().setHost(CopilotAdapterTest.HOST)
                    .setPort(443).setSsl(true).setURI("/c/api/chat?api-version=2")).toCompletionStage().toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
            ws.textMessageHandler(frames::add);
            String key = FakeValues.awsKey();
            ws.writeTextMessage(CopilotAdapterTest.send("rotate " + key));
            String refused = CopilotAdapterTest.answer(frames);
            assertTrue(refused.contains("Hush blocked"), refused);
            assertFalse(refused.contains(key));
            assertTrue(received.isEmpty(), "the secret never reached the app");
            String email = FakeValues.email();
            ws.writeTextMessage(CopilotAdapterTest.send("invite " + email));
            assertEquals("You wrote: invite " + email, CopilotAdapterTest.answer(frames));
            assertEquals(1, received.size());
            assertFalse(received.get(0).contains(email));
        } finally {
            client.close();
        }
    }
}
