package dev.hush.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.ProxySettings;
import dev.hush.proxy.tls.CertificateAuthority;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ProxyOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WebSocket in Copilot's format through an intercepted tunnel: client text frames go through the frame
 * hook (here: one that refuses a marker and rewrites a word), server frames come back unchanged.
 */
class WebSocketInterceptionTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void clientFramesPassTheHookAndAnswersComeBack(@TempDir Path dir) throws Exception {
        List<String> upstreamGot = new CopyOnWriteArrayList<>();
        HttpServer wsStub = await(vertx.createHttpServer().webSocketHandler(ws -> {
            upstreamGot.add("path " + ws.path());
            ws.textMessageHandler(t -> {
                upstreamGot.add(t);
                ws.writeTextMessage("{\"event\":\"appendText\",\"text\":\"echo " + t.length() + "\"}");
            });
        }).listen(0, "127.0.0.1"));

        ProxySettings s = new ProxySettings();
        java.util.Map<String, String> upstreams = java.util.Map.of("copilot.microsoft.com", "http://127.0.0.1:" + wsStub.actualPort());
        CertificateAuthority ca = CertificateAuthority.create(dir, null);
        WebSocketFrameHook hook = (target, path, text) -> text.contains("BLOCKME")
                ? Future.failedFuture("Hush blocked this message: marker found")
                : Future.succeededFuture(text.replace("hunter2", "[REDACTED]"));
        ForwardProxy fp = await(BrowserMode.start(vertx, s, upstreams, ca, (req, t) -> req.response().setStatusCode(404).end(), hook, null, 1, 5000));
        HttpServer front = await(vertx.createHttpServer().requestHandler(fp::handle).listen(0, "127.0.0.1"));

        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setProxyOptions(new ProxyOptions().setHost("127.0.0.1").setPort(front.actualPort()))
                .setTrustOptions(new PemTrustOptions().addCertValue(io.vertx.core.buffer.Buffer.buffer(ca.certificatePem()))));
        LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
        CompletableFuture<Short> closed = new CompletableFuture<>();
        WebSocket ws = await(client.connect(new WebSocketConnectOptions().setHost("copilot.microsoft.com").setPort(443)
                .setSsl(true).setURI("/c/api/chat?api-version=2")));
        ws.textMessageHandler(answers::add);
        ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));

        String send = "{\"event\":\"send\",\"conversationId\":\"c1\",\"content\":[{\"type\":\"text\",\"text\":\"my password is hunter2\"}]}";
        ws.writeTextMessage(send);
        String a = answers.poll(20, TimeUnit.SECONDS);
        assertTrue(a != null && a.startsWith("{\"event\":\"appendText\""), String.valueOf(a));
        assertEquals("path /c/api/chat", upstreamGot.get(0));
        assertEquals(send.replace("hunter2", "[REDACTED]"), upstreamGot.get(1));

        ws.writeTextMessage("{\"event\":\"send\",\"content\":[{\"type\":\"text\",\"text\":\"BLOCKME now\"}]}");
        assertEquals((short) 1008, closed.get(20, TimeUnit.SECONDS));
        assertEquals("Hush blocked this message: marker found", ws.closeReason());
        assertFalse(upstreamGot.stream().anyMatch(t -> t.contains("BLOCKME")), "a refused frame never leaves");
        assertEquals(2, upstreamGot.size());
    }
}
