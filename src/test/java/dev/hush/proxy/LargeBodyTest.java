package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.detect.Detector;
import dev.hush.detect.LiteralDetector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import dev.hush.detect.Scanner;
import io.vertx.core.Context;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bodies above gateway.inlineScanChars are parsed, scanned and rewritten off the event loop. */
class LargeBodyTest {
    private static final int INLINE = 2048;
    private static final String EMAIL = "p.okafor" + 3 + "@example.org";

    /** Finds EMAIL; remembers, per text size class, whether it ran on an event loop; can hold large texts. */
    private static final class Probe implements Detector {
        final Map<String, Boolean> onLoop = new ConcurrentHashMap<>();
        final CountDownLatch largeEntered = new CountDownLatch(1);
        volatile CountDownLatch releaseLarge = new CountDownLatch(0);

        @Override
        public String id() {
            return "probe";
        }

        @Override
        public void detect(ScanText text, FindingSink sink) {
            boolean large = text.normalized().length() > INLINE;
            onLoop.put(large ? "large" : "small", Context.isOnEventLoopThread());
            if (large) {
                largeEntered.countDown();
                try {
                    releaseLarge.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            LiteralDetector.eachOccurrence(text.normalized(), EMAIL,
                    i -> sink.add(i, i + EMAIL.length(), "PII.EMAIL", "probe", 0.9));
        }
    }

    private static String largeText() {
        return ("Notes from the planning review, section by section, for " + EMAIL + ". ").repeat(60);
    }

    private static GatewayFixture fixture(Probe probe) throws Exception {
        GatewayFixture fx = new GatewayFixture(c -> {
            c.gateway.inlineScanChars = INLINE;
            c.gateway.eventLoops = 1; // every request on the same event loop
            c.gateway.scanBudgetMs = 120_000; // the held scan must not count as over budget
        }, new Scanner(List.of(probe), "probe-1"));
        fx.upstream.responder = (req, rec) -> {
            try {
                Echo.openAiJson(req, Echo.lastOpenAiText(rec.body()));
            } catch (Exception e) {
                req.response().setStatusCode(500).end();
            }
        };
        return fx;
    }

    @Test
    void largeBodiesAreHandledOnAWorkerAndSmallOnesInline() throws Exception {
        Probe probe = new Probe();
        try (GatewayFixture fx = fixture(probe)) {
            HttpResponse<String> small = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("mail " + EMAIL));
            assertEquals(200, small.statusCode());
            assertTrue(probe.onLoop.get("small"), "a small body is scanned inline");
            String text = largeText();
            HttpResponse<String> large = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat(text));
            assertEquals(200, large.statusCode(), large.body());
            assertFalse(probe.onLoop.get("large"), "a large body is scanned on a worker");
            assertFalse(fx.upstream.last().body().contains(EMAIL), "rewritten before it left");
            assertTrue(fx.upstream.last().body().contains("<EMAIL_1>"));
            assertTrue(large.body().contains(EMAIL), "and restored in the answer");
            String broken = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(3 * INLINE);
            HttpResponse<String> bad = fx.post("/openai/v1/chat/completions", broken);
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("hush_malformed_json"), bad.body());
        }
    }

    /** While a large body's scan is held, a small request on the same (only) event loop is answered. */
    @Test
    void aSlowLargeScanDoesNotHoldUpSmallRequestsOnTheSameLoop() throws Exception {
        Probe probe = new Probe();
        probe.releaseLarge = new CountDownLatch(1);
        try (GatewayFixture fx = fixture(probe)) {
            HttpRequest largeReq = HttpRequest.newBuilder(URI.create(fx.url("/openai/v1/chat/completions")))
                    .timeout(Duration.ofSeconds(60)).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(GatewayChatTest.chat(largeText()))).build();
            CompletableFuture<HttpResponse<String>> large = fx.http.sendAsync(largeReq, HttpResponse.BodyHandlers.ofString());
            assertTrue(probe.largeEntered.await(30, TimeUnit.SECONDS), "the large scan started");
            HttpResponse<String> small = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("mail " + EMAIL));
            assertEquals(200, small.statusCode());
            assertFalse(large.isDone(), "the large request is still held in its scan");
            probe.releaseLarge.countDown();
            assertEquals(200, large.get(60, TimeUnit.SECONDS).statusCode());
        }
    }
}
