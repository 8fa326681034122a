package dev.hush.proxy.forward;

import dev.hush.proxy.tls.LeafCertificates;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TLS-terminating side of interception: an HTTP server on a loopback port that only the proxy connects to.
 * Each CONNECT to an intercepted host becomes a loopback connection here, registered by its source port, so
 * a request is matched to the tunnel (host, user) it came through. Leaves are chosen by SNI; ALPN offers h2
 * and HTTP/1.1. The SSL engine runs on worker threads, so minting a leaf never blocks an event loop.
 * (Vert.x 5.0.7 cannot upgrade a CONNECT socket to TLS itself; this loopback hop is the documented way.)
 */
final class InterceptServer {
    private final Vertx vertx;
    private final LeafCertificates leaves;
    private final InterceptedRequestHandler handler;
    private final WebSocketRelay webSockets;
    private final int instances;
    private final Map<Integer, InterceptedHost> tunnels = new ConcurrentHashMap<>();
    private volatile int port;
    private volatile String deploymentId;

    InterceptServer(Vertx vertx, LeafCertificates leaves, InterceptedRequestHandler handler, WebSocketRelay webSockets,
            int instances) {
        this.vertx = vertx;
        this.leaves = leaves;
        this.handler = handler;
        this.webSockets = webSockets;
        this.instances = instances;
    }

    Future<Integer> start() {
        HttpServerOptions opts = new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                .setSsl(true).setSni(false).setUseAlpn(true).setKeyCertOptions(leaves) // the key manager reads SNI itself
                .setSslEngineOptions(engine())
                .setDecompressionSupported(false) // BodyReader decodes bodies, bounded
                .setHandle100ContinueAutomatically(true)
                .setMaxFormAttributeSize(-1)
                .setSslHandshakeTimeout(30);
        return vertx.deployVerticle(() -> new Instance(opts), new DeploymentOptions().setInstances(instances))
                .map(id -> {
                    deploymentId = id;
                    return port;
                });
    }

    /** BoringSSL when its native library loads (it ships in the jar for linux-x86_64), else the JDK's engine. */
    static SSLEngineOptions engine() {
        SSLEngineOptions o = OpenSSLEngineOptions.isAvailable() && !Boolean.getBoolean("hush.tls.jdk")
                ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
        return o.setUseWorkerThread(true); // key lookup (and a first-time mint) runs off the event loop
    }

    Future<Void> stop() {
        return deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
    }

    int port() {
        return port;
    }

    /** The proxy's end of a loopback connection: requests from this source port belong to {@code target}. */
    void register(int sourcePort, InterceptedHost target) {
        tunnels.put(sourcePort, target);
    }

    void unregister(int sourcePort) {
        tunnels.remove(sourcePort);
    }

    int openTunnels() {
        return tunnels.size();
    }

    private final class Instance extends VerticleBase {
        private final HttpServerOptions opts;

        Instance(HttpServerOptions opts) {
            this.opts = opts;
        }

        @Override
        public Future<?> start() {
            // port 0 in one deployment: Vert.x gives every instance the same port
            return vertx.createHttpServer(opts)
                    .requestHandler(InterceptServer.this::request)
                    .webSocketHandshakeHandler(InterceptServer.this::webSocket)
                    .listen()
                    .onSuccess(s -> port = s.actualPort());
        }
    }

    private void request(HttpServerRequest req) {
        InterceptedHost t = target(req.remoteAddress(), req.authority());
        if (t == null) {
            req.response().setStatusCode(421).putHeader("content-type", "text/plain")
                    .end("Hush: this connection is not for that host\n");
            return;
        }
        handler.handle(req, t);
    }

    private void webSocket(ServerWebSocketHandshake hs) {
        InterceptedHost t = target(hs.remoteAddress(), hs.authority());
        if (t == null) {
            hs.reject(421);
            return;
        }
        webSockets.relay(hs, t);
    }

    /** The tunnel this connection came through, if the request names the same host (else 421 Misdirected). */
    private InterceptedHost target(SocketAddress remote, HostAndPort authority) {
        InterceptedHost t = remote == null ? null : tunnels.get(remote.port());
        if (t == null) {
            return null;
        }
        if (authority != null && !HostRules.normalise(authority.host()).equals(t.host())) {
            return null;
        }
        return t;
    }
}
