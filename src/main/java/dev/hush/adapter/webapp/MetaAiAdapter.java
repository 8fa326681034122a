package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hush.adapter.AnswerRestorer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.redact.ConversationPseudonyms;
import io.vertx.core.http.HttpMethod;

/**
 * Meta AI (www.meta.ai): GraphQL posted as a form; the message ({@code message.sensitive_string_value}) and
 * everything else the user supplies are in the JSON of the {@code variables} field, every string of which is
 * read. The other fields (doc id, tokens) are not the user's text.
 */
public final class MetaAiAdapter extends WebAppAdapter {

    public MetaAiAdapter() {
        super("www.meta.ai", "meta.ai");
    }

    @Override
    public String name() {
        return "metaai";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.method() != HttpMethod.POST || !path.startsWith("/api/graphql")
                || !request.mediaType().equals("application/x-www-form-urlencoded")) {
            return null;
        }
        FormField vars = FormField.of(request, "variables");
        if (vars == null) {
            return null;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(vars.value);
        } catch (Exception e) {
            throw new MalformedBody("variables is not JSON");
        }
        if (tree == null || !tree.isContainerNode()) {
            throw new MalformedBody("variables is not a JSON object");
        }
        Slots s = new Slots().all(tree, "variables");
        return new ExtractedRequest(s.slots, s.notScanned, null, name(), () -> {
            try {
                return vars.render(JSON.writeValueAsString(tree));
            } catch (Exception e) {
                throw new IllegalStateException("variables could not be encoded again", e);
            }
        });
    }

    /** Meta AI streams GraphQL results as lines of JSON (served as text/html); JSON answers and events as by default. */
    @Override
    public AnswerRestorer restorer(String contentType, ConversationPseudonyms pseudonyms) {
        String ct = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (ct.startsWith("text/plain") || ct.startsWith("text/html") || ct.contains("ndjson") || ct.contains("jsonl")) {
            return new JsonLinesRestorer(pseudonyms);
        }
        return super.restorer(contentType, pseudonyms);
    }
}
