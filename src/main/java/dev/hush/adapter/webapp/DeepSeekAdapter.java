package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.StreamText;
import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * DeepSeek (chat.deepseek.com): {@code /api/v0/chat/completion} sends {@code prompt}; the answer streams as
 * patches, {@code {"p":"response/fragments/-1/content","o":"APPEND","v":"..."}} or just {@code {"v":"..."}}.
 */
public final class DeepSeekAdapter extends WebAppAdapter {

    public DeepSeekAdapter() {
        super("chat.deepseek.com");
    }

    @Override
    public String name() {
        return "deepseek";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.method() != HttpMethod.POST || !path.equals("/api/v0/chat/completion")) {
            return null;
        }
        ObjectNode body = object(request);
        return new Slots().field(body, "prompt", "prompt").done(body, null, name());
    }

    @Override
    public List<StreamText> streamTexts(JsonNode event) {
        JsonNode v = event.get("v");
        if (v == null || !v.isTextual()) {
            return List.of();
        }
        String p = event.path("p").asText("content");
        String o = event.path("o").asText("APPEND");
        return p.endsWith("content") && o.equalsIgnoreCase("APPEND")
                ? List.of(new StreamText("content", "", "v", false, false)) : List.of();
    }
}
