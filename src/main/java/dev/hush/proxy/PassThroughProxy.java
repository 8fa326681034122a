package dev.hush.proxy;

import dev.hush.config.GatewaySettings;
import dev.hush.pipeline.UpstreamClients;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor under Hush's proxy cost, for the load harness's {@code vertx} leg: a plain Vert.x reverse proxy
 * with the gateway's server options ({@link GatewayServer#serverOptions}), its upstream client and pool
 * ({@link UpstreamClients}), one server and one client per event loop as the gateway has, and the same
 * body handling (request read whole, then sent; answer read whole, then written). No inspection, audit,
 * routing, metrics or connection guard: what Hush adds is the difference between the two legs.
 */
public final class PassThroughProxy {
    private final Vertx vertx;
    private final GatewaySettings settings;
    private final String upstream;

    /** @param upstream an http:// origin (scheme, host, port) every request path is appended to */
    public PassThroughProxy(Vertx vertx, GatewaySettings settings, String upstream) {
        this.vertx = vertx;
        this.settings = settings;
        this.upstream = upstream;
    }

    /** Starts one server per event loop (gateway.eventLoops, else one per core); the future gives the port. */
    public Future<Integer> start(String host, int port) {
        HttpServerOptions opts = GatewayServer.serverOptions(settings, host, port);
        AtomicInteger bound = new AtomicInteger();
        return vertx.deployVerticle(() -> new Loop(opts, bound), new DeploymentOptions()
                .setInstances(GatewayServer.instances(settings)))
                .map(id -> bound.get());
    }

    private final class Loop extends VerticleBase {
        private final HttpServerOptions opts;
        private final AtomicInteger bound;
        private HttpClient client;

        Loop(HttpServerOptions opts, AtomicInteger bound) {
            this.opts = opts;
            this.bound = bound;
        }

        @Override
        public Future<?> start() {
            client = UpstreamClients.plain(vertx, settings); // created on this loop, so its connections are too
            return vertx.createHttpServer(opts).requestHandler(this::relay).listen()
                    .onSuccess(s -> bound.set(s.actualPort()));
        }

        private void relay(HttpServerRequest req) {
            MultiMap headers = endToEnd(req.headers(), MultiMap.caseInsensitiveMultiMap());
            HttpServerResponse out = req.response();
            req.body()
                    .compose(body -> client.request(new RequestOptions().setAbsoluteURI(upstream + req.uri())
                            .setMethod(req.method()).setHeaders(headers)
                            .setIdleTimeout(settings.idleTimeoutMs).setFollowRedirects(false))
                            .compose(creq -> creq.send(body)))
                    .compose(resp -> resp.body().map(answer -> {
                        out.setStatusCode(resp.statusCode());
                        endToEnd(resp.headers(), out.headers());
                        return answer;
                    }))
                    .onSuccess(out::end)
                    .onFailure(e -> {
                        if (!out.ended()) {
                            out.setStatusCode(502).end();
                        }
                    });
        }
    }

    /** Copies the end-to-end headers of {@code from} into {@code to} (hop-by-hop ones stay on their hop). */
    private static MultiMap endToEnd(MultiMap from, MultiMap to) {
        for (Map.Entry<String, String> h : from) {
            if (!UpstreamClients.HOP_BY_HOP.contains(h.getKey())) {
                to.add(h.getKey(), h.getValue());
            }
        }
        return to;
    }
}
