package dev.hush.proxy;

import dev.hush.adapter.Adapters;
import dev.hush.audit.AuditSink;
import dev.hush.audit.KeyedHash;
import dev.hush.config.GatewaySettings;
import dev.hush.config.HushConfig;
import dev.hush.detect.Scanner;
import dev.hush.pipeline.ProxyMetrics;
import dev.hush.pipeline.RequestPipeline;
import dev.hush.pipeline.ScanCache;
import dev.hush.pipeline.Target;
import dev.hush.pipeline.Targets;
import dev.hush.proxy.forward.ForwardProxy;
import dev.hush.proxy.forward.InterceptedRequestHandler;
import dev.hush.redact.PseudonymVault;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API gateway: an HTTP/1.1 and h2c server whose requests go through the {@link RequestPipeline} to
 * the provider their path names. The pipeline and target resolution are shared with the forward proxy.
 */
public final class GatewayServer {
    private final Vertx vertx;
    private final GatewaySettings settings;
    private final Targets targets;
    private final RequestPipeline pipeline;
    private volatile String deploymentId;
    private volatile int boundPort;
    private volatile boolean ready;
    /** Client connections open now, across every event loop ({@code gateway.maxConnections}). */
    private final AtomicInteger openConnections = new AtomicInteger();
    private volatile ForwardProxy forward;

    public GatewayServer(Vertx vertx, HushConfig config, Scanner scanner, AuditSink audit, KeyedHash keyHash,
            ProxyMetrics metrics) {
        this.vertx = vertx;
        this.settings = config.gateway;
        Adapters adapters = Adapters.registered();
        this.targets = new Targets(adapters, settings.upstreams);
        this.pipeline = new RequestPipeline(vertx, config, adapters, scanner, audit, keyHash, metrics);
        metrics.bindOpenConnections(openConnections);
    }

    /** The request dispatch of the shared port: proxy requests to the forward proxy, gateway routes by path prefix, else 404. */
    void handle(HttpServerRequest req) {
        ForwardProxy f = forward;
        if (f != null && ForwardProxy.isProxyRequest(req)) {
            f.handle(req);
            return;
        }
        Target target = targets.gateway(req.uri());
        if (target == null) {
            pipeline.noRoute(req, "No provider route for this path: use /openai, /v1, /azure, /anthropic or /gemini");
        } else {
            pipeline.handle(req, target);
        }
    }

    /** Browser mode: CONNECT and absolute-form requests on the gateway port go to {@code proxy}. */
    public void forwardProxy(ForwardProxy proxy) {
        this.forward = proxy;
    }

    /**
     * Where the forward proxy hands decrypted requests: the same pipeline as the gateway routes, to the
     * adapter that knows the host (else the generic one) and the host's upstream ({@code --upstream HOST=URL},
     * else {@code https://HOST}).
     */
    public InterceptedRequestHandler interceptedRequests() {
        return (req, t) -> pipeline.handle(req, targets.intercepted(t.port() == 443 || t.port() == 80 ? t.host()
                : t.host() + ":" + t.port(), ForwardProxy.originForm(req.uri())), t.user());
    }

    /**
     * Where the forward proxy hands intercepted WebSockets: each client text frame through the pipeline
     * ({@link dev.hush.pipeline.FrameRelay}), server frames restored by the host's adapter.
     */
    public dev.hush.proxy.forward.WebSocketFrameHook interceptedWebSockets() {
        return new dev.hush.proxy.forward.WebSocketFrameHook() {
            @Override
            public io.vertx.core.Future<String> clientText(dev.hush.proxy.forward.InterceptedHost t, String path, String text) {
                return pipeline.frame(target(t, path), t.user(), null, text).compose(r -> r.refused()
                        ? io.vertx.core.Future.failedFuture(r.close() != null ? r.close() : "Hush blocked this message")
                        : io.vertx.core.Future.succeededFuture(r.forward()));
            }

            @Override
            public boolean pipe(io.vertx.core.http.WebSocketBase down, io.vertx.core.http.WebSocketBase up,
                    dev.hush.proxy.forward.InterceptedHost t, String uri) {
                dev.hush.pipeline.FrameRelay.pipe(down, up, pipeline, target(t, uri), t.user(), null);
                return true;
            }

            private Target target(dev.hush.proxy.forward.InterceptedHost t, String uri) {
                return targets.intercepted(t.port() == 443 || t.port() == 80 ? t.host() : t.host() + ":" + t.port(),
                        ForwardProxy.originForm(uri));
            }
        };
    }

    public RequestPipeline pipeline() {
        return pipeline;
    }

    public Targets targets() {
        return targets;
    }

    public ScanCache scanCache() {
        return pipeline.scanCache();
    }

    public PseudonymVault vault() {
        return pipeline.vault();
    }

    public boolean ready() {
        return ready;
    }

    /** Client connections open now ({@code gateway.maxConnections} counts these; also {@code hush_open_connections}). */
    public int openConnections() {
        return openConnections.get();
    }

    /**
     * Starts listening; the future gives the bound port (useful with port 0). One server verticle per event
     * loop (gateway.eventLoops, default one per core): Vert.x shares the port among the instances and
     * spreads connections over them, so every core serves clients.
     */
    public Future<Integer> start(String host, int port) {
        HttpServerOptions opts = serverOptions(settings, host, port);
        return vertx.deployVerticle(() -> new ServerVerticle(opts), new DeploymentOptions().setInstances(instances(settings)))
                .map(id -> {
                    deploymentId = id;
                    ready = true;
                    return boundPort;
                });
    }

    /** The gateway's server options (shared with the harness's plain Vert.x leg, {@link PassThroughProxy}). */
    static HttpServerOptions serverOptions(GatewaySettings settings, String host, int port) {
        HttpServerOptions opts = new HttpServerOptions()
                .setHost(host).setPort(port)
                .setDecompressionSupported(false) // BodyReader decodes, bounded: the server would inflate unbounded
                .setHttp2ClearTextEnabled(true)
                .setHandle100ContinueAutomatically(true)
                .setMaxFormAttributeSize(-1)
                // rapid reset (CVE-2023-44487): few streams at once, and a connection resetting too many is closed
                .setInitialSettings(new Http2Settings().setMaxConcurrentStreams(settings.http2MaxConcurrentStreams))
                .setHttp2RstFloodMaxRstFramePerWindow(settings.http2MaxResetsPerWindow)
                .setHttp2RstFloodWindowDuration(settings.http2ResetWindowSeconds)
                .setHttp2RstFloodWindowDurationTimeUnit(TimeUnit.SECONDS);
        if (ConnectionGuard.canLiftIdleTimeout()) {
            // until its first head is complete a connection has no handler. The server writes nothing before
            // that head, so a write-idle timeout is a deadline from the connection's opening that trickled bytes
            // do not reset (an all-idle or read-idle timeout would restart at each byte: slow-loris)
            opts.setWriteIdleTimeout(settings.headerTimeoutMs).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        }
        return opts;
    }

    /** Server instances, one per event loop: gateway.eventLoops, else one per core. */
    static int instances(GatewaySettings settings) {
        return Math.max(1, settings.eventLoops > 0 ? settings.eventLoops : Runtime.getRuntime().availableProcessors());
    }

    /** One event loop's share of the gateway: an HTTP server on the shared port. */
    private final class ServerVerticle extends VerticleBase {
        private final HttpServerOptions opts;
        /** This event loop's connections; touched only on that loop. */
        private final Map<HttpConnection, ConnectionGuard> guards = new HashMap<>();

        ServerVerticle(HttpServerOptions opts) {
            this.opts = opts;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(opts)
                    .connectionHandler(conn -> guards.put(conn,
                            ConnectionGuard.attach(vertx, conn, settings, openConnections, () -> guards.remove(conn))))
                    .requestHandler(req -> {
                        ConnectionGuard guard = guards.get(req.connection());
                        if (guard != null && !guard.admit(req)) {
                            return;
                        }
                        if (!refused(req)) {
                            handle(req);
                        }
                    })
                    .listen()
                    .onSuccess(s -> boundPort = s.actualPort());
        }
    }

    /** TRACE and dot-dot targets are answered here, before routing: they never reach an upstream. */
    private static boolean refused(HttpServerRequest req) {
        boolean trace = req.method() == HttpMethod.TRACE;
        if (!trace && !PathTraversal.in(req.uri())) {
            return false;
        }
        String msg = trace ? "TRACE is not allowed" : "The request path may not hold '.', '..' or encoded separators";
        req.response().setStatusCode(trace ? 405 : 400).putHeader("content-type", "application/json")
                .end("{\"error\":{\"message\":\"Hush refused this request: " + msg
                        + "\",\"type\":\"invalid_request_error\",\"code\":\"hush_bad_target\"}}");
        return true;
    }

    public Future<Void> stop() {
        ready = false;
        Future<Void> f = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
        return f.compose(v -> pipeline.close());
    }
}
