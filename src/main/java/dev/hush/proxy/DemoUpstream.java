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
        String provider = path.contains("/v1/messages") ? "anthropic"
                : path.contains(":generateContent") || path.contains(":streamGenerateContent") ? "gemini" : "openai";
        ApiAdapter a = (ApiAdapter) Adapters.registered().get(provider);
        List<TextSlot> slots = a.extractJson(body, path).slots();
        String text = "You said: " + (slots.isEmpty() ? "" : slots.get(slots.size() - 1).text());
        boolean stream = body.path("stream").asBoolean(false) || path.contains(":streamGenerateContent");
        List<String> pieces = pieces(text);
        HttpServerResponse resp = req.response();
        // answer text comes back restored, so the header is where a newcomer sees what the model really got
        resp.putHeader("X-Demo-Model-Saw", headerSafe(slots.isEmpty() ? "" : slots.get(slots.size() - 1).text()));
        if (provider.equals("anthropic")) {
            if (!stream) {
                ObjectNode m = F.objectNode().put("id", "msg_demo").put("type", "message").put("role", "assistant")
                        .put("model", body.path("model").asText("demo"));
                m.putArray("content").addObject().put("type", "text").put("text", text);
                m.put("stop_reason", "end_turn");
                json(resp, m);
                return;
            }
            List<String> ev = new ArrayList<>();
            ev.add(sse("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_demo\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"demo\"}}"));
            ev.add(sse("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
            for (String p : pieces) {
                ObjectNode d = F.objectNode().put("type", "content_block_delta").put("index", 0);
                d.putObject("delta").put("type", "text_delta").put("text", p);
                ev.add(sse("content_block_delta", d.toString()));
            }
            ev.add(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
            ev.add(sse("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}"));
            ev.add(sse("message_stop", "{\"type\":\"message_stop\"}"));
            stream(resp, ev);
        } else if (provider.equals("gemini")) {
            if (!stream) {
                json(resp, gemini(text, true));
                return;
            }
            List<String> ev = new ArrayList<>();
            for (int i = 0; i < pieces.size(); i++) {
                ev.add(sse(null, gemini(pieces.get(i), i == pieces.size() - 1).toString()));
            }
            stream(resp, ev);
        } else if (path.endsWith("/responses")) {
            if (!stream) {
                ObjectNode r = F.objectNode().put("id", "resp_demo").put("object", "response").put("status", "completed");
                ObjectNode msg = r.putArray("output").addObject().put("type", "message").put("role", "assistant");
                msg.putArray("content").addObject().put("type", "output_text").put("text", text);
                json(resp, r);
                return;
            }
            List<String> ev = new ArrayList<>();
            for (String p : pieces) {
                ObjectNode d = F.objectNode().put("type", "response.output_text.delta").put("item_id", "msg_demo")
                        .put("output_index", 0).put("content_index", 0).put("delta", p);
                ev.add(sse("response.output_text.delta", d.toString()));
            }
            ObjectNode done = F.objectNode().put("type", "response.output_text.done").put("item_id", "msg_demo")
                    .put("output_index", 0).put("content_index", 0).put("text", text);
            ev.add(sse("response.output_text.done", done.toString()));
            ev.add(sse("response.completed", "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_demo\",\"status\":\"completed\"}}"));
            stream(resp, ev);
        } else {
            boolean legacy = path.endsWith("/completions") && !path.endsWith("/chat/completions");
            if (!stream) {
                ObjectNode r = F.objectNode().put("id", "chatcmpl-demo").put("object", legacy ? "text_completion" : "chat.completion")
                        .put("model", body.path("model").asText("demo"));
                ObjectNode c = r.putArray("choices").addObject().put("index", 0);
                if (legacy) {
                    c.put("text", text);
                } else {
                    c.putObject("message").put("role", "assistant").put("content", text);
                }
                c.put("finish_reason", "stop");
                json(resp, r);
                return;
            }
            List<String> ev = new ArrayList<>();
            for (String p : pieces) {
                ObjectNode r = F.objectNode().put("id", "chatcmpl-demo").put("object", "chat.completion.chunk");
                ObjectNode c = r.putArray("choices").addObject().put("index", 0);
                if (legacy) {
                    c.put("text", p);
                } else {
                    c.putObject("delta").put("content", p);
                }
                c.putNull("finish_reason");
                ev.add(sse(null, r.toString()));
            }
            ev.add(sse(null, "{\"id\":\"chatcmpl-demo\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}"));
            ev.add(sse(null, "[DONE]"));
            stream(resp, ev);
        }
    }

    private static String headerSafe(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200));
        for (int i = 0; i < s.length() && b.length() < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    private static ObjectNode gemini(String text, boolean last) {
        ObjectNode r = F.objectNode();
        ObjectNode c = r.putArray("candidates").addObject();
        c.putObject("content").put("role", "model").putArray("parts").addObject().put("text", text);
        if (last) {
            c.put("finishReason", "STOP");
        }
        c.put("index", 0);
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
