package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {
    /** Hop-by-hop and X-Hush-* headers stay behind whatever their case; the provider key goes upstream. */
    @Test
    void hopByHopAndHushHeadersStayBehindInAnyCase() throws Exception {
        try (GatewayFixture fx = new GatewayFixture()) {
            fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
            String body = GatewayChatTest.chat("what changed in the plan this week?");
            HttpResponse<String> r = fx.post("/openai/v1/chat/completions", body,
                    "X-HUSH-Justification", "release notes", "x-Hush-Groups", "finance",
                    "Keep-Alive", "timeout=5", "TE", "trailers", "Proxy-Authorization", "Basic cHJveHk6c2VjcmV0",
                    "Authorization", "Bearer sk-test-not-a-real-key");
            assertEquals(200, r.statusCode());
            Map<String, String> got = fx.upstream.last().headers();
            for (String gone : new String[] {"x-hush-justification", "x-hush-groups", "keep-alive", "te",
                    "proxy-authorization"}) {
                assertFalse(got.containsKey(gone), gone + " must not be forwarded: " + got.keySet());
            }
            assertEquals("Bearer sk-test-not-a-real-key", got.get("authorization"));
            assertEquals(Integer.toString(body.getBytes(StandardCharsets.UTF_8).length), got.get("content-length"));
        }
    }
}
