package dev.hush.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.Adapters;
import dev.hush.adapter.TextSlot;
import dev.hush.adapter.api.ApiAdapter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in model for {@code hush serve --demo}: it answers every provider API by echoing the last text it
 * received, in that provider's format, streaming when asked. What it echoes is what the real provider would
 * have seen, so a newcomer can watch placeholders go out and originals come back without any account.
 */
public final class DemoUpstream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final Vertx vertx;
    private HttpServer server;

    public DemoUpstream(Vertx vertx) {
        this.vertx = vertx;
    }

    public Future<Integer> start() {
        return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            try {
                answer(req, b.length() == 0 ? F.objectNode() : (ObjectNode) JSON.readTree(b.getBytes()));
            } catch (Exception e) {
                req.response().setStatusCode(400).putHeader("content-type", "application/json")
                        .end("{\"error\":{\"message\":\"demo upstream: body is not a JSON object\"}}");
            }
        })).listen(0, "127.0.0.1").map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void answer(HttpServerRequest req, ObjectNode body) {
        String path = req.path();
        if (path.matches("/v1(beta)?/models(/[^/:]+)?/?")) {
            models(req);
            return;
        }
        String provider = path.contains("/v1/messages") ? "anthropic"
                : path.contains(":generateContent") || path.contains(":streamGenerateContent") ? "gemini" : "openai";
        String model = body.path("model").asText("demo");
        ApiAdapter a = (ApiAdapter) Adapters.registered().get(provider);
        List<TextSlot> slots = a.extractJson(body, path).slots();
        String text = "You said: " + (slots.isEmpty() ? "" : slots.get(slots.size() - 1).text());
        boolean stream = body.path("stream").asBoolean(false) || path.contains(":streamGenerateContent");
        List<String> pieces = pieces(text);
        HttpServerResponse resp = req.response();
        // answer text comes back restored, so the header is where a newcomer sees what the model really got
        resp.putHeader("X-Demo-Model-Saw", headerSafe(slots.isEmpty() ? "" : slots.get(slots.size() - 1).text()));
        int inTokens = tokens(slots);
        int outTokens = Math.max(1, text.length() / 4);
        if (provider.equals("anthropic")) {
            if (!stream) {
                ObjectNode m = F.objectNode().put("id", "msg_demo").put("type", "message").put("role", "assistant")
                        .put("model", model);
                m.putArray("content").addObject().put("type", "text").put("text", text);
                m.put("stop_reason", "end_turn").putNull("stop_sequence");
                m.putObject("usage").put("input_tokens", inTokens).put("output_tokens", outTokens);
                json(resp, m);
                return;
            }
            // the event sequence and fields of Anthropic's streaming reference: the SDKs' stream accumulators
            // read message.usage from message_start and usage from message_delta
            List<String> ev = new ArrayList<>();
            ObjectNode start = F.objectNode().put("type", "message_start");
            ObjectNode msg = start.putObject("message").put("id", "msg_demo").put("type", "message").put("role", "assistant")
                    .put("model", model);
            msg.putArray("content");
            msg.putNull("stop_reason").putNull("stop_sequence");
            msg.putObject("usage").put("input_tokens", inTokens).put("output_tokens", 1);
            ev.add(sse("message_start", start.toString()));
            ev.add(sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            for (String p : pieces) {
                ObjectNode d = F.objectNode().put("type", "content_block_delta").put("index", 0);
                d.putObject("delta").put("type", "text_delta").put("text", p);
                ev.add(sse("content_block_delta", d.toString()));
            }
            ev.add(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            ObjectNode md = F.objectNode().put("type", "message_delta");
            md.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
            md.putObject("usage").put("output_tokens", outTokens);
            ev.add(sse("message_delta", md.toString()));
            ev.add(sse("message_stop", "{\"type\":\"message_stop\"}"));
            stream(resp, ev);
        } else if (provider.equals("gemini")) {
            if (!stream) {
                json(resp, gemini(text, true, inTokens, outTokens));
                return;
            }
            List<String> ev = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                ev.add(sse(null, gemini(pieces.get(i), i == pieces.size() - 1, inTokens, outTokens).toString()));
            }
            stream(resp, ev);
        } else if (path.endsWith("/responses")) {
            if (!stream) {
                json(resp, response(model, text, "completed", inTokens, outTokens));
                return;
            }
            // the Responses stream as documented: the SDKs build their snapshot from response.created and the
            // item/part "added" events before any delta, and read the final response from response.completed
            List<String> ev = new ArrayList<>();
            int[] seq = {0};
            ObjectNode created = F.objectNode().put("type", "response.created");
            ObjectNode createdResp = response(model, "", "in_progress", 0, 0);
            createdResp.putArray("output");
            createdResp.remove("output_text");
            created.set("response", createdResp);
            ev.add(responsesEvent(created, seq));
            ObjectNode added = F.objectNode().put("type", "response.output_item.added").put("output_index", 0);
            ObjectNode item = added.putObject("item").put("id", "msg_demo").put("type", "message").put("status", "in_progress")
                    .put("role", "assistant");
            item.putArray("content");
            ev.add(responsesEvent(added, seq));
            ObjectNode part = F.objectNode().put("type", "response.content_part.added").put("item_id", "msg_demo")
                    .put("output_index", 0).put("content_index", 0);
            part.putObject("part").put("type", "output_text").put("text", "").putArray("annotations");
            ev.add(responsesEvent(part, seq));
            for (String p : pieces) {
                ObjectNode d = F.objectNode().put("type", "response.output_text.delta").put("item_id", "msg_demo")
                        .put("output_index", 0).put("content_index", 0).put("delta", p);
                ev.add(responsesEvent(d, seq));
            }
            ObjectNode done = F.objectNode().put("type", "response.output_text.done").put("item_id", "msg_demo")
                    .put("output_index", 0).put("content_index", 0).put("text", text);
            ev.add(responsesEvent(done, seq));
            ObjectNode partDone = F.objectNode().put("type", "response.content_part.done").put("item_id", "msg_demo")
                    .put("output_index", 0).put("content_index", 0);
            partDone.putObject("part").put("type", "output_text").put("text", text).putArray("annotations");
            ev.add(responsesEvent(partDone, seq));
            ObjectNode final_ = response(model, text, "completed", inTokens, outTokens);
            ObjectNode itemDone = F.objectNode().put("type", "response.output_item.done").put("output_index", 0);
            itemDone.set("item", final_.get("output").get(0));
            ev.add(responsesEvent(itemDone, seq));
            ObjectNode completed = F.objectNode().put("type", "response.completed");
            completed.set("response", final_);
            ev.add(responsesEvent(completed, seq));
            stream(resp, ev);
        } else {
            boolean legacy = path.endsWith("/completions") && !path.endsWith("/chat/completions");
            long now = System.currentTimeMillis() / 1000;
            if (!stream) {
                ObjectNode r = F.objectNode().put("id", legacy ? "cmpl-demo" : "chatcmpl-demo")
                        .put("object", legacy ? "text_completion" : "chat.completion").put("created", now).put("model", model);
                ObjectNode c = r.putArray("choices").addObject().put("index", 0);
                if (legacy) {
                    c.put("text", text).putNull("logprobs");
                } else {
                    c.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
                    c.putNull("logprobs");
                }
                c.put("finish_reason", "stop");
                usage(r, inTokens, outTokens);
                json(resp, r);
                return;
            }
            List<String> ev = new ArrayList<>();
            boolean withUsage = body.path("stream_options").path("include_usage").asBoolean(false);
            for (int i = 0; i < pieces.size(); i++) {
                ObjectNode r = chunk(legacy, now, model);
                ObjectNode c = r.putArray("choices").addObject().put("index", 0);
                if (legacy) {
                    c.put("text", pieces.get(i)).putNull("logprobs");
                } else {
                    ObjectNode d = c.putObject("delta");
                    if (i == 0) {
                        d.put("role", "assistant"); // the first chunk names the role, as OpenAI's do
                    }
                    d.put("content", pieces.get(i));
                }
                c.putNull("finish_reason");
                ev.add(sse(null, r.toString()));
            }
            ObjectNode last = chunk(legacy, now, model);
            ObjectNode lc = last.putArray("choices").addObject().put("index", 0);
            if (legacy) {
                lc.put("text", "").putNull("logprobs");
            } else {
                lc.putObject("delta");
            }
            lc.put("finish_reason", "stop");
            ev.add(sse(null, last.toString()));
            if (withUsage) {
                // stream_options.include_usage: one more chunk with empty choices and the usage
                ObjectNode u = chunk(legacy, now, model);
                u.putArray("choices");
                usage(u, inTokens, outTokens);
                ev.add(sse(null, u.toString()));
            }
            ev.add(sse(null, "[DONE]"));
            stream(resp, ev);
        }
    }

    /** The model list of each provider's {@code GET .../models}, with the one model the demo serves. */
    private static void models(HttpServerRequest req) {
        String path = req.path();
        ObjectNode r = F.objectNode();
        if (path.startsWith("/v1beta/")) {
            ObjectNode m = F.objectNode().put("name", "models/demo").put("displayName", "Hush demo echo model")
                    .put("inputTokenLimit", 1_000_000).put("outputTokenLimit", 8192);
            m.putArray("supportedGenerationMethods").add("generateContent").add("streamGenerateContent").add("countTokens");
            if (path.matches("/v1beta/models/[^/:]+")) {
                json(req.response(), m);
                return;
            }
            r.putArray("models").add(m);
        } else {
            boolean one = !path.matches("/v1/models/?");
            ObjectNode m = F.objectNode();
            if (req.headers().contains("anthropic-version")) {
                m.put("type", "model").put("id", "demo").put("display_name", "Hush demo echo model")
                        .put("created_at", "2025-01-01T00:00:00Z");
                r.putArray("data").add(m);
                r.put("has_more", false).put("first_id", "demo").put("last_id", "demo");
            } else {
                m.put("id", "demo").put("object", "model").put("created", 1_735_689_600L).put("owned_by", "hush-demo");
                r.put("object", "list");
                r.putArray("data").add(m);
            }
            if (one) {
                json(req.response(), m);
                return;
            }
        }
        json(req.response(), r);
    }

    private static int tokens(List<TextSlot> slots) {
        int chars = 0;
        for (TextSlot t : slots) {
            chars += t.text().length();
        }
        return Math.max(1, chars / 4); // a rough count; clients only need a number
    }

    private static void usage(ObjectNode r, int in, int out) {
        r.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
    }

    private static ObjectNode chunk(boolean legacy, long created, String model) {
        return F.objectNode().put("id", legacy ? "cmpl-demo" : "chatcmpl-demo")
                .put("object", legacy ? "text_completion" : "chat.completion.chunk").put("created", created).put("model", model);
    }

    private static ObjectNode response(String model, String text, String status, int in, int out) {
        ObjectNode r = F.objectNode().put("id", "resp_demo").put("object", "response")
                .put("created_at", System.currentTimeMillis() / 1000).put("status", status).put("model", model);
        ObjectNode msg = r.putArray("output").addObject().put("id", "msg_demo").put("type", "message")
                .put("status", "completed").put("role", "assistant");
        msg.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
        r.put("output_text", text);
        r.putObject("usage").put("input_tokens", in).put("output_tokens", out).put("total_tokens", in + out);
        return r;
    }

    private static String responsesEvent(ObjectNode event, int[] seq) {
        event.put("sequence_number", seq[0]++);
        return sse(event.get("type").asText(), event.toString());
    }

    private static String headerSafe(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static ObjectNode gemini(String text, boolean last, int in, int out) {
        ObjectNode r = F.objectNode();
        ObjectNode c = r.putArray("candidates").addObject();
        c.putObject("content").put("role", "model").putArray("parts").addObject().put("text", text);
        if (last) {
            c.put("finishReason", "STOP");
        }
        c.put("index", 0);
        r.putObject("usageMetadata").put("promptTokenCount", in).put("candidatesTokenCount", last ? out : 0)
                .put("totalTokenCount", in + (last ? out : 0));
        r.put("modelVersion", "demo");
        return r;
    }

    /** Small pieces, so placeholders are split across events as real models split them across tokens. */
    private static List<String> pieces(String text) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 5) {
            l.add(text.substring(i, Math.min(text.length(), i + 5)));
        }
        if (l.isEmpty()) {
            l.add("");
        }
        return l;
    }

    private static String sse(String event, String data) {
        return (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
    }

    private static void json(HttpServerResponse resp, JsonNode n) {
        resp.putHeader("content-type", "application/json").end(n.toString());
    }

    /** Sends events a few milliseconds apart, like a model producing tokens. */
    private void stream(HttpServerResponse resp, List<String> events) {
        resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
        int[] i = {0};
        vertx.setPeriodic(1, 10, id -> {
            if (resp.closed() || i[0] >= events.size()) {
                vertx.cancelTimer(id);
                if (!resp.ended() && !resp.closed()) {
                    resp.end();
                }
                return;
            }
            resp.write(events.get(i[0]++));
        });
    }
}
