package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;

/**
 * The whole request path through its stable entry, the gateway's HTTP interface: every provider route's
 * parser (the adapters, however they are arranged inside), compressed bodies (gzip, deflate, and garbage
 * claiming to be compressed) and the scanner behind them. Whatever the body: an answer within the client
 * timeout (no hang), never a 500, an error body in JSON, and the gateway keeps serving.
 */
@Tag("fuzz")
class GatewayFuzzTest {
    private static final String[] ROUTES = {
        "/openai/v1/chat/completions", "/v1/responses", "/openai/v1/embeddings", "/openai/v1/completions",
        "/anthropic/v1/messages", "/gemini/v1beta/models/gemini-2.0-flash:generateContent",
        "/gemini/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
        "/azure/openai/deployments/d1/chat/completions?api-version=2024-10-21",
    };
    private static GatewayFixture fx;

    private static synchronized GatewayFixture fixture() throws Exception {
        if (fx == null) {
            fx = new GatewayFixture();
            fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    fx.close();
                } catch (Exception ignored) {
                    // the JVM is going
                }
            }));
        }
        return fx;
    }

    private static byte[] compress(byte[] b, boolean gzip) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var z = gzip ? new GZIPOutputStream(out) : new DeflaterOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    @FuzzTest(maxDuration = "10m")
    void anyRequestBody(FuzzedDataProvider data) throws Exception {
        GatewayFixture g = fixture();
        String route = data.pickValue(ROUTES);
        int encoding = data.consumeInt(0, 3); // identity, gzip, deflate, garbage labelled gzip
        byte[] body = data.consumeRemainingAsBytes();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(g.url(route))).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json");
        if (encoding == 1 || encoding == 2) {
            body = compress(body, encoding == 1);
            b.header("content-encoding", encoding == 1 ? "gzip" : "deflate");
        } else if (encoding == 3) {
            b.header("content-encoding", "gzip");
        }
        HttpResponse<String> r = g.http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() != 500, () -> "500 for " + route + ": " + r.body());
        if (r.statusCode() >= 400) {
            assertFalse(r.body().isEmpty(), () -> r.statusCode() + " with an empty body for " + route);
            Echo.JSON.readTree(r.body()); // the error is JSON in the provider's format
        }
        assertEquals(200, g.post("/openai/v1/chat/completions", GatewayChatTest.chat("still there")).statusCode());
    }
}
