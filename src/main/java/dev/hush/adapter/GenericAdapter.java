package dev.hush.adapter;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fallback for any request no adapter claims, and for the parts of a request an adapter does not
 * know: every string of a JSON, form, multipart or text body is scanned (JSON inside strings decoded
 * recursively), and refusals are a small JSON error.
 */
public final class GenericAdapter implements Adapter {
    public static final GenericAdapter INSTANCE = new GenericAdapter();

    private GenericAdapter() {
    }

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public boolean intercepts(String host, String path) {
        return true;
    }

    @Override
    public ExtractedRequest extract(InboundRequest request, String path) {
        return extractAll(request);
    }

    /** Every string of the body, whatever its kind; what cannot be read is listed as not scanned. */
    public static ExtractedRequest extractAll(InboundRequest request) {
        BodyTexts t = new BodyTexts();
        t.read(request.body().getBytes(), request.mediaType(), request.header("content-type"));
        return t.result();
    }

    /** Every string of a text frame: JSON walked (and JSON in its strings decoded), anything else one text. */
    public static ExtractedRequest readFrame(String frame) {
        BodyTexts t = new BodyTexts();
        t.read(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain", null);
        return t.result();
    }

    @Override
    public Answer refusal(Refusal r, InboundRequest request) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", r.message());
        e.put("code", r.code());
        if (r.param() != null) {
            e.put("param", r.param());
        }
        return Answer.json(r.status(), root.toString());
    }
}
