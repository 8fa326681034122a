package dev.hush.proxy.forward;

import dev.hush.config.ProxySettings;
import dev.hush.proxy.tls.CertificateAuthority;
import dev.hush.proxy.tls.LeafCertificates;
import dev.hush.proxy.tls.LeafMinter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;

/** Assembles the forward proxy: CA, leaf cache (default hosts minted before the first client), TLS server. */
public final class BrowserMode {
    private BrowserMode() {
    }

    /**
     * Starts the interception server and returns the proxy to hook into the serve port. {@code upstreams}
     * maps intercepted host names to the base URL used instead of {@code https://HOST} ({@code --upstream HOST=URL}). Minting runs on a
     * worker thread; the future completes once the intercept list's literal hosts have their leaves.
     */
    public static Future<ForwardProxy> start(Vertx vertx, ProxySettings s, Map<String, String> upstreams, CertificateAuthority ca,
            InterceptedRequestHandler handler, WebSocketFrameHook frames, String upstreamCaFile, int eventLoops,
            int connectTimeoutMs) {
        HostRules rules = new HostRules(s);
        LeafCertificates leaves = new LeafCertificates(new LeafMinter(ca), rules::intercepts, s.leafCacheEntries);
        ProxyAuthenticator auth;
        try {
            auth = s.usersFile == null ? null : new ProxyAuthenticator(vertx, ProxyUsers.load(Path.of(s.usersFile)));
        } catch (Exception e) {
            return Future.failedFuture(new IllegalStateException("proxy.usersFile: " + e.getMessage(), e));
        }
        InterceptServer server = new InterceptServer(vertx, leaves, handler,
                new WebSocketRelay(vertx, frames, upstreamCaFile), eventLoops);
        ProxyAuthenticator a = auth;
        return vertx.executeBlocking(() -> {
            leaves.premint(rules.literalInterceptHosts());
            return null;
        }, false).compose(v -> server.start()).map(port -> new ForwardProxy(vertx, s, upstreams, rules,
                new TunnelGuard(s.tunnelPorts, s.tunnelPrivate), a, server, leaves, handler, connectTimeoutMs));
    }
}
