package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.Answer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.Refusal;
import dev.hush.adapter.StreamText;
import io.vertx.core.http.HttpMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * ChatGPT (chatgpt.com): the conversation requests ({@code messages[].content.parts[]}, text and
 * {@code multimodal_text}; signed-in, {@code /f/} and anonymous), the draft sent while typing
 * ({@code /f/conversation/prepare}, {@code partial_query}), upload metadata ({@code /backend-api/files}) and
 * the file itself ({@code PUT} to {@code *.oaiusercontent.com}). Refusals of a chat message come back as an
 * assistant message in ChatGPT's event stream.
 */
public final class ChatGptAdapter extends WebAppAdapter {

    public ChatGptAdapter() {
        super("chatgpt.com", "chat.openai.com", "*.oaiusercontent.com");
    }

    @Override
    public String name() {
        return "chatgpt";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.host().endsWith(".oaiusercontent.com") && request.method() == HttpMethod.PUT) {
            return file(request, uploadName(request.uri()));
        }
        if (request.method() != HttpMethod.POST) {
            return null;
        }
        if (conversation(path)) {
            ObjectNode body = object(request);
            Slots s = new Slots();
            JsonNode messages = body.path("messages");
            for (int i = 0; i < messages.size(); i++) {
                content(s, messages.get(i).path("content"), "messages[" + i + "].content");
            }
            return s.done(body, text(body, "model"), name());
        }
        if (path.equals("/backend-api/f/conversation/prepare") || path.equals("/backend-api/conversation/prepare")) {
            ObjectNode body = object(request);
            Slots s = new Slots();
            JsonNode q = body.path("partial_query");
            if (q.isTextual()) {
                s.field(body, "partial_query", "partial_query");
            } else {
                content(s, q.path("content"), "partial_query.content");
            }
            return s.done(body, text(body, "model"), name());
        }
        if (path.equals("/backend-api/files")) {
            ObjectNode body = object(request);
            return new Slots().field(body, "file_name", "file_name").done(body, null, name());
        }
        return null;
    }

    private static boolean conversation(String path) {
        return path.equals("/backend-api/conversation") || path.equals("/backend-api/f/conversation")
                || path.equals("/backend-anon/conversation") || path.equals("/backend-anon/f/conversation");
    }

    /** A message's content: string parts (text, or the text beside images in {@code multimodal_text}). */
    private static void content(Slots s, JsonNode content, String where) {
        JsonNode parts = content.path("parts");
        if (parts instanceof ArrayNode a) {
            for (int j = 0; j < a.size(); j++) {
                String p = where + ".parts[" + j + "]";
                if (a.get(j).isTextual()) {
                    s.element(a, j, p);
                } else {
                    // image/audio asset pointers were uploaded (and decided) on their own; text parts carry "text"
                    s.field(a.get(j), "text", p + ".text");
                }
            }
        }
        s.field(content, "text", where + ".text"); // code and execution-output content
        s.field(content, "user_profile", where + ".user_profile");
        s.field(content, "user_instructions", where + ".user_instructions");
    }

    /** Blob uploads carry the file name in the signed URL's {@code rscd} (content disposition), if anywhere. */
    private static String uploadName(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String kv : uri.substring(q + 1).split("&")) {
            if (kv.startsWith("rscd=")) {
                String cd = URLDecoder.decode(kv.substring(5), StandardCharsets.UTF_8);
                int f = cd.indexOf("filename=");
                return f < 0 ? null : cd.substring(f + 9).replace("\"", "").trim();
            }
        }
        return null;
    }

    @Override
    boolean chat(InboundRequest request) {
        return request.method() == HttpMethod.POST && conversation(pathOnly(request.uri()));
    }

    /** One finished assistant message, in the (non-delta) event format the ChatGPT client still reads. */
    @Override
    Answer inApp(Refusal r, InboundRequest request) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode event = f.objectNode();
        ObjectNode m = event.putObject("message");
        m.put("id", UUID.randomUUID().toString());
        m.putObject("author").put("role", "assistant").putNull("name").putObject("metadata");
        m.put("create_time", System.currentTimeMillis() / 1000.0);
        ObjectNode c = m.putObject("content");
        c.put("content_type", "text");
        c.putArray("parts").add("\u26d4 " + r.message());
        m.put("status", "finished_successfully");
        m.put("end_turn", true);
        m.put("weight", 1.0);
        m.putObject("metadata").putObject("hush").put("code", r.code()).put("action", r.action());
        m.put("recipient", "all");
        String conv = null;
        try {
            conv = text(JSON.readTree(request.body().getBytes()), "conversation_id");
        } catch (Exception e) {
            // no conversation id: a new conversation
        }
        if (conv == null) {
            event.putNull("conversation_id");
        } else {
            event.put("conversation_id", conv);
        }
        event.putNull("error");
        String sse = "data: " + event + "\n\ndata: [DONE]\n\n";
        return new Answer(200, "text/event-stream; charset=utf-8", sse.getBytes(StandardCharsets.UTF_8));
    }

    /** The delta encoding appends text as {@code {"p":"/message/content/parts/0","o":"append","v":"..."}} or just {@code {"v":"..."}}. */
    @Override
    public List<StreamText> streamTexts(JsonNode event) {
        JsonNode v = event.get("v");
        if (v == null || !v.isTextual()) {
            return List.of();
        }
        String o = event.path("o").asText("append");
        String p = event.path("p").asText("/message/content/parts/0");
        if (!o.equals("append") || !p.startsWith("/message/content/parts/")) {
            return List.of();
        }
        return List.of(new StreamText("part", "", "v", false, false));
    }
}
