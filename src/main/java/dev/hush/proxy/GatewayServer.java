package dev.hush.proxy;

import dev.hush.audit.AuditSink;
import dev.hush.audit.KeyedHash;
import dev.hush.config.GatewaySettings;
import dev.hush.config.HushConfig;
import dev.hush.detect.Scanner;
import dev.hush.policy.Policy;
import dev.hush.provider.ProviderAdapter;
import dev.hush.provider.ProviderAdapters;
import dev.hush.proxy.forward.ForwardProxy;
import dev.hush.proxy.forward.InterceptedRequestHandler;
import dev.hush.redact.PseudonymVault;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.PemTrustOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API gateway: an HTTP/1.1 and h2c server that inspects each provider request and forwards it over a
 * pooled upstream client (TLS with ALPN, h2 preferred). Request handling lives in {@link Exchange}.
 */
public final class GatewayServer {
    final Vertx vertx;
    final GatewaySettings settings;
    final ScanCache scanCache;
    final RequestInspector inspector;
    final PseudonymVault vault;
    final AuditSink audit;
    final KeyedHash keyHash;
    final GatewayMetrics metrics;
    final Map<String, String> upstreams = new HashMap<>();
    private final HttpClient tlsClient;
    private final HttpClient plainClient;
    private volatile String deploymentId;
    private volatile int boundPort;
    private volatile boolean ready;
    private volatile ForwardProxy forward;

    public GatewayServer(Vertx vertx, HushConfig config, Scanner scanner, AuditSink audit, KeyedHash keyHash,
            GatewayMetrics metrics) {
        this.vertx = vertx;
        this.settings = config.gateway;
        this.scanCache = new ScanCache(scanner, settings.scanCacheEntries);
        this.inspector = new RequestInspector(scanCache, new Policy(config.policy.rules), settings.scanBudgetMs);
        this.vault = new PseudonymVault(Duration.ofMinutes(settings.pseudonymTtlMinutes), settings.maxConversations);
        this.audit = audit;
        this.keyHash = keyHash;
        this.metrics = metrics;
        metrics.bindScanCache(scanCache);
        for (ProviderAdapter a : ProviderAdapters.all().values()) {
            String url = settings.upstreams.getOrDefault(a.name(), a.defaultUpstream());
            if (url != null) {
                upstreams.put(a.name(), url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            }
        }
        PoolOptions pool = new PoolOptions().setHttp1MaxSize(settings.poolSize).setHttp2MaxSize(Math.max(1, settings.poolSize / 8));
        // providers speak h2 over TLS (negotiated by ALPN, HTTP/1.1 as fallback); plain-HTTP upstreams
        // (local models, test stubs) get HTTP/1.1 because few of them accept h2c
        HttpClientOptions tls = new HttpClientOptions()
                .setSsl(true).setUseAlpn(true).setProtocolVersion(HttpVersion.HTTP_2)
                .setConnectTimeout(settings.connectTimeoutMs).setKeepAlive(true)
                .setDecompressionSupported(false);
        if (settings.upstreamCaFile != null) {
            tls.setTrustOptions(new PemTrustOptions().addCertPath(settings.upstreamCaFile));
        }
        this.tlsClient = vertx.httpClientBuilder().with(tls).with(pool).build();
        this.plainClient = vertx.httpClientBuilder().with(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1).setConnectTimeout(settings.connectTimeoutMs)
                .setKeepAlive(true).setDecompressionSupported(false)).with(pool).build();
    }

    HttpClient client(String url) {
        return url.startsWith("https:") ? tlsClient : plainClient;
    }

    /** Browser mode: CONNECT and absolute-form requests on the gateway port go to {@code proxy}. */
    public void forwardProxy(ForwardProxy proxy) {
        this.forward = proxy;
    }

    /** Where the forward proxy hands decrypted requests: the same inspection as the gateway routes. */
    public InterceptedRequestHandler interceptedRequests() {
        return (req, t) -> new Exchange(this, req, new Exchange.Intercepted(InterceptedRoutes.route(t.host(), req.uri()),
                t.upstream(), t.user(), t.host())).start();
    }

    public ScanCache scanCache() {
        return scanCache;
    }

    public PseudonymVault vault() {
        return vault;
    }

    public boolean ready() {
        return ready;
    }

    /**
     * Starts listening; the future gives the bound port (useful with port 0). One server verticle per event
     * loop (gateway.eventLoops, default one per core): Vert.x shares the port among the instances and
     * spreads connections over them, so every core serves clients.
     */
    public Future<Integer> start(String host, int port) {
        HttpServerOptions opts = new HttpServerOptions()
                .setHost(host).setPort(port)
                .setDecompressionSupported(true) // gzip, deflate, br and zstd bodies are scanned decoded
                .setHttp2ClearTextEnabled(true)
                .setHandle100ContinueAutomatically(true)
                .setMaxFormAttributeSize(-1);
        int instances = Math.max(1, settings.eventLoops > 0 ? settings.eventLoops
                : Runtime.getRuntime().availableProcessors());
        return vertx.deployVerticle(() -> new ServerVerticle(opts), new DeploymentOptions().setInstances(instances))
                .map(id -> {
                    deploymentId = id;
                    ready = true;
                    return boundPort;
                });
    }

    /** One event loop's share of the gateway: an HTTP server on the shared port. */
    private final class ServerVerticle extends VerticleBase {
        private final HttpServerOptions opts;

        ServerVerticle(HttpServerOptions opts) {
            this.opts = opts;
        }

        @Override
        public Future<?> start() {
            return vertx.createHttpServer(opts)
                    .requestHandler(req -> {
                        ForwardProxy f = forward;
                        if (f != null && ForwardProxy.isProxyRequest(req)) {
                            f.handle(req);
                        } else {
                            new Exchange(GatewayServer.this, req).start();
                        }
                    })
                    .listen()
                    .onSuccess(s -> boundPort = s.actualPort());
        }
    }

    public Future<Void> stop() {
        ready = false;
        Future<Void> f = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
        return f.compose(v -> Future.all(List.of(tlsClient.close(), plainClient.close())).mapEmpty());
    }
}
