package dev.hush.proxy.forward;

import dev.hush.audit.AuditRecord;
import dev.hush.audit.AuditSink;
import dev.hush.config.ProxySettings;
import dev.hush.proxy.tls.LeafCertificates;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The forward-proxy front door on the {@code serve} port, as Squid on 3128: {@code CONNECT host:port} and
 * absolute-form {@code http://} requests. Denied hosts get a page that says why; intercepted hosts are
 * tunnelled to the {@link InterceptServer}, which terminates TLS; every other host is tunnelled byte for
 * byte to the address it resolves to, after the port and address checks of {@link TunnelGuard}.
 */
public final class ForwardProxy {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    private final Vertx vertx;
    private final ProxySettings settings;
    private final Map<String, String> upstreams;
    private final HostRules rules;
    private final TunnelGuard guard;
    private final ProxyAuthenticator auth;
    private final InterceptServer intercept;
    private final InterceptedRequestHandler handler;
    private final NetClient net;
    private final HttpClient http;
    private volatile AuditSink audit;
    private final LeafCertificates leaves;

    ForwardProxy(Vertx vertx, ProxySettings settings, Map<String, String> upstreams, HostRules rules, TunnelGuard guard, ProxyAuthenticator auth,
            InterceptServer intercept, LeafCertificates leaves, InterceptedRequestHandler handler, int connectTimeoutMs) {
        this.leaves = leaves;
        this.vertx = vertx;
        this.settings = settings;
        this.upstreams = upstreams;
        this.rules = rules;
        this.guard = guard;
        this.auth = auth;
        this.intercept = intercept;
        this.handler = handler;
        this.net = vertx.createNetClient(new NetClientOptions().setConnectTimeout(connectTimeoutMs).setTcpNoDelay(true));
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(connectTimeoutMs).setKeepAlive(true));
    }

    /** True for requests this class answers: CONNECT and absolute-form {@code http://}. */
    public static boolean isProxyRequest(HttpServerRequest req) {
        return req.method() == HttpMethod.CONNECT || req.uri().regionMatches(true, 0, "http://", 0, 7);
    }

    /** Refusals (deny list, port, address) get an audit record too, with the host as the endpoint. */
    public ForwardProxy auditRefusals(AuditSink sink) {
        this.audit = sink;
        return this;
    }

    /** Path and query of a request target: absolute-form {@code http://host/p?q} becomes {@code /p?q}. */
    public static String originForm(String uri) {
        if (!uri.regionMatches(true, 0, "http://", 0, 7) && !uri.regionMatches(true, 0, "https://", 0, 8)) {
            return uri.isEmpty() ? "/" : uri;
        }
        int slash = uri.indexOf('/', uri.indexOf("//") + 2);
        return slash < 0 ? "/" : uri.substring(slash);
    }

    public HostRules rules() {
        return rules;
    }

    int openInterceptedTunnels() {
        return intercept.openTunnels();
    }

    public void handle(HttpServerRequest req) {
        req.pause();
        if (auth == null) {
            dispatch(req, "ip:" + (req.remoteAddress() == null ? "unknown" : req.remoteAddress().hostAddress()));
            return;
        }
        auth.authenticate(req).onComplete(ar -> {
            if (ar.succeeded()) {
                dispatch(req, ar.result());
            } else {
                HttpServerResponse r = req.response();
                r.putHeader("Proxy-Authenticate", "Basic realm=\"Hush\", charset=\"UTF-8\"");
                RefusalPage.send(r, 407, "proxy sign-in required",
                        "This proxy needs your user name and password (" + ar.cause().getMessage() + ").");
            }
        });
    }

    private void dispatch(HttpServerRequest req, String user) {
        if (req.method() == HttpMethod.CONNECT) {
            connect(req, user);
        } else {
            absolute(req, user);
        }
    }

    private void connect(HttpServerRequest req, String user) {
        HostPort hp = HostPort.parse(req.uri());
        if (hp == null) {
            RefusalPage.send(req.response(), 400, "bad CONNECT request", "CONNECT needs host:port.");
            return;
        }
        HostRules.Kind kind = rules.classify(hp.host());
        if (kind == HostRules.Kind.DENY) {
            denied(req, hp.host(), user);
            return;
        }
        if (!guard.connectPortAllowed(hp.port())) {
            refuse(req, user, hp.host(), "proxy.tunnelPorts", "port not allowed", "Tunnels to port " + hp.port()
                    + " are not allowed (proxy.tunnelPorts: " + settings.tunnelPorts + ").");
            return;
        }
        if (kind == HostRules.Kind.INTERCEPT) {
            if (leaves != null && !leaves.has(hp.host())) {
                // mint while the 200 and the client's hello are on their way: the handshake then finds it cached
                vertx.executeBlocking(() -> {
                    leaves.warm(hp.host());
                    return null;
                }, false);
            }
            InterceptedHost target = new InterceptedHost(hp.host(), hp.port(), user, upstream(hp));
            net.connect(intercept.port(), "127.0.0.1").onComplete(ar -> {
                if (ar.failed()) {
                    RefusalPage.send(req.response(), 502, "inspection unavailable", "Hush could not open its inspection server.");
                    return;
                }
                NetSocket inner = ar.result();
                int source = inner.localAddress().port();
                intercept.register(source, target);
                inner.closeHandler(v -> intercept.unregister(source));
                splice(req, inner);
            });
            return;
        }
        resolve(hp.host()).onComplete(ar -> {
            if (ar.failed()) {
                RefusalPage.send(req.response(), 502, "unknown host", "The name " + hp.host() + " could not be resolved.");
                return;
            }
            InetAddress a = ar.result();
            String why = guard.refusal(a);
            if (why != null) {
                refuse(req, user, hp.host(), "proxy.tunnelPrivate", "address not allowed", hp.host() + " is " + why
                        + "; the proxy does not connect there (proxy.tunnelPrivate).");
                return;
            }
            net.connect(SocketAddress.inetSocketAddress(hp.port(), a.getHostAddress())).onComplete(c -> {
                if (c.failed()) {
                    RefusalPage.send(req.response(), 502, "site unreachable", hp.host() + ":" + hp.port() + " could not be reached.");
                    return;
                }
                splice(req, c.result());
            });
        });
    }

    /** Answers 200 to the CONNECT and relays both ways; either side closing closes the other. */
    private void splice(HttpServerRequest req, NetSocket far) {
        far.pause(); // nothing is read before the client's side is ready (resumed below, before the remote can close)
        req.toNetSocket().onComplete(ar -> {
            if (ar.failed()) {
                far.close();
                return;
            }
            Splice.between(ar.result(), far);
            far.resume();
            ar.result().resume();
        });
    }

    private void denied(HttpServerRequest req, String host, String user) {
        refuse(req, user, host, "proxy.deny", "site blocked", host
                + " is not a sanctioned AI service here (proxy.deny). Use one of the tools your organisation provides.");
    }

    /** A 403 that is a decision: audited (host as endpoint, the setting as reason), then answered. */
    private void refuse(HttpServerRequest req, String user, String host, String reason, String title, String why) {
        AuditSink sink = audit;
        if (sink == null) {
            RefusalPage.send(req.response(), 403, title, why);
            return;
        }
        io.vertx.core.Context ctx = vertx.getOrCreateContext();
        AuditRecord rec = new AuditRecord(Instant.now(), UUID.randomUUID().toString(), user, "proxy", host, null,
                "block", reason, null, List.of(), List.of(), 0, 0, 0, -1);
        try {
            // refused either way; the answer waits for the record so the log never misses a refusal it showed
            sink.append(rec).whenComplete((v, e) -> ctx.runOnContext(x -> RefusalPage.send(req.response(), 403, title, why)));
        } catch (RuntimeException e) {
            RefusalPage.send(req.response(), 403, title, why);
        }
    }

    private String upstream(HostPort hp) {
        String u = upstreams.get(hp.host());
        if (u != null) {
            return trim(u);
        }
        return "https://" + hp.host() + (hp.port() == 443 ? "" : ":" + hp.port());
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Absolute-form {@code http://host/path}: intercepted hosts into the pipeline, others relayed after the checks. */
    private void absolute(HttpServerRequest req, String user) {
        URI u;
        try {
            u = URI.create(req.uri());
        } catch (IllegalArgumentException e) {
            RefusalPage.send(req.response(), 400, "bad request", "The request URL is not valid.");
            return;
        }
        if (u.getHost() == null) {
            RefusalPage.send(req.response(), 400, "bad request", "The request URL names no host.");
            return;
        }
        HostPort hp = new HostPort(HostRules.normalise(u.getHost()), u.getPort() > 0 ? u.getPort() : 80);
        HostRules.Kind kind = rules.classify(hp.host());
        if (kind == HostRules.Kind.DENY) {
            denied(req, hp.host(), user);
            return;
        }
        if (kind == HostRules.Kind.INTERCEPT) {
            String up = upstreams.get(hp.host());
            handler.handle(req, new InterceptedHost(hp.host(), hp.port(), user,
                    up != null ? trim(up) : "http://" + hp.host() + (hp.port() == 80 ? "" : ":" + hp.port())));
            req.resume();
            return;
        }
        if (!guard.httpPortAllowed(hp.port())) {
            refuse(req, user, hp.host(), "proxy.tunnelPorts", "port not allowed", "Requests to port " + hp.port() + " are not allowed.");
            return;
        }
        resolve(hp.host()).onComplete(ar -> {
            if (ar.failed()) {
                RefusalPage.send(req.response(), 502, "unknown host", "The name " + hp.host() + " could not be resolved.");
                return;
            }
            String why = guard.refusal(ar.result());
            if (why != null) {
                refuse(req, user, hp.host(), "proxy.tunnelPrivate", "address not allowed", hp.host() + " is " + why
                        + "; the proxy does not connect there (proxy.tunnelPrivate).");
                return;
            }
            relay(req, hp, ar.result(), u);
        });
    }

    private void relay(HttpServerRequest req, HostPort hp, InetAddress a, URI u) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> h : req.headers()) {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        }
        String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        RequestOptions ro = new RequestOptions().setServer(SocketAddress.inetSocketAddress(hp.port(), a.getHostAddress()))
                .setHost(hp.host()).setPort(hp.port()).setURI(path).setMethod(req.method()).setHeaders(headers)
                .setFollowRedirects(false);
        http.request(ro).compose(creq -> creq.send(req)).onComplete(ar -> {
            HttpServerResponse resp = req.response();
            if (ar.failed()) {
                RefusalPage.send(resp, 502, "site unreachable", hp.host() + " could not be reached.");
                return;
            }
            var ur = ar.result();
            resp.setStatusCode(ur.statusCode());
            ur.headers().forEach(h -> {
                if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    resp.headers().add(h.getKey(), h.getValue());
                }
            });
            resp.send(ur);
        });
        // no resume here: send(req) reads the (paused) body when the upstream connection is ready
    }

    /** Resolves once, off the event loop; the caller checks and connects to this exact address. */
    private Future<InetAddress> resolve(String host) {
        return vertx.executeBlocking(() -> InetAddress.getByName(host), false);
    }

    public Future<Void> stop() {
        return Future.all(intercept.stop(), net.close(), http.close()).mapEmpty();
    }

    /** A CONNECT target: {@code host:port} or {@code [v6]:port}. */
    record HostPort(String host, int port) {
        static HostPort parse(String s) {
            if (s == null) {
                return null;
            }
            int c = s.lastIndexOf(':');
            if (c <= 0 || c == s.length() - 1) {
                return null;
            }
            String h = s.substring(0, c);
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            } else if (h.contains(":")) {
                return null;
            }
            if (h.isEmpty() || !h.matches("[A-Za-z0-9.\\-:_]+")) {
                return null;
            }
            int p;
            try {
                p = Integer.parseInt(s.substring(c + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            return p < 1 || p > 65535 ? null : new HostPort(HostRules.normalise(h), p);
        }
    }
}
