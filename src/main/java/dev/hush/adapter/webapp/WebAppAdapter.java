package dev.hush.adapter.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.hush.adapter.Adapter;
import dev.hush.adapter.Answer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.GenericAdapter;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.Refusal;
import dev.hush.adapter.TextSlot;
import dev.hush.adapter.Uploads;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every web-app adapter shares: it owns all requests to its hosts (so the audit names the app), reads
 * the requests it knows precisely and hands every other body to the generic reading, and refuses in the
 * app (its own stream format) where it knows how, with an HTML page for a page navigation, else JSON.
 * Subclasses say which hosts, which requests they read, and (optionally) the in-app message.
 */
abstract class WebAppAdapter implements Adapter {
    static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> hosts;

    /** Hosts are exact names or {@code *.suffix} (any subdomain). */
    WebAppAdapter(String... hosts) {
        this.hosts = List.of(hosts);
    }

    @Override
    public boolean intercepts(String host, String path) {
        for (String h : hosts) {
            if (h.startsWith("*.") ? host.endsWith(h.substring(1)) : host.equals(h)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public final ExtractedRequest extract(InboundRequest request, String path) throws MalformedBody {
        String p = pathOnly(path);
        ExtractedRequest er = read(request, p);
        return er != null ? er : GenericAdapter.extractAll(request);
    }

    /** The known request at this path (no query) read precisely, or null for the generic reading. */
    abstract ExtractedRequest read(InboundRequest request, String path) throws MalformedBody;

    /** Whether a refusal of this request can be shown inside the app as an assistant message. */
    boolean chat(InboundRequest request) {
        return false;
    }

    /** The refusal as an assistant message in the app's own answer format, or null when not known. */
    Answer inApp(Refusal refusal, InboundRequest request) {
        return null;
    }

    @Override
    public Answer refusal(Refusal refusal, InboundRequest request) {
        if (chat(request)) {
            Answer a = inApp(refusal, request);
            if (a != null) {
                return a;
            }
        }
        if (navigation(request)) {
            return BlockPage.of(name(), request.host(), refusal);
        }
        return GenericAdapter.INSTANCE.refusal(refusal, request);
    }

    /** A page load (not a script's fetch): the browser shows whatever HTML comes back. */
    static boolean navigation(InboundRequest r) {
        String mode = r.header("sec-fetch-mode");
        if (mode != null) {
            return mode.equalsIgnoreCase("navigate");
        }
        String accept = r.header("accept");
        return r.method() == HttpMethod.GET && accept != null && accept.toLowerCase(Locale.ROOT).startsWith("text/html");
    }

    static String pathOnly(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** The body as a JSON object; a body that claims JSON and is not one is malformed. */
    static ObjectNode object(InboundRequest request) throws MalformedBody {
        try {
            JsonNode n = JSON.readTree(request.body().getBytes());
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (Exception e) {
            // reported below without the content
        }
        throw new MalformedBody("The request body is not the JSON object this app sends");
    }

    /** An uploaded file sent as the whole body (a PUT to blob storage): its text, or not scanned. */
    static ExtractedRequest file(InboundRequest request, String fileName) {
        return Uploads.body(request, fileName);
    }

    /** Collects the slots of one JSON request and renders it again. */
    static final class Slots {
        final List<TextSlot> slots = new ArrayList<>();
        final List<String> notScanned = new ArrayList<>();

        /** The string field {@code key} of {@code o}, if it is one. */
        Slots field(JsonNode o, String key, String location) {
            if (o instanceof ObjectNode obj && obj.path(key).isTextual() && !obj.get(key).asText().isEmpty()) {
                slots.add(new TextSlot(location, obj.get(key).asText(), s -> obj.set(key, TextNode.valueOf(s))));
            }
            return this;
        }

        /** Element {@code i} of {@code a}, if it is a string. */
        Slots element(ArrayNode a, int i, String location) {
            if (a.get(i).isTextual() && !a.get(i).asText().isEmpty()) {
                slots.add(new TextSlot(location, a.get(i).asText(), s -> a.set(i, TextNode.valueOf(s))));
            }
            return this;
        }

        /** Every string under {@code node} (JSON documents inside strings are not decoded: use the generic reading for those). */
        Slots all(JsonNode node, String location) {
            if (node == null || node.isMissingNode() || node.isNull()) {
                return this;
            }
            if (node.isTextual()) {
                throw new IllegalArgumentException("use field() for a string");
            }
            walk(node, location);
            return this;
        }

        private void walk(JsonNode node, String path) {
            if (node instanceof ObjectNode o) {
                var it = o.fieldNames();
                List<String> names = new ArrayList<>();
                it.forEachRemaining(names::add);
                for (String k : names) {
                    String p = path.isEmpty() ? k : path + "." + k;
                    if (o.get(k).isTextual()) {
                        field(o, k, p);
                    } else {
                        walk(o.get(k), p);
                    }
                }
            } else if (node instanceof ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    if (a.get(i).isTextual()) {
                        element(a, i, path + "[" + i + "]");
                    } else {
                        walk(a.get(i), path + "[" + i + "]");
                    }
                }
            }
        }

        /** The request read: {@code root} is serialised again when a slot was written. */
        ExtractedRequest done(JsonNode root, String model, String seed) {
            return new ExtractedRequest(slots, notScanned, model, seed, () -> {
                try {
                    return JSON.writeValueAsBytes(root);
                } catch (Exception e) {
                    throw new IllegalStateException("body could not be encoded again", e);
                }
            });
        }
    }

    /** A text field of a JSON node, or null. */
    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
