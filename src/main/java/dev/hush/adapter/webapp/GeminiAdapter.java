package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hush.adapter.AnswerRestorer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.TextSlot;
import dev.hush.redact.ConversationPseudonyms;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gemini (gemini.google.com): {@code StreamGenerate} posts a form whose {@code f.req} is a JSON array holding,
 * as a JSON string, the request proper: {@code [[prompt, 0, null, [[[file ref], name], ...]], [lang], [ids]...]}.
 * The prompt and the attached files' names are read there and written back through both layers.
 * {@code batchexecute} (every other RPC) has the same shape with RPC-specific arguments: the generic reading
 * walks every string through the layers. Files go to {@code content-push.googleapis.com/upload} as a
 * resumable upload whose {@code upload} command carries the file's bytes.
 */
public final class GeminiAdapter extends WebAppAdapter {

    public GeminiAdapter() {
        super("gemini.google.com", "content-push.googleapis.com");
    }

    @Override
    public String name() {
        return "gemini-web";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.host().equals("content-push.googleapis.com")) {
            String cmd = request.header("x-goog-upload-command");
            boolean bytes = cmd != null && cmd.toLowerCase(Locale.ROOT).contains("upload");
            return bytes ? file(request, request.header("x-goog-upload-file-name")) : null;
        }
        if (request.method() != HttpMethod.POST || !path.endsWith("/StreamGenerate")) {
            return null;
        }
        FormField freq = FormField.of(request, "f.req");
        if (freq == null) {
            throw new MalformedBody("StreamGenerate without f.req");
        }
        return streamGenerate(freq);
    }

    private ExtractedRequest streamGenerate(FormField freq) throws MalformedBody {
        JsonNode outer;
        JsonNode inner;
        try {
            outer = JSON.readTree(freq.value);
            inner = JSON.readTree(outer.get(1).asText());
        } catch (Exception e) {
            throw new MalformedBody("f.req is not the JSON Gemini sends");
        }
        if (!(outer instanceof ArrayNode o) || !(inner instanceof ArrayNode in) || !(in.path(0) instanceof ArrayNode msg)) {
            throw new MalformedBody("f.req is not the JSON Gemini sends");
        }
        Slots s = new Slots();
        s.element(msg, 0, "f.req[1]<json>[0][0]");
        JsonNode files = msg.path(3);
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i) instanceof ArrayNode f && f.size() > 1) {
                s.element(f, 1, "f.req[1]<json>[0][3][" + i + "][1]");
            }
        }
        List<TextSlot> slots = new ArrayList<>(s.slots);
        return new ExtractedRequest(slots, s.notScanned, null, name(), () -> {
            try {
                o.set(1, TextNode.valueOf(JSON.writeValueAsString(in)));
                return freq.render(JSON.writeValueAsString(o));
            } catch (Exception e) {
                throw new IllegalStateException("f.req could not be encoded again", e);
            }
        });
    }

    /** StreamGenerate answers in Google's length-prefixed JSON chunks; everything else as by default. */
    @Override
    public AnswerRestorer restorer(String contentType, ConversationPseudonyms pseudonyms) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.contains("json") || ct.contains("javascript") || ct.startsWith("text/plain")) {
            return new GeminiAnswerRestorer(pseudonyms);
        }
        return super.restorer(contentType, pseudonyms);
    }
}
