package dev.hush.proxy;

import dev.hush.pipeline.ProxyMetrics;
import dev.hush.proxy.forward.BrowserPages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Health, readiness and Prometheus metrics on their own port, so they can stay inside the cluster while the
 * gateway port faces users; and the browser's justification page ({@code /justify}, no token: the one-time
 * link is the credential).
 */
public final class AdminServer {
    private final Vertx vertx;
    private final GatewayServer gateway;
    private final ProxyMetrics metrics;
    private final JustifyPage justify;
    private HttpServer server;
    private volatile BrowserPages browserPages;

    public AdminServer(Vertx vertx, GatewayServer gateway, ProxyMetrics metrics) {
        this.vertx = vertx;
        this.gateway = gateway;
        this.metrics = metrics;
        this.justify = new JustifyPage(gateway.pipeline());
    }

    /** Browser mode's pages (/ca.crt, /ca, /proxy.pac), served without a token. */
    public AdminServer browserPages(BrowserPages pages) {
        this.browserPages = pages;
        return this;
    }

    public Future<Integer> start(String host, int port) {
        return vertx.createHttpServer().requestHandler(req -> {
            BrowserPages pages = browserPages;
            if (pages != null && pages.handle(req)) {
                return;
            }
            switch (req.path()) {
                case "/healthz" -> req.response().putHeader("content-type", "application/json").end("{\"status\":\"ok\"}");
                case "/readyz" -> {
                    boolean ready = gateway.ready();
                    req.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
                            .end(ready ? "{\"status\":\"ready\"}" : "{\"status\":\"starting\"}");
                }
                case "/metrics" -> req.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
                case "/justify" -> justify.handle(req);
                default -> req.response().setStatusCode(404).end();
            }
        }).listen(port, host).map(s -> {
            server = s;
            return s.actualPort();
        });
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
