package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.StreamText;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GitHub Copilot on the web (github.com/copilot, API hosts api.individual/business.githubcopilot.com):
 * {@code /github/chat/threads/{id}/messages} sends {@code content} (and custom instructions); the answer
 * streams as {@code data: {"type":"content","body":"..."}}. The same hosts' IDE API requests go to the
 * generic reading.
 */
public final class GitHubCopilotAdapter extends WebAppAdapter {
    private static final Pattern MESSAGES = Pattern.compile("/github/chat/threads/[^/]+/messages");

    public GitHubCopilotAdapter() {
        super("api.individual.githubcopilot.com", "api.business.githubcopilot.com");
    }

    @Override
    public String name() {
        return "github-copilot";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.method() != HttpMethod.POST || !MESSAGES.matcher(path).matches()) {
            return null;
        }
        ObjectNode body = object(request);
        Slots s = new Slots().field(body, "content", "content").all(body.path("customInstructions"), "customInstructions");
        return s.done(body, text(body, "model"), name());
    }

    @Override
    public List<StreamText> streamTexts(JsonNode event) {
        return "content".equals(event.path("type").asText()) && event.path("body").isTextual()
                ? List.of(new StreamText("body", "", "body", false, false)) : List.of();
    }
}
