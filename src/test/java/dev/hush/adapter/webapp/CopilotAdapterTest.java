package dev.hush.adapter.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.pipeline.FrameRelay;
import dev.hush.pipeline.Target;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Copilot's chat WebSocket through the pipeline's frame relay, against a local WebSocket stub that answers
 * in Copilot's frame format ({@code startMessage}, {@code appendText} pieces, {@code done}).
 */
class CopilotAdapterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HOST = "copilot.microsoft.com";
    WebAppHarness hush;
    HttpServer app;
    HttpServer front;
    WebSocketClient client;
    final List<String> appReceived = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        hush = new WebAppHarness(HOST);
        // the app: answers each send with the text it got, in four-character appendText frames
        app = hush.vertx.createHttpServer().webSocketHandler(ws -> ws.textMessageHandler(t -> {
            appReceived.add(t);
            try {
                JsonNode f = JSON.readTree(t);
                if (!"send".equals(f.path("event").asText())) {
                    return;
                }
                String answer = "You wrote: " + f.at("/content/0/text").asText();
                ws.writeTextMessage(JSON.writeValueAsString(Map.of("event", "startMessage", "messageId", "m-9")));
                for (int i = 0; i < answer.length(); i += 4) {
                    ws.writeTextMessage(JSON.writeValueAsString(Map.of("event", "appendText", "messageId", "m-9",
                            "partId", "0", "text", answer.substring(i, Math.min(answer.length(), i + 4)))));
                }
                ws.writeTextMessage(JSON.writeValueAsString(Map.of("event", "done", "messageId", "m-9")));
            } catch (Exception e) {
                ws.close();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        WebSocketClient upstreams = hush.vertx.createWebSocketClient();
        // the intercepting side: connect to the app, then relay through the pipeline
        front = hush.vertx.createHttpServer().webSocketHandler(down -> {
            down.pause();
            Target t = hush.targets.intercepted(HOST, down.uri());
            upstreams.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(app.actualPort()).setURI(down.uri()))
                    .onSuccess(up -> {
                        FrameRelay.pipe(down, up, hush.pipeline, t, WebAppHarness.USER, "127.0.0.1");
                        down.resume();
                    }).onFailure(e -> down.close());
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = hush.vertx.createWebSocketClient();
    }

    @AfterEach
    void stop() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        hush.close();
    }

    /** Opens the chat socket as copilot.microsoft.com's page does; incoming text frames land in {@code frames}. */
    WebSocket open(BlockingQueue<String> frames, BlockingQueue<Short> closes) throws Exception {
        WebSocket ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(front.actualPort())
                .setURI("/c/api/chat?api-version=2&features=-%2C&setflight=-%2C&accessToken=eyJ0eXAi"))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ws.textMessageHandler(frames::add);
        ws.closeHandler(v -> closes.add(ws.closeStatusCode() == null ? -1 : ws.closeStatusCode()));
        return ws;
    }

    static String send(String text) throws Exception {
        return JSON.writeValueAsString(Map.of("event", "send", "conversationId", "7Hq2Kx9Lm4Rb", "mode", "chat",
                "content", List.of(Map.of("type", "text", "text", text)), "context", Map.of()));
    }

    /** Reads frames until {@code done}, returning the text the page shows. */
    static String answer(BlockingQueue<String> frames) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            String f = frames.poll(20, TimeUnit.SECONDS);
            if (f == null) {
                throw new AssertionError("no done frame; so far: " + b);
            }
            JsonNode n = JSON.readTree(f);
            if ("appendText".equals(n.path("event").asText())) {
                b.append(n.get("text").asText());
            } else if ("done".equals(n.path("event").asText())) {
                return b.toString();
            }
        }
        throw new AssertionError("too many frames");
    }

    @Test
    void anEmailArrivesPseudonymizedAndIsRestoredAcrossAppendTextFrames() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        BlockingQueue<Short> closes = new LinkedBlockingQueue<>();
        WebSocket ws = open(frames, closes);
        ws.writeTextMessage(JSON.writeValueAsString(Map.of("event", "setOptions", "supportedCards", List.of("weather"))));
        String email = FakeValues.email();
        ws.writeTextMessage(send("invite " + email));
        assertEquals("You wrote: invite " + email, answer(frames));
        String sent = appReceived.get(appReceived.size() - 1);
        assertFalse(sent.contains(email), sent);
        assertTrue(JSON.readTree(sent).at("/content/0/text").asText().matches("invite <EMAIL_\\d+>"), sent);
        assertEquals("7Hq2Kx9Lm4Rb", JSON.readTree(sent).get("conversationId").asText(), "the rest of the frame is kept");
        assertEquals("pseudonymize", hush.lastAudit().action());
        assertEquals("copilot", hush.lastAudit().provider());
        assertEquals("/c/api/chat", hush.lastAudit().endpoint());
    }

    @Test
    void aSecretIsAnsweredInTheAppAndNeverReachesIt() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        BlockingQueue<Short> closes = new LinkedBlockingQueue<>();
        WebSocket ws = open(frames, closes);
        String key = FakeValues.awsKey();
        ws.writeTextMessage(send("rotate " + key));
        String shown = answer(frames);
        assertTrue(shown.contains("Hush blocked") && shown.contains("content[0].text") && shown.contains("policy rule"), shown);
        assertFalse(shown.contains(key));
        assertEquals("block", hush.lastAudit().action());
        // the socket stays open and the next message goes through
        ws.writeTextMessage(send("what is the weather"));
        assertEquals("You wrote: what is the weather", answer(frames));
        assertEquals(1, appReceived.size(), "only the allowed message reached the app: " + appReceived);
        assertTrue(closes.isEmpty());
    }
}
