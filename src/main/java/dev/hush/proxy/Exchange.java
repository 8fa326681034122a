package dev.hush.proxy;

import dev.hush.detect.ScanContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hush.audit.AuditFinding;
import dev.hush.audit.AuditRecord;
import dev.hush.config.GatewaySettings;
import dev.hush.detect.Finding;
import dev.hush.detect.MaskedPreview;
import dev.hush.policy.Decision;
import dev.hush.policy.Destination;
import dev.hush.policy.PolicyAction;
import dev.hush.provider.ExtractedRequest;
import dev.hush.provider.JsonRestorer;
import dev.hush.provider.ProviderAdapter;
import dev.hush.provider.SseRestorer;
import dev.hush.provider.TextSlot;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.TextRewriter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * One proxied request, from the client's first byte to the last byte of the answer: read (with the body
 * limit), inspect, decide, rewrite, audit, forward, restore. Runs on the server connection's event loop.
 * Every failure becomes a response in the provider's error format here, and every request gets exactly one
 * audit record, written before the response is released.
 */
final class Exchange {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            "http2-settings", "expect");
    private static final Set<String> KNOWN_ENCODINGS = Set.of("identity", "");

    private final GatewayServer gw;
    private final GatewaySettings cfg;
    private final HttpServerRequest req;
    private final HttpServerResponse resp;
    private final Instant time = Instant.now();
    private final String requestId = UUID.randomUUID().toString();
    private Route route;
    private Buffer originalBody;
    /** Path and query sent upstream: the route's, with a virtual {@code ?key=} swapped for the real one. */
    private String upstreamPath;
    private ProviderAdapter adapter;
    private String user = "";
    private String keyFingerprint;
    private Set<String> groups = Set.of();
    private String model;
    private String justification;
    private Inspection inspection;
    private String action = "allow";
    private String reason;
    private List<AuditFinding> findings = List.of();
    private List<String> notScanned = List.of();
    private ConversationPseudonyms pseudonyms;
    private HttpClientRequest upstreamRequest;
    private boolean done;
    private boolean clientGone;
    private ScanContext scanContext;

    Exchange(GatewayServer gw, HttpServerRequest req) {
        this.gw = gw;
        this.cfg = gw.settings;
        this.req = req;
        this.resp = req.response();
    }

    void start() {
        resp.putHeader("X-Hush-Request-Id", requestId);
        resp.closeHandler(v -> clientClosed());
        resp.exceptionHandler(e -> clientClosed());
        route = Route.of(req.uri());
        if (route == null) {
            adapter = gw.upstreams.isEmpty() ? null : dev.hush.provider.ProviderAdapters.get("openai");
            req.pause();
            fail(404, "hush_no_route", "No provider route for this path: use /openai, /v1, /azure, /anthropic or /gemini", "error");
            return;
        }
        adapter = route.adapter();
        upstreamPath = route.upstreamPath();
        identify();
        String enc = req.headers().get(HttpHeaders.CONTENT_ENCODING);
        if (enc != null && !KNOWN_ENCODINGS.contains(enc.trim().toLowerCase(Locale.ROOT))) {
            // the server decodes gzip, deflate, br and zstd and removes the header: what is left cannot be read
            req.pause();
            fail(415, "hush_unsupported_encoding", "Content-Encoding '" + enc + "' cannot be decoded for inspection", "error");
            return;
        }
        String len = req.headers().get(HttpHeaders.CONTENT_LENGTH);
        if (len != null && parseLong(len) > cfg.maxBodyBytes && !req.headers().contains(HttpHeaders.CONTENT_ENCODING)) {
            req.pause();
            fail(413, "hush_body_too_large", "Request body exceeds the limit of " + cfg.maxBodyBytes + " bytes", "error");
            return;
        }
        Buffer body = Buffer.buffer();
        req.handler(chunk -> {
            if (done) {
                return;
            }
            if (body.length() + chunk.length() > cfg.maxBodyBytes) {
                // counted after decoding, so a compression bomb stops here too
                fail(413, "hush_body_too_large", "Request body exceeds the limit of " + cfg.maxBodyBytes + " bytes (decoded)", "error");
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> {
            if (!done) {
                fail(400, "hush_bad_request", "Could not read the request body", "error");
            }
        });
        req.endHandler(v -> {
            if (!done) {
                inspect(body);
            }
        });
    }

    private void identify() {
        String hdrKey = req.headers().get(adapter.keyHeader());
        String key = hdrKey == null ? null : adapter.keyFromHeader(hdrKey);
        boolean inQuery = false;
        if (key == null && adapter.name().equals("gemini")) {
            key = req.getParam("key"); // Gemini REST also takes the key as ?key=
            inQuery = key != null;
        }
        GatewaySettings.VirtualKey vk = key == null ? null : cfg.virtualKeys.get(key);
        if (vk != null && vk.provider.equals(adapter.name())) {
            // employees hold a Hush key; the provider key is added here and never leaves the gateway
            if (inQuery) {
                upstreamPath = upstreamPath.replace("key=" + java.net.URLEncoder.encode(key, StandardCharsets.UTF_8),
                        "key=" + java.net.URLEncoder.encode(vk.resolvedKey(), StandardCharsets.UTF_8));
            } else {
                req.headers().set(adapter.keyHeader(), adapter.keyHeaderValue(vk.resolvedKey()));
            }
            if (vk.user != null) {
                user = vk.user;
            }
            groups = new LinkedHashSet<>(vk.groups);
        }
        if (key != null) {
            keyFingerprint = gw.keyHash.of(key);
        }
        String hUser = cfg.trustIdentityHeaders ? req.headers().get("X-Hush-User") : null;
        if (hUser != null && !hUser.isBlank()) {
            user = hUser.trim();
        } else if (user.isEmpty()) {
            user = keyFingerprint != null ? "key:" + keyFingerprint
                    : "ip:" + (req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress());
        }
        String hGroups = cfg.trustIdentityHeaders ? req.headers().get("X-Hush-Groups") : null;
        if (hGroups != null) {
            groups = new LinkedHashSet<>(Arrays.asList(hGroups.split("\\s*,\\s*")));
        }
        justification = req.headers().get("X-Hush-Justification");
        if (justification != null && justification.length() > 500) {
            justification = justification.substring(0, 500); // a reason, not a document
        }
    }

    private void inspect(Buffer body) {
        String upstream = gw.upstreams.get(adapter.name());
        if (upstream == null) {
            fail(502, "hush_no_upstream", "No upstream configured for " + adapter.name()
                    + " (set gateway.upstreams." + adapter.name() + " or --upstream)", "error");
            return;
        }
        originalBody = body;
        if (body.length() > 0 && isJson(body)) {
            JsonNode tree;
            try {
                tree = JSON.readTree(body.getBytes());
            } catch (Exception e) {
                fail(400, "hush_malformed_json", "Request body is not valid JSON", "error");
                return;
            }
            if (!(tree instanceof ObjectNode obj)) {
                fail(400, "hush_malformed_json", "Request body must be a JSON object", "error");
                return;
            }
            ExtractedRequest er = adapter.extract(obj, route.upstreamPath());
            model = er.model();
            notScanned = er.notScanned();
            Destination dest = new Destination(adapter.name(), model, host(upstream), user, groups);
            long chars = 0;
            for (TextSlot slot : er.slots()) {
                chars += slot.text().length();
            }
            scanContext = gw.inspector.newContext();
            if (chars <= cfg.inlineScanChars) {
                decide(obj, er, gw.inspector.inspect(er, dest, scanContext), upstream);
            } else {
                // a large body would hold up every other stream on this event loop while it is scanned;
                // the scan stops when the client goes away (clientClosed cancels its context)
                ScanContext ctx = scanContext;
                gw.vertx.executeBlocking(() -> gw.inspector.inspect(er, dest, ctx), false).onComplete(ar -> {
                    if (clientGone || done) {
                        return;
                    }
                    if (ar.failed()) {
                        fail(503, "hush_scan_failed", "Hush could not inspect this request", "error");
                    } else {
                        decide(obj, er, ar.result(), upstream);
                    }
                });
            }
            return;
        } else if (body.length() > 0) {
            notScanned = List.of("body: " + String.valueOf(req.getHeader(HttpHeaders.CONTENT_TYPE)));
        }
        justification = null;
        forward(upstream, body);
    }

    /** Applies the verdict: refuse, or rewrite and forward. Runs on the event loop. */
    private void decide(ObjectNode obj, ExtractedRequest er, Inspection in, String upstream) {
        inspection = in;
        gw.metrics.scan(inspection.scanMicros());
        findings = auditFindings(inspection);
        String convId = conversationId(er);
        Buffer out = null;
        if (inspection.failure() != null) {
            reason = inspection.failure();
            if (!"forward".equals(cfg.onScanFailure)) {
                fail(400, "hush_scan_failed", "Hush could not inspect this request (" + inspection.failure()
                        + ") and blocked it; retry, or ask your administrator", "block");
                return;
            }
        } else {
            PolicyAction verdict = inspection.verdict().action();
            if (verdict == PolicyAction.BLOCK) {
                block(PolicyAction.BLOCK);
                return;
            }
            if (verdict == PolicyAction.WARN && (justification == null || justification.isBlank())) {
                block(PolicyAction.WARN);
                return;
            }
            action = verdict == PolicyAction.WARN ? "warn" : verdict.label();
            reason = reasonRules();
            if (hasRewrite()) {
                ConversationPseudonyms conv = gw.vault.conversation(convId);
                for (Map.Entry<TextSlot, List<Decision>> e : inspection.bySlot().entrySet()) {
                    e.getKey().replace(TextRewriter.rewrite(e.getKey().text(), e.getValue(), conv));
                }
                action = anyAction(PolicyAction.PSEUDONYMIZE) ? "pseudonymize" : "redact";
                if (verdict == PolicyAction.WARN) {
                    action = "warn";
                }
                out = Buffer.buffer(obj.toString());
            }
        }
        if (!"warn".equals(action)) {
            justification = null; // only an overridden warning records a justification
        }
        pseudonyms = gw.vault.existing(convId);
        if (pseudonyms != null && pseudonyms.size() == 0) {
            pseudonyms = null;
        }
        forward(upstream, out != null ? out : originalBody);
    }

    private boolean hasRewrite() {
        return anyAction(PolicyAction.REDACT) || anyAction(PolicyAction.PSEUDONYMIZE);
    }

    private boolean anyAction(PolicyAction a) {
        for (Decision d : inspection.verdict().decisions()) {
            if (d.action() == a) {
                return true;
            }
        }
        return false;
    }

    private String reasonRules() {
        Set<String> ids = new LinkedHashSet<>();
        for (Decision d : inspection.verdict().decisions()) {
            if (d.action() != PolicyAction.ALLOW) {
                ids.add(d.ruleId());
            }
        }
        return ids.isEmpty() ? null : String.join(",", ids);
    }

    /** Names what was found, where and by which rule, with a masked preview: never the value. */
    private void block(PolicyAction why) {
        Decision d = inspection.verdict().first(why);
        TextSlot slot = null;
        for (Map.Entry<TextSlot, List<Decision>> e : inspection.bySlot().entrySet()) {
            if (e.getValue().contains(d)) {
                slot = e.getKey();
            }
        }
        Finding f = d.finding();
        String preview = slot == null ? "" : MaskedPreview.of(slot.text().substring(f.start(), f.end()));
        String where = slot == null ? "" : slot.location();
        int count = 0;
        for (Decision x : inspection.verdict().decisions()) {
            if (x.action() == why) {
                count++;
            }
        }
        String more = count > 1 ? " (and " + (count - 1) + " more)" : "";
        reason = d.ruleId();
        if (why == PolicyAction.BLOCK) {
            fail(400, "hush_blocked", "Hush blocked this request: " + f.type() + " found in " + where + " ["
                    + preview + "] by detector rule '" + f.rule() + "'; policy rule '" + d.ruleId() + "'" + more
                    + ". Remove it and send again.", "block", where);
        } else {
            fail(400, "hush_warning", "Hush held this request: " + f.type() + " found in " + where + " ["
                    + preview + "] (policy rule '" + d.ruleId() + "')" + more
                    + ". If sending it is justified, retry with the header 'X-Hush-Justification: <your reason>'.",
                    "warn", where);
        }
    }

    private List<AuditFinding> auditFindings(Inspection in) {
        List<AuditFinding> l = new ArrayList<>();
        for (TextSlot slot : in.request().slots()) {
            List<Decision> ds = in.bySlot().get(slot);
            if (ds == null) {
                continue;
            }
            for (Decision d : ds) {
                Finding f = d.finding();
                String value = slot.text().substring(f.start(), f.end());
                l.add(new AuditFinding(f.type(), f.rule(), slot.location(), f.start(), f.end(), gw.keyHash.of(value),
                        MaskedPreview.of(value), d.action().label()));
                gw.metrics.finding(f.type(), d.action().label());
            }
        }
        return l;
    }

    /**
     * Placeholders are per conversation, and conversations are per caller: the client's own id or the first
     * message, both namespaced by the caller so another key can never have someone's originals restored.
     */
    private String conversationId(ExtractedRequest er) {
        String given = req.headers().get("X-Hush-Conversation");
        String base = given != null ? "h:" + given : "d:" + er.seed();
        String who = keyFingerprint != null ? keyFingerprint : user;
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(who.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(base.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 16);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void forward(String upstream, Buffer body) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> h : req.headers()) {
            String k = h.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(k) || k.startsWith("x-hush-") || k.equals("content-encoding")
                    || k.startsWith(":")) {
                continue;
            }
            headers.add(h.getKey(), h.getValue());
        }
        if (pseudonyms != null) {
            headers.set(HttpHeaders.ACCEPT_ENCODING, "identity"); // the answer must be readable to restore it
        }
        if (body.length() > 0 || req.method().name().equals("POST") || req.method().name().equals("PUT")
                || req.method().name().equals("PATCH")) {
            headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
        }
        RequestOptions ro = new RequestOptions()
                .setAbsoluteURI(upstream + upstreamPath)
                .setMethod(req.method())
                .setHeaders(headers)
                .setConnectTimeout(cfg.connectTimeoutMs)
                .setIdleTimeout(cfg.idleTimeoutMs)
                .setFollowRedirects(false);
        long t0 = System.nanoTime();
        gw.client(upstream).request(ro).compose(creq -> {
            upstreamRequest = creq;
            if (clientGone) {
                creq.reset();
            }
            return creq.send(body);
        }).onComplete(ar -> {
            if (ar.failed()) {
                upstreamFailed(ar.cause());
                return;
            }
            HttpClientResponse ur = ar.result();
            ur.pause();
            long millis = (System.nanoTime() - t0) / 1_000_000;
            gw.metrics.upstream(adapter.name(), ur.statusCode(), millis);
            if (clientGone) {
                upstreamRequest.reset();
                return;
            }
            record(ur.statusCode(), millis).onComplete(v -> relay(ur));
        });
    }

    private void upstreamFailed(Throwable cause) {
        if (done || clientGone) {
            return;
        }
        reason = "upstream " + describe(cause);
        if (isTimeout(cause)) {
            fail(504, "hush_upstream_timeout", "The " + adapter.name() + " upstream did not answer in time", "error");
        } else {
            fail(502, "hush_upstream_unreachable", "The " + adapter.name() + " upstream could not be reached", "error");
        }
    }

    private static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable t) {
        return t instanceof ConnectException ? "connection refused" : t.getClass().getSimpleName();
    }

    /** Sends the answer on: restored when this conversation has placeholders, else byte for byte. */
    private void relay(HttpClientResponse ur) {
        if (clientGone) {
            upstreamRequest.reset();
            return;
        }
        resp.setStatusCode(ur.statusCode());
        if (ur.statusMessage() != null) {
            resp.setStatusMessage(ur.statusMessage());
        }
        String ctype = String.valueOf(ur.getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        String uenc = ur.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean plainBody = uenc == null || uenc.equalsIgnoreCase("identity");
        boolean sse = pseudonyms != null && plainBody && ctype.startsWith("text/event-stream");
        boolean json = pseudonyms != null && plainBody && ctype.contains("json") && !sse;
        for (Map.Entry<String, String> h : ur.headers()) {
            String k = h.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(k) && !(k.equals("content-length") && !sse && !json)) {
                continue;
            }
            resp.headers().add(h.getKey(), h.getValue());
        }
        resp.putHeader("X-Hush-Action", action);
        if (json) {
            relayJson(ur);
            return;
        }
        boolean chunked = !resp.headers().contains(HttpHeaders.CONTENT_LENGTH) && req.version() != HttpVersion.HTTP_2;
        if (chunked) {
            resp.setChunked(true);
        }
        SseRestorer restorer = sse ? new SseRestorer(adapter, pseudonyms) : null;
        ur.handler(chunk -> {
            if (clientGone) {
                return;
            }
            Buffer b = chunk;
            if (restorer != null) {
                byte[] r = restorer.feed(chunk.getBytes());
                if (r.length == 0) {
                    return;
                }
                b = Buffer.buffer(r);
            }
            resp.write(b);
            if (resp.writeQueueFull()) {
                ur.pause();
                resp.drainHandler(v -> ur.resume());
            }
        });
        ur.exceptionHandler(e -> {
            if (!clientGone && !resp.ended()) {
                resp.reset(); // the upstream broke mid-answer: tell the client the answer is incomplete
            }
            done = true;
        });
        ur.endHandler(v -> {
            done = true;
            if (clientGone || resp.ended()) {
                return;
            }
            if (restorer != null) {
                byte[] r = restorer.finish();
                if (r.length > 0) {
                    resp.write(Buffer.buffer(r));
                }
            }
            resp.end();
        });
        ur.resume();
    }

    private void relayJson(HttpClientResponse ur) {
        Buffer all = Buffer.buffer();
        boolean[] overflow = {false};
        ur.handler(chunk -> {
            if (all.length() + chunk.length() > cfg.maxResponseBytes) {
                overflow[0] = true;
            } else {
                all.appendBuffer(chunk);
            }
        });
        ur.exceptionHandler(e -> {
            done = true;
            if (!clientGone && !resp.ended()) {
                resp.reset();
            }
        });
        ur.endHandler(v -> {
            done = true;
            if (clientGone || resp.ended()) {
                return;
            }
            if (overflow[0]) {
                resp.reset(); // too large to restore; never send a truncated answer as if whole
                return;
            }
            Buffer outBody = all;
            try {
                JsonNode tree = JSON.readTree(all.getBytes());
                if (JsonRestorer.restore(tree, pseudonyms)) {
                    outBody = Buffer.buffer(JSON.writeValueAsBytes(tree));
                }
            } catch (Exception e) {
                // not JSON after all: send as it came
            }
            resp.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(outBody.length()));
            resp.end(outBody);
        });
        ur.resume();
    }

    private void clientClosed() {
        if (!resp.ended()) {
            clientGone = true;
            if (scanContext != null) {
                scanContext.cancel(); // a scan still running for this request stops at its next check
            }
            if (upstreamRequest != null) {
                upstreamRequest.reset(); // stop paying for an answer nobody reads
            }
        }
    }

    private void fail(int status, String code, String message, String auditAction) {
        fail(status, code, message, auditAction, null);
    }

    /** Answers with an error in the provider's format, after its audit record is durable. */
    private void fail(int status, String code, String message, String auditAction, String param) {
        if (done) {
            return;
        }
        done = true;
        action = auditAction;
        if (reason == null) {
            reason = code;
        }
        if (!"warn".equals(auditAction)) {
            justification = null;
        }
        ProviderAdapter a = adapter != null ? adapter : dev.hush.provider.ProviderAdapters.get("openai");
        Buffer body = Buffer.buffer(a.error(status, code, message, param).toString());
        record(0, -1).onComplete(v -> {
            if (clientGone || resp.ended()) {
                return;
            }
            resp.setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader("X-Hush-Action", auditAction);
            if (status == 413 || status == 415) {
                // the rest of the body was not read: the connection cannot be reused
                if (req.version() != HttpVersion.HTTP_2) {
                    resp.putHeader(HttpHeaders.CONNECTION, "close");
                }
            }
            Future<Void> sent = resp.end(body);
            if ((status == 413 || status == 415) && req.version() != HttpVersion.HTTP_2) {
                sent.onComplete(x -> req.connection().close());
            }
        });
    }

    /** Appends this request's audit record; the returned future completes on this event loop. */
    private Future<Void> record(int upstreamStatus, long upstreamMillis) {
        gw.metrics.request(adapter == null ? "none" : adapter.name(), action);
        AuditRecord rec = new AuditRecord(time, requestId, user, adapter == null ? "none" : adapter.name(),
                route == null ? pathOnly(req.path()) : route.pathOnly(), model, action, reason, justification,
                findings, notScanned, inspection == null ? 0 : inspection.bytesScanned(),
                inspection == null ? 0 : inspection.scanMicros(), upstreamStatus, upstreamMillis);
        io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
        io.vertx.core.Context ctx = gw.vertx.getOrCreateContext();
        try {
            gw.audit.append(rec).whenComplete((v, e) -> ctx.runOnContext(x -> {
                if (e != null) {
                    auditFailed(e);
                    p.fail(e);
                } else {
                    p.complete();
                }
            }));
        } catch (RuntimeException e) {
            auditFailed(e);
            p.fail(e);
        }
        return p.future();
    }

    /** No durable record, no release: the client gets an error instead of the answer. */
    private void auditFailed(Throwable e) {
        if (!resp.ended() && !clientGone) {
            done = true;
            if (upstreamRequest != null) {
                upstreamRequest.reset();
            }
            ProviderAdapter a = adapter != null ? adapter : dev.hush.provider.ProviderAdapters.get("openai");
            resp.setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(a.error(503, "hush_audit_unavailable", "Hush could not write its audit record", null).toString());
        }
    }

    private static String pathOnly(String p) {
        return p == null ? "" : p;
    }

    private static boolean isJson(Buffer body) {
        for (int i = 0; i < body.length(); i++) {
            byte b = body.getByte(i);
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }

    private String host(String url) {
        try {
            return URI.create(url).getHost();
        } catch (Exception e) {
            return null;
        }
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
