package dev.hush.pipeline;

import dev.hush.adapter.Refusal;
import dev.hush.config.GatewaySettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Forward stage: sends the (possibly rewritten) request upstream over a pooled client (TLS with ALPN, h2
 * preferred; plain-HTTP upstreams such as local models and stubs get HTTP/1.1). Hop-by-hop and
 * {@code X-Hush-*} headers stay behind, and so does any header the adapter does not forward
 * ({@link dev.hush.adapter.Adapter#forwardsHeader}: APIs take an allowlist); a virtual key is swapped for the provider key. Fails with a
 * {@link Refused}: 504 when the upstream is silent, 502 when it cannot be reached.
 */
final class Forwarder {
    private final Vertx vertx;
    private final GatewaySettings cfg;
    /** The clients of requests sent from outside an event loop (none on the request path). */
    private final Clients shared;
    /**
     * One pair of clients per event loop. Vert.x's HTTP client pool hands a request the connection used last,
     * whatever event loop it belongs to: with one shared pool, a request from one loop was written, and its
     * answer read, on another loop's connection, two thread hand-offs (and eventfd wake-ups) per request.
     * A loop's own clients open their connections on that loop, so the whole request stays on one thread.
     */
    private final Map<Thread, Clients> perLoop = new ConcurrentHashMap<>();

    /** An HTTP/2-or-1.1 TLS client and a plain HTTP/1.1 one, each with its pool of {@code gateway.poolSize}. */
    private record Clients(HttpClient tls, HttpClient plain) {
        Future<Void> close() {
            return Future.all(tls.close(), plain.close()).mapEmpty();
        }
    }

    Forwarder(Vertx vertx, GatewaySettings cfg) {
        this.vertx = vertx;
        this.cfg = cfg;
        this.shared = clients();
    }

    private Clients clients() {
        return new Clients(UpstreamClients.tls(vertx, cfg), UpstreamClients.plain(vertx, cfg));
    }

    /** This event loop's clients (made on its first request), or the shared ones off the event loops. */
    private Clients current() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        Clients c = perLoop.get(Thread.currentThread());
        return c != null ? c : perLoop.computeIfAbsent(Thread.currentThread(), t -> clients());
    }

    /**
     * @param identity  ask for an unencoded answer (it will be restored)
     * @param onRequest receives the upstream request as soon as it exists, so a departing client can cancel it
     */
    Future<HttpClientResponse> send(Target target, Caller caller, HttpMethod method, MultiMap clientHeaders,
            Buffer body, boolean identity, Consumer<HttpClientRequest> onRequest) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> h : clientHeaders) {
            String name = h.getKey();
            if (UpstreamClients.HOP_BY_HOP.contains(name) || name.regionMatches(true, 0, "x-hush-", 0, 7)
                    || name.equalsIgnoreCase("content-encoding") || name.startsWith(":")
                    || !target.adapter().forwardsHeader(lowerCase(name))) {
                continue;
            }
            headers.add(name, h.getValue()); // the client's spelling goes upstream
        }
        String path = target.path();
        Caller.KeySwap swap = caller.keySwap();
        if (swap != null && swap.drop() != null) {
            headers.remove(swap.drop()); // Hush's own credential, never the provider's
        }
        if (swap != null && swap.real() == null) {
            // the caller's own provider key stays
        } else if (swap != null && swap.inQuery()) {
            path = path.replace("key=" + URLEncoder.encode(swap.presented(), StandardCharsets.UTF_8),
                    "key=" + URLEncoder.encode(swap.real(), StandardCharsets.UTF_8));
        } else if (swap != null) {
            headers.set(target.adapter().keyHeader(), target.adapter().keyHeaderValue(swap.real()));
        }
        if (identity) {
            headers.set(HttpHeaders.ACCEPT_ENCODING, "identity"); // the answer must be readable to restore it
        }
        if (body.length() > 0 || method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            headers.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
        }
        RequestOptions ro = upstreamOptions(target.upstream(), path)
                .setMethod(method)
                .setHeaders(headers)
                .setConnectTimeout(cfg.connectTimeoutMs)
                .setIdleTimeout(cfg.idleTimeoutMs)
                .setFollowRedirects(false);
        Clients clients = current();
        HttpClient client = Boolean.TRUE.equals(ro.isSsl()) ? clients.tls() : clients.plain();
        String name = target.adapter().name();
        return client.request(ro).compose(creq -> {
            onRequest.accept(creq);
            return creq.send(body);
        }).recover(e -> Future.failedFuture(new Refused(isTimeout(e)
                ? Refusal.error(504, "hush_upstream_timeout", "The " + name + " upstream did not answer in time")
                : Refusal.error(502, "hush_upstream_unreachable", "The " + name + " upstream could not be reached"),
                "upstream " + describe(e))));
    }

    /**
     * Where a request to {@code upstream + path} goes, as {@link RequestOptions#setAbsoluteURI(String)} would set
     * it (host, port, TLS, URI), without parsing the URL on every request: the upstream is parsed once, and a
     * plain path (printable ASCII, no fragment, no dot segment, no backslash) is appended to its base path.
     * Anything else goes through {@code setAbsoluteURI} itself.
     */
    static RequestOptions upstreamOptions(String upstream, String path) {
        Origin o = ORIGINS.get(upstream);
        if (o == null) {
            o = Origin.of(upstream);
            if (ORIGINS.size() < 256) { // upstreams come from the config and intercepted hosts: few
                ORIGINS.putIfAbsent(upstream, o);
            }
        }
        if (o.host == null || !plainPath(path)) {
            return new RequestOptions().setAbsoluteURI(upstream + path);
        }
        return new RequestOptions().setHost(o.host).setPort(o.port).setSsl(o.ssl).setURI(o.base + path);
    }

    private static final Map<String, Origin> ORIGINS = new ConcurrentHashMap<>();

    /** An upstream URL taken apart once; {@code host} null: not a plain origin, use {@code setAbsoluteURI}. */
    private record Origin(String host, int port, Boolean ssl, String base) {
        static final Origin NONE = new Origin(null, 0, null, null);

        static Origin of(String upstream) {
            java.net.URL u;
            try {
                u = new java.net.URL(upstream);
            } catch (java.net.MalformedURLException e) {
                return NONE;
            }
            String scheme = u.getProtocol();
            boolean tls = "https".equals(scheme);
            if (!tls && !"http".equals(scheme) || u.getQuery() != null || u.getRef() != null || u.getUserInfo() != null
                    || !plainPath(u.getPath()) && !u.getPath().isEmpty() || upstream.indexOf('#') >= 0) {
                return NONE;
            }
            int port = u.getPort() != -1 ? u.getPort() : tls ? 443 : 80;
            return new Origin(u.getHost(), port, tls ? Boolean.TRUE : Boolean.FALSE, u.getPath());
        }
    }

    /** Starts with '/', printable ASCII without '#', '\\' or a "/." (what URL parsing could treat specially). */
    static boolean plainPath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#' || c == '\\' || c == '.' && path.charAt(i - 1) == '/') {
                return false;
            }
        }
        return true;
    }

    /** The name itself when it has no upper-case letter (HTTP/2 names always, most HTTP/1.1 ones not). */
    static String lowerCase(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 0x7f) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    /** A short, value-free description of why the upstream failed, for the audit reason. */
    static String describe(Throwable t) {
        return t instanceof ConnectException ? "connection refused" : t.getClass().getSimpleName();
    }

    static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException || c.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    Future<Void> close() {
        List<Future<Void>> all = new java.util.ArrayList<>();
        all.add(shared.close());
        for (Clients c : perLoop.values()) {
            all.add(c.close());
        }
        return Future.all(all).mapEmpty();
    }
}
