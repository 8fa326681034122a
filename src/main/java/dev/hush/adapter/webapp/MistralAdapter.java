package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.AnswerRestorer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.redact.ConversationPseudonyms;
import io.vertx.core.http.HttpMethod;
import java.util.Iterator;

/**
 * Mistral Le Chat (chat.mistral.ai): {@code /api/chat} sends {@code messageInput} (a string or a list of
 * parts); the tRPC call {@code /api/trpc/message.newChat} (batched, {@code {"0":{"json":{...}}}}) sends the
 * first message as {@code content}. Every string of those fields is read.
 */
public final class MistralAdapter extends WebAppAdapter {

    public MistralAdapter() {
        super("chat.mistral.ai");
    }

    @Override
    public String name() {
        return "mistral";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.method() != HttpMethod.POST) {
            return null;
        }
        if (path.equals("/api/chat")) {
            ObjectNode body = object(request);
            return input(new Slots(), body, "messageInput", "messageInput").done(body, text(body, "model"), name());
        }
        if (path.startsWith("/api/trpc/") && path.contains("message.newChat")) {
            ObjectNode body = object(request);
            Slots s = new Slots();
            Iterator<String> calls = body.fieldNames();
            while (calls.hasNext()) {
                String k = calls.next();
                JsonNode json = body.path(k).path("json");
                input(s, json, "content", k + ".json.content");
                input(s, json, "messageInput", k + ".json.messageInput");
            }
            return s.done(body, null, name());
        }
        return null;
    }

    private static Slots input(Slots s, JsonNode parent, String field, String where) {
        JsonNode v = parent.path(field);
        return v.isTextual() ? s.field(parent, field, where) : s.all(v, where);
    }

    /** Le Chat streams its answer as lines; JSON answers and events as by default. */
    @Override
    public AnswerRestorer restorer(String contentType, ConversationPseudonyms pseudonyms) {
        String ct = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (ct.startsWith("text/plain") || ct.contains("ndjson") || ct.contains("jsonl")) {
            return new JsonLinesRestorer(pseudonyms);
        }
        return super.restorer(contentType, pseudonyms);
    }
}
