package dev.hush.pipeline;

import dev.hush.adapter.Adapter;
import dev.hush.adapter.Adapters;
import dev.hush.adapter.Answer;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.MalformedBody;
import dev.hush.adapter.Refusal;
import dev.hush.audit.AuditFinding;
import dev.hush.audit.AuditSink;
import dev.hush.audit.KeyedHash;
import dev.hush.config.GatewaySettings;
import dev.hush.config.HushConfig;
import dev.hush.detect.Scanner;
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

    public RequestPipeline(Vertx vertx, HushConfig config, Adapters adapters, Scanner scanner, AuditSink audit,
            KeyedHash keyHash, ProxyMetrics metrics) {
        this.vertx = vertx;
        this.cfg = config.gateway;
        this.adapters = adapters;
        this.metrics = metrics;
        this.scanCache = new ScanCache(scanner, cfg.scanCacheEntries);
        this.vault = new PseudonymVault(Duration.ofMinutes(cfg.pseudonymTtlMinutes), cfg.maxConversations);
        this.reader = new BodyReader(cfg.maxBodyBytes);
        this.identifier = new CallerIdentifier(cfg, keyHash);
        this.inspector = new Inspector(scanCache, new Policy(config.policy.rules), cfg.scanBudgetMs);
        this.decider = new Decider(keyHash, "forward".equals(cfg.onScanFailure));
        this.rewriter = new Rewriter(vault);
        this.forwarder = new Forwarder(vertx, cfg);
        this.relay = new AnswerRelay(cfg.maxResponseBytes);
        this.auditor = new Auditor(vertx, audit, metrics);
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

    public ScanCache scanCache() {
        return scanCache;
    }

    public PseudonymVault vault() {
        return vault;
    }

    public Future<Void> close() {
        return forwarder.close();
    }

    /**
     * What the body-sized work produced: a refusal before extraction (no request), or the extraction,
     * inspection and outcome, with the rewritten body when it forwards or a refusal when rewriting failed.
     */
    private record Examined(ExtractedRequest er, Inspection inspection, Outcome out, Rewriter.Rewritten rewritten,
            Refused refused) {
        static Examined refused(Refused r) {
            return new Examined(null, null, null, null, r);
        }
    }

    /** One request's way through the stages; its only state is the flow and the latest trail. */
    private final class Run {
        final Flow flow;
        final Target target;
        final InboundRequest head;
        Trail trail;

        Run(HttpServerRequest req, Target target, String auditName) {
            this.flow = new Flow(req);
            this.target = target;
            this.head = BodyReader.head(req, target.host());
            this.trail = Trail.start(auditName, target.pathOnly(), Caller.unknown(head.remote()));
            flow.resp.putHeader("X-Hush-Request-Id", trail.requestId());
        }

        void start(String proxyUser) {
            HttpServerRequest req = flow.req;
            trail = trail.identified(identifier.identify(target.adapter(), req.headers(), queryKey(req),
                    head.remote(), proxyUser));
            reader.read(req, head).onComplete(ar -> {
                if (ar.failed()) {
                    refuse(ar.cause());
                } else if (!flow.done()) {
                    extract(ar.result());
                }
            });
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
            if (in.body().length() == 0) {
                forward(in, in.body(), null);
                return;
            }
            if (in.body().length() <= cfg.inlineScanChars) {
                apply(in, examine(in, trail.caller())); // no more text than bytes: small enough for the event loop
                return;
            }
            // A large body would hold up every other stream on this event loop: parsing it, scanning it,
            // hashing its findings and re-encoding it all grow with its size, so all of it runs on a worker.
            Caller caller = trail.caller();
            vertx.executeBlocking(() -> examine(in, caller), false).onComplete(ar -> {
                if (flow.clientGone() || flow.done()) {
                    return;
                }
                if (ar.failed()) {
                    refuse(Refused.error(503, "hush_scan_failed", "Hush could not inspect this request"));
                } else {
                    apply(in, ar.result());
                }
            });
        }

        /**
         * Extract, inspect, decide and rewrite: the work that grows with the body. Touches no request state
         * (the trail, metrics and the response stay on the event loop, in {@link #apply}), so it can run on a
         * worker.
         */
        Examined examine(InboundRequest in, Caller caller) {
            Adapter adapter = target.adapter();
            ExtractedRequest er;
            try {
                er = adapter.extract(in, target.path());
            } catch (MalformedBody e) {
                return Examined.refused(Refused.error(400, "hush_malformed_json", e.getMessage()));
            } catch (RuntimeException e) {
                return Examined.refused(Refused.error(400, "hush_bad_request", "Hush could not read this request body"));
            }
            Destination dest = new Destination(adapter.name(), er.model(), target.host(), caller.user(), caller.groups());
            Inspection inspection = inspector.inspect(er, dest);
            Outcome out = decider.decide(inspection, caller.justification());
            if (!out.forwards()) {
                return new Examined(er, inspection, out, null, null);
            }
            try {
                String conv = Rewriter.conversationId(caller, in.header("X-Hush-Conversation"), er.seed());
                return new Examined(er, inspection, out, rewriter.rewrite(in.body(), er, inspection, out, conv), null);
            } catch (RuntimeException e) {
                // never forward the unrewritten original in its place
                return new Examined(er, inspection, out, null,
                        Refused.error(500, "hush_rewrite_failed", "Hush could not rewrite this request"));
            }
        }

        /** Records what {@link #examine} found and refuses or forwards. Runs on the event loop. */
        void apply(InboundRequest in, Examined ex) {
            if (ex.er() == null) {
                refuse(ex.refused());
                return;
            }
            trail = trail.extracted(ex.er().model(), ex.er().notScanned());
            metrics.scan(ex.inspection().scanMicros());
            Outcome out = ex.out();
            for (AuditFinding f : out.findings()) {
                metrics.finding(f.type(), f.action());
            }
            trail = trail.decided(ex.inspection(), out);
            if (!out.forwards()) {
                refuse(new Refused(out.refusal(), out.reason()));
            } else if (ex.refused() != null) {
                refuse(ex.refused());
            } else {
                forward(in, ex.rewritten().body(), ex.rewritten().pseudonyms());
            }
        }

        void forward(InboundRequest in, Buffer body, ConversationPseudonyms pseudonyms) {
            long t0 = System.nanoTime();
            forwarder.send(target, trail.caller(), in.method(), in.headers(), body, pseudonyms != null, flow::upstream)
                    .onComplete(ar -> {
                        if (ar.failed()) {
                            if (!flow.done() && !flow.clientGone()) {
                                refuse(ar.cause());
                            }
                            return;
                        }
                        HttpClientResponse ur = ar.result();
                        ur.pause();
                        long millis = (System.nanoTime() - t0) / 1_000_000;
                        metrics.upstream(target.adapter().name(), ur.statusCode(), millis);
                        if (flow.clientGone()) {
                            flow.cancelUpstream();
                            return;
                        }
                        auditor.record(trail, ur.statusCode(), millis).onComplete(v -> {
                            if (v.failed()) {
                                auditFailed();
                            } else {
                                relay.relay(flow, ur, target.adapter(), pseudonyms, trail.action());
                            }
                        });
                    });
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
            Answer answer = target.adapter().refusal(refusal, head);
            auditor.record(trail, 0, -1).onComplete(v -> {
                if (v.failed()) {
                    auditFailed();
                    return;
                }
                if (flow.gone()) {
                    return;
                }
                boolean unread = refusal.status() == 413 || refusal.status() == 415;
                boolean h1 = flow.req.version() != HttpVersion.HTTP_2;
                flow.resp.setStatusCode(answer.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, answer.contentType())
                        .putHeader("X-Hush-Action", refusal.action());
                if (unread && h1) {
                    // the rest of the body was not read: the connection cannot be reused
                    flow.resp.putHeader(HttpHeaders.CONNECTION, "close");
                }
                Future<Void> sent = flow.resp.end(Buffer.buffer(answer.body()));
                if (unread && h1) {
                    sent.onComplete(x -> flow.req.connection().close());
                }
            });
        }

        /** No durable record, no release: the client gets an error instead of the answer. */
        void auditFailed() {
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
