package dev.hush.pipeline;

import dev.hush.adapter.Adapter;
import dev.hush.adapter.Adapters;
import dev.hush.adapter.Answer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.Refusal;
import dev.hush.adapter.TextSlot;
import dev.hush.adapter.UriTexts;
import dev.hush.audit.AuditFinding;
import dev.hush.audit.AuditSink;
import dev.hush.audit.AuditText;
import dev.hush.audit.KeyedHash;
import dev.hush.config.GatewaySettings;
import dev.hush.config.HushConfig;
import dev.hush.detect.Scanner;
import dev.hush.identity.JwtVerifier;
import dev.hush.identity.TrustedProxies;
import dev.hush.policy.Destination;
import dev.hush.policy.Policy;
import dev.hush.redact.ConversationPseudonyms;
import dev.hush.redact.PseudonymVault;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;

/**
 * The request path, the one place that knows the stage order (like a filter chain):
 * <pre>
 * read body ({@link BodyReader}) → identify caller ({@link CallerIdentifier}) → extract slots (the target's
 * {@link Adapter}) → inspect ({@link Inspector}) → decide ({@link Decider}) → rewrite ({@link Rewriter})
 * → forward ({@link Forwarder}) → audit ({@link Auditor}, on the answer's head) → restore answer ({@link AnswerRelay})
 * </pre>
 * Both front doors enter through {@link #handle}: the gateway with a {@link Targets#gateway} target, the
 * forward proxy with a {@link Targets#intercepted} one. Every refusal is answered by the target's adapter,
 * and every request gets exactly one audit record, durable before the response is released. Runs on the
 * server connection's event loop; large bodies are scanned on a worker.
 */
public final class RequestPipeline {
    private final Vertx vertx;
    private final GatewaySettings cfg;
    private final Adapters adapters;
    private final ScanCache scanCache;
    private final PseudonymVault vault;
    private final ProxyMetrics metrics;
    private final BodyReader reader;
    private final CallerIdentifier identifier;
    private final Inspector inspector;
    private final Decider decider;
    private final Rewriter rewriter;
    private final Forwarder forwarder;
    private final AnswerRelay relay;
    private final Auditor auditor;
    private final InFlightBytes inFlight;
    private final dev.hush.config.PolicySettings policy;
    private final JustificationPasses passes;
    private final KeyedHash keyHash;
    /** JWT bearer identity ({@code identity.jwt}), or null when off. */
    private final JwtVerifier jwt;
    /** A justification's length bound (characters). */
    private static final int MAX_REASON = 500;

    public RequestPipeline(Vertx vertx, HushConfig config, Adapters adapters, Scanner scanner, AuditSink audit,
            KeyedHash keyHash, ProxyMetrics metrics) {
        this.vertx = vertx;
        this.cfg = config.gateway;
        this.policy = config.policy;
        this.passes = new JustificationPasses(keyHash);
        this.keyHash = keyHash;
        this.adapters = adapters;
        this.metrics = metrics;
        this.scanCache = new ScanCache(scanner, cfg.scanCacheEntries);
        this.vault = new PseudonymVault(Duration.ofMinutes(cfg.pseudonymTtlMinutes), cfg.maxConversations);
        this.reader = new BodyReader(vertx, cfg.maxBodyBytes, cfg.maxDecodedRatio);
        this.identifier = new CallerIdentifier(cfg, TrustedProxies.of(config.identity.trustedProxies), keyHash);
        this.jwt = config.identity.jwt.enabled ? JwtVerifier.of(config.identity.jwt) : null;
        if (jwt != null && jwt.remote()) {
            // the first caller should not wait for the identity provider; a failure is retried by the next token
            vertx.executeBlocking(jwt::warm, false).onSuccess(ok -> {
                if (!ok) {
                    System.err.println("hush: identity.jwt.jwks could not be fetched yet: JWT callers get 503 until it is");
                }
            });
        }
        this.inspector = new Inspector(scanCache, new Policy(config.policy.rules), cfg.scanBudgetMs);
        this.decider = new Decider(keyHash, "forward".equals(cfg.onScanFailure));
        this.rewriter = new Rewriter(vault);
        this.forwarder = new Forwarder(vertx, cfg);
        this.relay = new AnswerRelay(vertx, cfg.maxResponseBytes, cfg.idleTimeoutMs);
        this.auditor = new Auditor(vertx, audit, metrics, scanCache, keyHash, config.audit.maxFindingsPerRecord);
        this.inFlight = new InFlightBytes(cfg.maxInFlightBytes);
        metrics.bindScanCache(scanCache);
    }

    /** Runs one request through the stages to {@code target}. Call on the request's event loop. */
    public void handle(HttpServerRequest req, Target target) {
        handle(req, target, null);
    }

    /**
     * @param proxyUser the user the forward proxy authenticated ({@code Proxy-Authorization}), or null
     */
    public void handle(HttpServerRequest req, Target target, String proxyUser) {
        new Run(req, target, target.adapter().name()).start(proxyUser);
    }

    /** Answers a request no adapter owns with 404 (in the OpenAI error format, as SDKs expect), audited. */
    public void noRoute(HttpServerRequest req, String message) {
        Adapter fmt = adapters.get("openai") != null ? adapters.get("openai") : adapters.generic();
        Run run = new Run(req, new Target(fmt, null, null, req.path() == null ? "" : req.path()), "none");
        req.pause();
        run.refuse(new Refused(Refusal.error(404, "hush_no_route", message)));
    }

    /**
     * WebSocket front door: one text frame a client sends to an intercepted app (Copilot's chat socket),
     * through the same stages as a request: the adapter's {@link Adapter#extractFrame}, inspect, decide,
     * rewrite, audit. Completes on the caller's context once the audit record is durable; a refused frame
     * comes with the adapter's {@link Adapter#frameRefusal} frames, or a close reason.
     *
     * @param target    the intercepted host and WebSocket path
     * @param proxyUser the proxy's user, or null
     * @param remote    the client address, or null
     */
    public Future<FrameResult> frame(Target target, String proxyUser, String remote, String frame) {
        Adapter adapter = target.adapter();
        Trail start = Trail.start(adapter.name(), target.host(), target.pathOnly(), Caller.unknown(remote))
                .identified(identifier.identify(adapter, io.vertx.core.MultiMap.caseInsensitiveMultiMap(), null,
                        remote, proxyUser));
        ExtractedRequest er;
        try {
            er = adapter.extractFrame(frame);
        } catch (RuntimeException e) {
            return refuseFrame(start, adapter, frame, Refusal.error(400, "hush_bad_request",
                    "Hush could not read this message"), "hush_bad_request");
        }
        Trail t = start.extracted(er.model(), er.notScanned());
        Caller caller = t.caller();
        Destination dest = new Destination(adapter.name(), er.model(), target.host(), caller.user(), caller.groups());
        Future<Inspection> inspected = vertx.executeBlocking(() -> inspector.inspect(er, dest), false);
        return inspected.transform(ar -> {
            if (ar.failed()) {
                return refuseFrame(t, adapter, frame, Refusal.error(503, "hush_scan_failed",
                        "Hush could not inspect this message"), "hush_scan_failed");
            }
            Inspection inspection = ar.result();
            metrics.scan(inspection.scanMicros());
            Outcome out = decider.decide(inspection, null, policy, adapter.name());
            if (out.refusal() != null && "warn".equals(out.refusal().action())) {
                out = justified(out, inspection, er, adapter.name(), caller.user(), target);
            }
            Trail decided = t.decided(inspection, out);
            if (!out.forwards()) {
                return refuseFrame(decided, adapter, frame, out.refusal(), out.reason());
            }
            Rewriter.Rewritten rw;
            try {
                String conv = Rewriter.conversationId(caller, null, er.seed());
                rw = rewriter.rewrite(Buffer.buffer(frame), er, inspection, out, conv);
            } catch (dev.hush.adapter.ReadOnlyText e) {
                return refuseFrame(decided, adapter, frame, readOnly(e), "document not rewritable");
            } catch (RuntimeException e) {
                return refuseFrame(decided, adapter, frame, Refusal.error(500, "hush_rewrite_failed",
                        "Hush could not rewrite this message"), "hush_rewrite_failed");
            }
            String text = rw.body().toString(java.nio.charset.StandardCharsets.UTF_8);
            return auditor.record(decided, 0, -1).map(v -> new FrameResult(text, rw.pseudonyms(), java.util.List.of(), null));
        });
    }

    private Future<FrameResult> refuseFrame(Trail t, Adapter adapter, String frame, Refusal r, String why) {
        Trail refused = t.refused(r.action(), why);
        java.util.List<String> reply = adapter.frameRefusal(r, frame);
        return auditor.record(refused, 0, -1).map(v -> new FrameResult(null, null, reply,
                reply.isEmpty() ? r.message() : null));
    }

    /**
     * A held request or frame: goes through when the user has a pass for exactly this content (given on the
     * admin port's justify page), else carries a one-time link to that page.
     */
    private Outcome justified(Outcome held, Inspection inspection, ExtractedRequest er, String app, String user,
            Target target) {
        String content = passes.content(held.findings(), er.notScanned());
        String reason = passes.consume(user, content);
        if (reason != null) {
            return decider.decide(inspection, reason, policy, app);
        }
        String token = passes.hold(new JustificationPasses.Held(user, content, app, target.host(), target.pathOnly(),
                held.refusal().message()));
        Refusal r = held.refusal();
        if (!policy.standingJustification) {
            // the reason alone no longer overrides: it must come with this warning's one-time token
            r = new Refusal(r.status(), r.code(), r.message().replace(STANDING, "retry with the headers 'X-Hush-Override: "
                    + token + "' and 'X-Hush-Justification: <your reason>'"), r.param(), r.action(), r.link());
        }
        return new Outcome(held.action(), held.reason(), null, r.withLink(adminUrl() + "/justify?t=" + token),
                false, held.findings());
    }

    /** A document holds what policy would rewrite (pseudonymize, redact): it cannot be, so it does not go. */
    private static Refusal readOnly(dev.hush.adapter.ReadOnlyText e) {
        return new Refusal(400, "hush_blocked", "Hush blocked this request: " + e.location() + " is an office document"
                + " or PDF holding data that policy rewrites (pseudonymize or redact), and a document cannot be rewritten."
                + " Remove it from the document, or paste the text instead.", e.location(), "block");
    }

    private static final String STANDING = "retry with the header 'X-Hush-Justification: <your reason>'";

    /** The justification page's base: {@code gateway.adminUrl}, else the admin port on this host. */
    private String adminUrl() {
        if (!cfg.adminUrl.isEmpty()) {
            return cfg.adminUrl.endsWith("/") ? cfg.adminUrl.substring(0, cfg.adminUrl.length() - 1) : cfg.adminUrl;
        }
        String h = cfg.host.equals("0.0.0.0") || cfg.host.equals("::") ? "localhost" : cfg.host;
        return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + cfg.adminPort;
    }

    /** Held requests waiting for a reason, and the passes given for them. */
    public JustificationPasses passes() {
        return passes;
    }

    /**
     * The justify page's reason for a held request: scanned and masked (a reason may quote what it justifies:
     * only masked previews are kept), audited, and a one-time pass granted. Fails when the token is unknown
     * or expired, or the audit record could not be written (then no pass is granted).
     */
    public Future<String> justify(String token, String reason) {
        JustificationPasses.Held h = passes.held(token);
        if (h == null) {
            return Future.failedFuture("unknown or expired link");
        }
        String r = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        return vertx.executeBlocking(() -> mask(r), false).compose(masked -> {
            Trail t = Trail.start(h.app(), h.host(), h.endpoint(), new Caller(h.user(), java.util.Set.of(), null, null, null, null));
            Trail j = new Trail(t.time(), t.requestId(), t.adapter(), t.endpoint(), t.host(), t.caller(), null, java.util.List.of(),
                    null, "justify", "justification for a held request", masked, java.util.List.of());
            return auditor.record(j, 0, -1).map(v -> {
                passes.grant(token, masked);
                return masked;
            });
        });
    }

    /** The text with every finding replaced by its masked preview, as the audit log masks free text. */
    private String mask(String text) {
        return AuditText.mask(text, scanCache.scan(text), "justification", keyHash, MAX_REASON).text();
    }

    public ScanCache scanCache() {
        return scanCache;
    }

    public PseudonymVault vault() {
        return vault;
    }

    public Future<Void> close() {
        return forwarder.close();
    }

    static boolean webSocketUpgrade(HttpServerRequest req) {
        String up = req.getHeader(HttpHeaders.UPGRADE);
        return up != null && up.toLowerCase(java.util.Locale.ROOT).contains("websocket");
    }

    /** The body's texts first (they seed the conversation), then the path's and the query's. */
    static ExtractedRequest withUri(ExtractedRequest body, UriTexts uri) {
        if (uri.slots().isEmpty()) {
            return body;
        }
        java.util.List<TextSlot> slots = new java.util.ArrayList<>(body.slots());
        slots.addAll(uri.slots());
        return new ExtractedRequest(slots, body.notScanned(), body.model(), body.seed(), body.encoder());
    }

    /** One request's way through the stages; its only state is the flow and the latest trail. */
    private final class Run {
        final Flow flow;
        final Target target;
        final InboundRequest head;
        /** The request with its body once read: refusals in an app's format may quote it (conversation ids). */
        InboundRequest read;
        Trail trail;
        /** The path and query as inspected (and rewritten), once extracted. */
        UriTexts upstreamPath;

        Run(HttpServerRequest req, Target target, String auditName) {
            this.flow = new Flow(req);
            this.target = target;
            this.head = BodyReader.head(req, target.host());
            this.trail = Trail.start(auditName, target.host(), target.pathOnly(), Caller.unknown(head.remote()));
            flow.resp.putHeader("X-Hush-Request-Id", trail.requestId());
        }

        void start(String proxyUser) {
            HttpServerRequest req = flow.req;
            if (webSocketUpgrade(req) && !target.adapter().takesWebSocket()) {
                // stripping the upgrade would send a plain GET: say plainly that this is not supported
                req.pause();
                refuse(Refused.error(501, "hush_websocket_unsupported", "Hush does not inspect WebSocket"
                        + " connections to " + target.adapter().name() + " (such as the Realtime API) and does not"
                        + " pass them unscanned: use the HTTP endpoints through Hush"));
                return;
            }
            Caller base = identifier.identify(target.adapter(), req.headers(), queryKey(req), head.remote(), proxyUser);
            trail = trail.identified(base);
            CallerIdentifier.Bearer bearer = CallerIdentifier.bearer(jwt, req.headers(), proxyUser);
            if (bearer == null) {
                read(false);
                return;
            }
            JwtVerifier.Identity known = jwt.known(bearer.token());
            if (known != null) {
                // verified before and not expired: SDKs send one token for its whole lifetime
                identified(base, bearer, known, false);
                return;
            }
            req.pause(); // the body waits (in the connection's buffers) until the token is checked
            // a signature check is milliseconds of CPU (and a remote JWKS may be fetched): never on the event loop
            vertx.executeBlocking(() -> jwt.verify(bearer.token()), false).onComplete(ar -> {
                if (flow.done() || flow.clientGone()) {
                    return;
                }
                if (ar.failed()) {
                    trail = trail.identified(CallerIdentifier.rejectedJwt(base));
                    boolean down = ar.cause() instanceof JwtVerifier.Rejected r && r.unavailable();
                    String why = ar.cause() instanceof JwtVerifier.Rejected ? ar.cause().getMessage() : "token check failed";
                    refuse(new Refused(down
                            ? Refusal.error(503, "hush_identity_unavailable", "Hush could not check your identity token ("
                                    + why + "); retry shortly")
                            : Refusal.error(401, "hush_unauthenticated", "Hush refused your identity token: " + why),
                            "jwt rejected: " + why));
                    return;
                }
                identified(base, bearer, ar.result(), true);
            });
        }

        /** The caller a verified token names, then the body; {@code paused}: the request was paused meanwhile. */
        void identified(Caller base, CallerIdentifier.Bearer bearer, JwtVerifier.Identity id, boolean paused) {
            Caller c = CallerIdentifier.withJwt(base, id, bearer, target.adapter(), jwt);
            if (c == null) {
                if (!paused) {
                    flow.req.pause();
                }
                trail = trail.identified(CallerIdentifier.rejectedJwt(base));
                refuse(new Refused(Refusal.error(401, "hush_no_provider_key", "Hush verified your identity token in"
                        + " Authorization but holds no " + target.adapter().name() + " key to send upstream (set"
                        + " identity.jwt.providerKeys." + target.adapter().name() + ", or send the token in "
                        + jwt.header() + " and your provider key in Authorization)"), "jwt: no provider key"));
                return;
            }
            trail = trail.identified(c);
            read(paused);
        }

        /** @param paused whether the request was paused for the token check (resumed once the body is awaited) */
        void read(boolean paused) {
            HttpServerRequest req = flow.req;
            if (!hold(declaredLength(req))) {
                return;
            }
            reader.read(req, head, paused).onComplete(ar -> {
                if (ar.failed()) {
                    refuse(ar.cause());
                } else if (!flow.done() && hold(ar.result().body().length() - held)) {
                    read = ar.result();
                    guarded(() -> extract(ar.result()));
                }
            });
        }

        long held;

        /** Takes {@code n} more bytes of {@code gateway.maxInFlightBytes}; refuses with 503 when it is spent. */
        boolean hold(long n) {
            if (n <= 0) {
                return true;
            }
            if (!inFlight.tryReserve(n)) {
                refuse(Refused.error(503, "hush_overloaded",
                        "Hush is holding too many request bodies at once; retry shortly"));
                return false;
            }
            if (held == 0) {
                flow.onEnd(() -> inFlight.release(held));
            }
            held += n;
            return true;
        }

        /** Content-Length, capped by the body limit (a larger one is refused by the read stage), else 0. */
        long declaredLength(HttpServerRequest req) {
            String cl = req.getHeader(HttpHeaders.CONTENT_LENGTH);
            try {
                return cl == null ? 0 : Math.min(Long.parseLong(cl.trim()), cfg.maxBodyBytes);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        /** The key query parameter, parsed only for adapters that take one (a bad query is no key). */
        String queryKey(HttpServerRequest req) {
            String name = target.adapter().keyQueryParam();
            try {
                return name == null ? null : req.getParam(name);
            } catch (RuntimeException e) {
                return null;
            }
        }

        void extract(InboundRequest in) {
            Adapter adapter = target.adapter();
            if (target.upstream() == null) {
                refuse(Refused.error(502, "hush_no_upstream", "No upstream configured for " + adapter.name()
                        + " (set gateway.upstreams." + adapter.name() + " or --upstream)"));
                return;
            }
            String mt = in.mediaType();
            boolean plain = mt.isEmpty() || mt.contains("json") || mt.startsWith("text/")
                    || mt.equals("application/x-www-form-urlencoded");
            if (in.body().length() > 0 && (in.body().length() > cfg.inlineScanChars || !plain
                    || dev.hush.adapter.EmbeddedFile.mayEmbedDocument(in.body()))) {
                // large bodies and uploads (documents, also base64 in JSON, are parsed for their text) are read off the event loop
                vertx.executeBlocking(() -> adapter.extract(in, target.path()), false).onComplete(ar -> {
                    if (flow.clientGone()) {
                        left("client left while the body was parsed");
                        return;
                    }
                    if (flow.done()) {
                        return;
                    }
                    if (ar.failed()) {
                        unreadable(ar.cause());
                    } else {
                        guarded(() -> inspect(in, ar.result()));
                    }
                });
                return;
            }
            ExtractedRequest body;
            try {
                body = in.body().length() == 0 ? ExtractedRequest.empty() : adapter.extract(in, target.path());
            } catch (MalformedBody | RuntimeException e) {
                unreadable(e);
                return;
            }
            guarded(() -> inspect(in, body));
        }

        /**
         * Runs a stage on the event loop so that anything it throws (an error in a detector or an adapter)
         * still answers the client, fail-closed, instead of leaving the request hanging.
         */
        void guarded(Runnable stage) {
            try {
                stage.run();
            } catch (RuntimeException | Error e) {
                System.err.println("hush: request " + trail.requestId() + " failed in a stage: " + e.getClass().getName());
                refuse(Refused.error(500, "hush_internal_error", "Hush could not process this request"));
            }
        }

        void unreadable(Throwable e) {
            if (e instanceof MalformedBody m) {
                refuse(Refused.error(400, "hush_malformed_json", m.getMessage()));
            } else {
                refuse(Refused.error(400, "hush_bad_request", "Hush could not read this request body"));
            }
        }

        void inspect(InboundRequest in, ExtractedRequest body) {
            Adapter adapter = target.adapter();
            // the path and query go upstream too: their segments and values are texts like the body's
            UriTexts uri = new UriTexts(target.path(), adapter.keyQueryParam());
            ExtractedRequest er = withUri(body, uri);
            upstreamPath = uri;
            trail = trail.extracted(er.model(), er.notScanned());
            Caller caller = trail.caller();
            Destination dest = new Destination(adapter.name(), er.model(), target.host(), caller.user(), caller.groups());
            long chars = 0;
            for (TextSlot slot : er.slots()) {
                chars += slot.text().length();
            }
            dev.hush.detect.ScanContext scan = inspector.newContext();
            flow.scan(scan);
            if (chars <= cfg.inlineScanChars) {
                apply(in, decide(in, er, inspector.inspect(er, dest, scan), caller));
                return;
            }
            // a large body would hold up every other stream on this event loop while it is scanned, decided
            // (a keyed hash per finding) and rewritten (and encoded again); the scan stops (inside a detector)
            // when the client goes away
            vertx.executeBlocking(() -> decide(in, er, inspector.inspect(er, dest, scan), caller), false)
                    .onComplete(ar -> {
                        if (flow.clientGone()) {
                            left("client left during the scan: " + (scan.cancelled() ? "scan cancelled" : "scan finished"));
                            return;
                        }
                        if (flow.done()) {
                            return;
                        }
                        if (ar.failed()) {
                            refuse(Refused.error(503, "hush_scan_failed", "Hush could not inspect this request"));
                        } else {
                            guarded(() -> apply(in, ar.result()));
                        }
                    });
        }

        /**
         * Decide and rewrite: everything that grows with the findings and the body, and touches nothing of the
         * event loop's (the request's values are immutable, the vault and passes are thread-safe), so a large
         * body runs it on a worker. {@code rewritten} is null when the outcome does not forward or the rewrite
         * failed ({@code rewriteFailed}).
         */
        record Decided(Inspection inspection, Outcome outcome, Rewriter.Rewritten rewritten, boolean rewriteFailed,
                dev.hush.adapter.ReadOnlyText readOnly) {
            Decided(Inspection inspection, Outcome outcome, Rewriter.Rewritten rewritten, boolean rewriteFailed) {
                this(inspection, outcome, rewritten, rewriteFailed, null);
            }
        }

        Decided decide(InboundRequest in, ExtractedRequest er, Inspection inspection, Caller caller) {
            String app = target.adapter().name();
            String given = caller.justification();
            Outcome out = decider.decide(inspection, policy.standingJustification ? given : null,
                    policy, app);
            if (out.refusal() != null && "warn".equals(out.refusal().action())) {
                String token = in.header("X-Hush-Override");
                if (given != null && !given.isBlank() && token != null
                        && passes.redeem(token.trim(), caller.user(), passes.content(out.findings(), er.notScanned()))) {
                    out = decider.decide(inspection, given, policy, app);
                } else {
                    out = justified(out, inspection, er, app, caller.user(), target);
                }
            }
            if (!out.forwards()) {
                return new Decided(inspection, out, null, false);
            }
            try {
                String conv = Rewriter.conversationId(caller, in.header("X-Hush-Conversation"), er.seed(),
                        inspection.digestOf(er.seed()));
                return new Decided(inspection, out, rewriter.rewrite(in.body(), er, inspection, out, conv), false);
            } catch (dev.hush.adapter.ReadOnlyText e) {
                return new Decided(inspection, out, null, true, e); // a document holds what policy rewrites
            } catch (RuntimeException e) {
                return new Decided(inspection, out, null, true);
            }
        }

        /** On the event loop: records the decision and refuses or forwards. */
        void apply(InboundRequest in, Decided d) {
            metrics.scan(d.inspection().scanMicros());
            Outcome out = d.outcome();
            for (AuditFinding f : out.findings()) {
                metrics.finding(f.type(), f.action());
            }
            trail = trail.decided(d.inspection(), out);
            if (!out.forwards()) {
                refuse(new Refused(out.refusal(), out.reason()));
            } else if (d.readOnly() != null) {
                refuse(new Refused(readOnly(d.readOnly()), "document not rewritable"));
            } else if (d.rewriteFailed()) {
                // never forward the unrewritten original in its place
                refuse(Refused.error(500, "hush_rewrite_failed", "Hush could not rewrite this request"));
            } else {
                forward(in, d.rewritten().body(), d.rewritten().pseudonyms());
            }
        }

        void forward(InboundRequest in, Buffer body, ConversationPseudonyms pseudonyms) {
            long t0 = System.nanoTime();
            Target to = upstreamPath == null ? target
                    : new Target(target.adapter(), target.host(), target.upstream(), upstreamPath.render());
            // The decision line's sync runs while the upstream works; the answer waits for both (docs/audit.md).
            Auditor.Decision decision = auditor.decision(trail);
            decision.durable().onFailure(e -> {
                if (!flow.done()) {
                    auditFailed(); // cancels the upstream request and answers 503: nothing is released unaudited
                }
            });
            if (decision.durable().failed()) {
                return; // the record could not even be built: nothing goes upstream
            }
            forwarder.send(to, trail.caller(), in.method(), in.headers(), body, pseudonyms != null, flow::upstream)
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            if (flow.clientGone()) {
                                left("client left before the answer (upstream request aborted)");
                            } else if (!flow.done()) {
                                refuse(ar.cause());
                            }
                            return;
                        }
                        HttpClientResponse ur = ar.result();
                        ur.pause();
                        // until the relay takes over: a reset of an answer not relayed (audit failed, client gone) is expected
                        ur.exceptionHandler(e -> { });
                        long millis = (System.nanoTime() - t0) / 1_000_000;
                        metrics.upstream(target.adapter().name(), ur.statusCode(), millis);
                        if (flow.clientGone()) {
                            flow.cancelUpstream();
                            left("client left before the answer (upstream request aborted)");
                            return;
                        }
                        int status = ur.statusCode();
                        auditor.outcome(trail, decision, status, millis); // not waited for
                        decision.durable().onComplete(v -> {
                            if (v.failed()) {
                                flow.cancelUpstream(); // answered 503 already (auditFailed); the request may have started after it
                                return;
                            }
                            Trail released = trail;
                            relay.relay(flow, ur, target.adapter(), pseudonyms, trail.action(),
                                    why -> auditor.recordCut(released, status, why));
                        });
                    });
        }

        /** The client went away before an answer: the record says when (nothing can be sent). */
        void left(String why) {
            refuse(new Refused(Refusal.error(499, "hush_client_gone", "The client closed the connection"), why));
        }

        void refuse(Throwable cause) {
            Refused r = cause instanceof Refused x ? x
                    : Refused.error(500, "hush_internal_error", "Hush could not process this request");
            if (!flow.finish()) {
                return;
            }
            Refusal refusal = r.refusal;
            String why = r.reason != null ? r.reason : trail.reason() != null ? trail.reason() : refusal.code();
            trail = trail.refused(refusal.action(), why);
            Answer answer;
            try {
                answer = target.adapter().refusal(refusal, read != null ? read : head);
            } catch (RuntimeException e) {
                answer = adapters.generic().refusal(refusal, head); // an adapter's own format failed: the plain one
            }
            Answer reply = answer;
            auditor.record(trail, 0, -1).onComplete(v -> {
                if (v.failed()) {
                    auditFailed();
                    return;
                }
                if (flow.gone()) {
                    return;
                }
                boolean unread = refusal.status() == 413 || refusal.status() == 415
                        || "hush_overloaded".equals(refusal.code()) || "hush_unauthenticated".equals(refusal.code())
                        || "hush_identity_unavailable".equals(refusal.code()) || "hush_no_provider_key".equals(refusal.code());
                boolean h1 = flow.req.version() != HttpVersion.HTTP_2;
                flow.resp.setStatusCode(reply.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, reply.contentType())
                        .putHeader("X-Hush-Action", refusal.action());
                if (unread && h1) {
                    // the rest of the body was not read: the connection cannot be reused
                    flow.resp.putHeader(HttpHeaders.CONNECTION, "close");
                }
                Future<Void> sent = flow.resp.end(Buffer.buffer(reply.body()));
                if (unread && h1) {
                    sent.onComplete(x -> flow.req.connection().close());
                }
            });
        }

        /** No durable record, no release: the client gets an error instead of the answer. */
        void auditFailed() {
            metrics.auditFailed();
            flow.finish();
            flow.cancelUpstream();
            if (flow.gone()) {
                return;
            }
            Answer a = target.adapter().refusal(
                    Refusal.error(503, "hush_audit_unavailable", "Hush could not write its audit record"), head);
            flow.resp.setStatusCode(a.status()).putHeader(HttpHeaders.CONTENT_TYPE, a.contentType())
                    .end(Buffer.buffer(a.body()));
        }
    }
}
