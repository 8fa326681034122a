package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import io.vertx.core.http.HttpMethod;

/**
 * Perplexity (www.perplexity.ai): {@code /rest/sse/perplexity_ask} carries the question twice,
 * {@code query_str} and {@code params.dsl_query}; both are read (a pseudonym is the same in both).
 * Answers are server-sent events whose strings are restored whole.
 */
public final class PerplexityAdapter extends WebAppAdapter {

    public PerplexityAdapter() {
        super("www.perplexity.ai", "perplexity.ai");
    }

    @Override
    public String name() {
        return "perplexity";
    }

    @Override
    ExtractedRequest read(InboundRequest request, String path) throws MalformedBody {
        if (request.method() != HttpMethod.POST || !path.equals("/rest/sse/perplexity_ask")) {
            return null;
        }
        ObjectNode body = object(request);
        Slots s = new Slots().field(body, "query_str", "query_str").field(body.path("params"), "dsl_query", "params.dsl_query");
        return s.done(body, text(body.path("params"), "model_preference"), name());
    }
}
