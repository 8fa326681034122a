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

    /**
     * What an adapter read from a parsed JSON body, and then every other string of that body: the adapter's
     * fields come first (precise locations, the conversation seed), the rest follows, so a field no adapter
     * knows yet (or a structural key used to carry text) is scanned too. Parts the adapter recorded as not
     * scanned (binary) are not walked again.
     */
    public static ExtractedRequest withRest(ExtractedRequest known, com.fasterxml.jackson.databind.JsonNode tree) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (TextSlot s : known.slots()) {
            taken.add(s.location());
        }
        for (String n : known.notScanned()) {
            int sep = n.indexOf(": ");
            taken.add(sep < 0 ? n : n.substring(0, sep));
        }
        BodyTexts rest = new BodyTexts();
        rest.rest(tree, taken);
        if (rest.slots.isEmpty() && rest.notScanned.isEmpty()) {
            return known;
        }
        java.util.List<TextSlot> slots = new java.util.ArrayList<>(known.slots());
        slots.addAll(rest.slots);
        java.util.List<String> notScanned = new java.util.ArrayList<>(known.notScanned());
        notScanned.addAll(rest.notScanned);
        String seed = known.slots().isEmpty() && !rest.slots.isEmpty() ? rest.slots.get(0).text() : known.seed();
        return new ExtractedRequest(slots, notScanned, known.model(), seed, () -> {
            try {
                rest.writeNested();
            } catch (Exception e) {
                throw new IllegalStateException("body could not be encoded again", e);
            }
            return known.encoder().encode();
        });
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
