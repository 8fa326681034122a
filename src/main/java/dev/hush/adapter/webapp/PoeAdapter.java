package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import io.vertx.core.http.HttpMethod;

/**
 * Poe (poe.com): {@code /api/gql_POST} in JSON; a message is {@code variables.query} (the bot is the model).
 * Other queries and multipart uploads to the same path go to the generic reading.
 */
public final class PoeAdapter extends WebAppAdapter {

    public PoeAdapter() {
        super("poe.com");
    }

    @Override
    public String name() {
        return "poe";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.method() != HttpMethod.POST || !path.equals("/api/gql_POST")
                || !request.mediaType().contains("json")) {
            return null;
        }
        ObjectNode body = object(request);
        if (!body.path("variables").path("query").isTextual()) {
            return null;
        }
        Slots s = new Slots().field(body.path("variables"), "query", "variables.query");
        return s.done(body, text(body.path("variables"), "bot"), name());
    }
}
