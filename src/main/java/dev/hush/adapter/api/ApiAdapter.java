package dev.hush.adapter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.adapter.Adapter;
import dev.hush.adapter.Answer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.GenericAdapter;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.JsonSource;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.Refusal;
import io.vertx.core.buffer.Buffer;

/**
 * A provider API that takes JSON objects: reached on the gateway under {@code /<name>/...} and, when
 * intercepted, on its API host. Bodies that are not JSON (file uploads, forms) are read by the generic
 * adapter; JSON that does not parse is refused in the provider's error format, as the provider would.
 */
public abstract class ApiAdapter implements Adapter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the texts of a JSON body sent to {@code path} (the provider's own path and query). */
    public abstract ExtractedRequest extractJson(ObjectNode body, String path);

    /** An error body in this provider's format, so its SDK raises a readable error. */
    public abstract JsonNode error(int status, String code, String message, String param);

    /** Whether {@code host} (lower case) is this provider's API host. */
    protected boolean apiHost(String host) {
        // the host of the default upstream; an adapter whose API lives on many hosts (Azure) says so itself
        String h = defaultHost;
        if (h == null) {
            String d = defaultUpstream();
            h = defaultHost = d == null ? "" : java.net.URI.create(d).getHost();
        }
        return host.equals(h);
    }

    /** The default upstream's host, read once (adapters are shared by every request). */
    private volatile String defaultHost;

    /** Headers every API takes: authentication, the body's type and the answer's. */
    private static final java.util.Set<String> HEADERS = java.util.Set.of("authorization", "content-type",
            "accept", "accept-encoding", "idempotency-key");

    /**
     * An allowlist: authentication (this provider's key header too), content type, accept, and the provider's
     * own headers ({@link #headerPrefixes}). Cookies, SDK telemetry and any other header a client adds are
     * not forwarded, so nothing reaches the provider unscanned.
     */
    @Override
    public boolean forwardsHeader(String name) {
        if (HEADERS.contains(name) || name.equals(keyHeader())) {
            return true;
        }
        for (String p : headerPrefixes()) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case prefixes of the provider's own request headers ({@code openai-}, {@code anthropic-}, ...). */
    protected abstract java.util.List<String> headerPrefixes();

    /** The APIs' WebSocket endpoints (OpenAI Realtime) are not read by Hush: answered 501, never passed blind. */
    @Override
    public boolean takesWebSocket() {
        return false;
    }

    @Override
    public String gatewayPath(String uri) {
        return stripPrefix(uri, "/" + name());
    }

    @Override
    public boolean intercepts(String host, String path) {
        return apiHost(host);
    }

    /**
     * The body parsed in place when its buffer is a heap array starting at the body's first byte (the server's
     * own buffer, or the one the body was gathered into), else from a copy: a 4 KiB prompt was copied once per
     * request just to be parsed.
     */
    static JsonSource readJson(Buffer body) throws MalformedBody {
        io.netty.buffer.ByteBuf b = ((io.vertx.core.internal.buffer.BufferInternal) body).getByteBuf();
        if (b.hasArray() && b.arrayOffset() + b.readerIndex() == 0) {
            return JsonSource.read(b.array(), b.readableBytes());
        }
        return JsonSource.read(body.getBytes());
    }

    @Override
    public ExtractedRequest extract(InboundRequest request, String path) throws MalformedBody {
        Buffer body = request.body();
        // a JSON media type is held to JSON even when its bytes do not start like it (UTF-16, a stray prefix)
        if (!startsLikeJson(body) && !(request.mediaType().contains("json") && body.length() > 0)) {
            return GenericAdapter.extractAll(request);
        }
        JsonSource source = readJson(body);
        if (!(source.tree() instanceof ObjectNode obj)) {
            throw new MalformedBody("Request body must be a JSON object");
        }
        // written slots are spliced into the original bytes instead of serialising the whole tree again
        ExtractedRequest known = extractJson(obj, path);
        ExtractedRequest spliced = new ExtractedRequest(known.slots(), known.notScanned(), known.model(), known.seed(),
                source::encode);
        return GenericAdapter.withRest(spliced, obj);
    }

    @Override
    public Answer refusal(Refusal r, InboundRequest request) {
        return Answer.json(r.status(), error(r.status(), r.code(), r.message(), r.param()).toString());
    }

    /** The rest of {@code uri} after {@code prefix} (as {@code /...}), or null when it does not start with it. */
    static String stripPrefix(String uri, String prefix) {
        if (!uri.startsWith(prefix) || !(uri.length() == prefix.length() || uri.charAt(prefix.length()) == '/'
                || uri.charAt(prefix.length()) == '?')) {
            return null;
        }
        String rest = uri.substring(prefix.length());
        return rest.isEmpty() || rest.charAt(0) == '?' ? "/" + rest : rest;
    }

    static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    /** Encodes the body after its slots were written. */
    static ExtractedRequest.BodyEncoder encoder(ObjectNode body) {
        return () -> {
            try {
                return JSON.writeValueAsBytes(body);
            } catch (Exception e) {
                throw new IllegalStateException("body could not be encoded again", e);
            }
        };
    }

    private static boolean startsLikeJson(Buffer body) {
        for (int i = 0; i < body.length(); i++) {
            byte b = body.getByte(i);
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }
}
