package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.audit.AuditRecord;
import dev.hush.policy.PolicyRule;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** End to end through a real gateway: OpenAI chat and Anthropic messages, block / redact / pseudonymize / restore. */
class GatewayChatTest extends WithGateway {
    static final String EMAIL = "jane.doe@example.com";

    static String chat(String text) {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":" + Echo.JSON.valueToTree(text) + "}]}";
    }

    static String chatStream(String text) {
        return chat(text).replace("{\"model\":\"gpt-4o\",", "{\"model\":\"gpt-4o\",\"stream\":true,");
    }

    @Test
    void secretIsBlockedInOpenAiFormatAndNothingGoesUpstream() throws Exception {
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", chat("deploy with " + TestScanners.AWS_KEY),
                "Authorization", "Bearer sk-test-123");
        assertEquals(400, r.statusCode());
        JsonNode err = Echo.JSON.readTree(r.body()).get("error");
        assertEquals("hush_blocked", err.get("code").asText());
        assertEquals("invalid_request_error", err.get("type").asText());
        String msg = err.get("message").asText();
        assertTrue(msg.contains("SECRET.AWS_ACCESS_KEY_ID"), msg);
        assertTrue(msg.contains("messages[1].content"), msg);
        assertTrue(msg.contains("default-credentials"), msg);
        assertTrue(msg.contains("(20 chars)"), msg);
        assertFalse(r.body().contains(TestScanners.AWS_KEY));
        assertTrue(fx.upstream.received.isEmpty(), "nothing may reach the provider");
        AuditRecord a = fx.audit.last();
        assertEquals("block", a.action());
        assertEquals(1, a.findings().size());
        assertEquals("messages[1].content", a.findings().get(0).location());
        assertFalse(a.toString().contains(TestScanners.AWS_KEY));
        assertFalse(a.toString().contains("sk-test-123"), "the client key never reaches the audit");
        assertTrue(a.user().startsWith("key:hmac:"));
        assertEquals(0, a.upstreamStatus());
    }

    @Test
    void emailIsPseudonymizedUpstreamAndRestoredForTheClient() throws Exception {
        fx.upstream.responder = (req, rec) -> {
            try {
                Echo.openAiJson(req, Echo.lastOpenAiText(rec.body()));
            } catch (Exception e) {
                req.response().setStatusCode(500).end();
            }
        };
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", chat("Mail " + EMAIL + " the report"),
                "Authorization", "Bearer sk-test-123");
        assertEquals(200, r.statusCode(), r.body());
        String sent = fx.upstream.last().body();
        assertFalse(sent.contains(EMAIL), sent);
        assertTrue(sent.contains("Mail <EMAIL_1> the report"), sent);
        assertEquals("Bearer sk-test-123", fx.upstream.last().headers().get("authorization"), "credentials pass through");
        String content = Echo.JSON.readTree(r.body()).at("/choices/0/message/content").asText();
        assertEquals("You said: Mail " + EMAIL + " the report", content);
        assertEquals("pseudonymize", r.headers().firstValue("X-Hush-Action").orElse(""));
        AuditRecord a = fx.audit.last();
        assertEquals("pseudonymize", a.action());
        assertEquals(200, a.upstreamStatus());
        assertEquals("gpt-4o", a.model());
        assertEquals("/v1/chat/completions", a.endpoint());
        assertFalse(a.toString().contains(EMAIL));
    }

    @Test
    void bareV1RouteAndSamePlaceholderAcrossTheConversation() throws Exception {
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String other = "john@example.org";
        String turn1 = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"write to " + EMAIL + "\"}]}";
        String turn2 = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"write to " + EMAIL + "\"},"
                + "{\"role\":\"assistant\",\"content\":\"ok\"},{\"role\":\"user\",\"content\":\"and cc " + other
                + " and " + EMAIL + "\"}]}";
        assertEquals(200, fx.post("/v1/chat/completions", turn1, "Authorization", "Bearer k1").statusCode());
        assertEquals(200, fx.post("/v1/chat/completions", turn2, "Authorization", "Bearer k1").statusCode());
        String sent = fx.upstream.last().body();
        assertTrue(sent.contains("write to <EMAIL_1>"), sent);
        assertTrue(sent.contains("and cc <EMAIL_2> and <EMAIL_1>"), sent);
    }

    @Test
    void conversationsSharingASystemPromptKeepTheirOwnPlaceholders() throws Exception {
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        fx.post("/v1/chat/completions", chat("first chat, mail a@x.io"), "Authorization", "Bearer k1");
        assertTrue(fx.upstream.last().body().contains("mail <EMAIL_1>"));
        fx.post("/v1/chat/completions", chat("second chat, mail b@y.io"), "Authorization", "Bearer k1");
        assertTrue(fx.upstream.last().body().contains("mail <EMAIL_1>"), "a new conversation starts at 1");
    }

    @Test
    void redactRuleFromConfigReplacesTheValue() throws Exception {
        fx.close();
        fx = new GatewayFixture(c -> c.policy.rules.add(new PolicyRule("email-redact", "PII.EMAIL", "redact")));
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", chat("mail " + EMAIL));
        assertEquals(200, r.statusCode());
        assertTrue(fx.upstream.last().body().contains("mail [REDACTED:PII.EMAIL]"), fx.upstream.last().body());
        assertEquals("redact", fx.audit.last().action());
        assertEquals("email-redact", fx.audit.last().reason());
    }

    @Test
    void openAiStreamIsRestoredEventByEvent() throws Exception {
        fx.upstream.responder = (req, rec) -> {
            try {
                Echo.sse(req, Echo.openAiEvents("Sure, " + Echo.lastOpenAiText(rec.body()) + "!"));
            } catch (Exception e) {
                req.response().setStatusCode(500).end();
            }
        };
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", chatStream("ping " + EMAIL + " now"));
        assertEquals(200, r.statusCode());
        assertTrue(fx.upstream.last().body().contains("ping <EMAIL_1> now"));
        assertEquals("Sure, ping " + EMAIL + " now!", Echo.openAiStreamText(r.body()));
        assertFalse(r.body().contains("EMAIL_1"), r.body());
        assertTrue(r.body().trim().endsWith("data: [DONE]"), r.body());
    }

    @Test
    void anthropicMessagesBlockAndPseudonymizeWithRestoreInJsonAndStream() throws Exception {
        String blocked = "{\"model\":\"claude-sonnet-4\",\"max_tokens\":10,\"system\":\"key " + TestScanners.AWS_KEY
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> b = fx.post("/anthropic/v1/messages", blocked, "x-api-key", "sk-ant-1");
        assertEquals(400, b.statusCode());
        JsonNode err = Echo.JSON.readTree(b.body());
        assertEquals("error", err.get("type").asText());
        assertEquals("invalid_request_error", err.at("/error/type").asText());
        assertTrue(err.at("/error/message").asText().contains("system"));
        assertTrue(fx.upstream.received.isEmpty());

        fx.upstream.responder = (req, rec) -> {
            try {
                String t = Echo.lastAnthropicText(rec.body());
                if (rec.body().contains("\"stream\":true")) {
                    Echo.sse(req, Echo.anthropicEvents("Echo: " + t));
                } else {
                    req.response().putHeader("content-type", "application/json").end(
                            "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":"
                                    + Echo.JSON.valueToTree("Echo: " + t) + "}]}");
                }
            } catch (Exception e) {
                req.response().setStatusCode(500).end();
            }
        };
        String body = "{\"model\":\"claude-sonnet-4\",\"max_tokens\":10,\"system\":[{\"type\":\"text\",\"text\":\"You help "
                + EMAIL + "\"}],\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"who is "
                + EMAIL + "?\"},{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"owner: " + EMAIL + "\"}]}]}";
        HttpResponse<String> r = fx.post("/anthropic/v1/messages", body, "x-api-key", "sk-ant-1");
        assertEquals(200, r.statusCode(), r.body());
        String sent = fx.upstream.last().body();
        assertFalse(sent.contains(EMAIL), sent);
        assertTrue(sent.contains("You help <EMAIL_1>") && sent.contains("who is <EMAIL_1>?")
                && sent.contains("owner: <EMAIL_1>"), sent);
        assertEquals("sk-ant-1", fx.upstream.last().headers().get("x-api-key"));
        assertEquals("Echo: who is " + EMAIL + "?", Echo.JSON.readTree(r.body()).at("/content/0/text").asText());

        HttpResponse<String> s = fx.post("/anthropic/v1/messages", body.replace("\"max_tokens\":10,", "\"max_tokens\":10,\"stream\":true,"),
                "x-api-key", "sk-ant-1");
        assertEquals(200, s.statusCode());
        assertEquals("Echo: who is " + EMAIL + "?", Echo.anthropicStreamText(s.body()));
        assertTrue(s.body().contains("event: message_stop"));
        assertFalse(s.body().contains("<EMAIL_1>"));
    }

    @Test
    void otherKeysNeverGetThisConversationsOriginals() throws Exception {
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "<EMAIL_1>");
        fx.post("/v1/chat/completions", chat("mail " + EMAIL), "Authorization", "Bearer alice",
                "X-Hush-Conversation", "c1");
        // same conversation id, different key, no PII of its own: the model's "<EMAIL_1>" stays as it is
        HttpResponse<String> r = fx.post("/v1/chat/completions", chat("hello"), "Authorization", "Bearer mallory",
                "X-Hush-Conversation", "c1");
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains(EMAIL), r.body());
        assertTrue(r.body().contains("<EMAIL_1>"), r.body());
        assertNull(fx.audit.last().justification());
        assertNotNull(fx.audit.last().requestId());
    }

    @Test
    void twoPeopleOfOneTeamVirtualKeyWithOneConversationIdNeverGetEachOthersOriginals() throws Exception {
        fx.close();
        fx = new GatewayFixture(c -> {
            dev.hush.config.GatewaySettings.VirtualKey team = new dev.hush.config.GatewaySettings.VirtualKey();
            team.provider = "openai";
            team.key = "sk-team-provider-key";
            c.gateway.virtualKeys.put("hush-team-key", team); // shared: no user of its own
        });
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "<EMAIL_1>");
        HttpResponse<String> ann = fx.post("/v1/chat/completions", chat("mail " + EMAIL), "Authorization",
                "Bearer hush-team-key", "X-Hush-User", "ann", "X-Hush-Conversation", "c1");
        assertTrue(ann.body().contains(EMAIL), ann.body());
        HttpResponse<String> bob = fx.post("/v1/chat/completions", chat("hello"), "Authorization",
                "Bearer hush-team-key", "X-Hush-User", "bob", "X-Hush-Conversation", "c1");
        assertEquals(200, bob.statusCode());
        assertFalse(bob.body().contains(EMAIL), bob.body());
        assertTrue(bob.body().contains("<EMAIL_1>"), bob.body());
        assertEquals("bob", fx.audit.last().user());
    }
}
