package dev.hush.proxy.forward;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * WebSocket upgrades (HTTP/1.1) to intercepted hosts: connect upstream first, then accept the client, then
 * relay messages both ways. Client text messages pass through the {@link WebSocketFrameHook} in order (the
 * next one waits for the hook's answer on the previous), binary and server messages pass unchanged.
 */
final class WebSocketRelay {
    private static final Set<String> NOT_FORWARDED = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-accept", "content-length",
            "proxy-authorization", "proxy-connection");
    private final WebSocketClient client;
    private final WebSocketFrameHook hook;

    WebSocketRelay(Vertx vertx, WebSocketFrameHook hook, String upstreamCaFile) {
        WebSocketClientOptions o = new WebSocketClientOptions().setMaxMessageSize(4 * 1024 * 1024).setMaxFrameSize(1024 * 1024);
        if (upstreamCaFile != null) {
            o.setTrustOptions(new PemTrustOptions().addCertPath(upstreamCaFile));
        }
        this.client = vertx.createWebSocketClient(o);
        this.hook = hook;
    }

    void relay(ServerWebSocketHandshake hs, InterceptedHost t) {
        URI base = URI.create(t.upstream());
        boolean tls = "https".equals(base.getScheme());
        int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        hs.headers().forEach(h -> {
            if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        String basePath = base.getRawPath() == null || base.getRawPath().equals("/") ? "" : base.getRawPath();
        WebSocketConnectOptions co = new WebSocketConnectOptions().setHost(base.getHost()).setPort(port).setSsl(tls)
                .setURI(basePath + hs.uri()).setHeaders(headers);
        client.connect(co).onComplete(ar -> {
            if (ar.failed()) {
                hs.reject(502);
                return;
            }
            WebSocket up = ar.result();
            hs.accept().onComplete(acc -> {
                if (acc.failed()) {
                    up.close();
                    return;
                }
                if (!hook.pipe(acc.result(), up, t, hs.uri())) {
                    pipe(acc.result(), up, t, hs.path());
                }
            });
        });
    }

    private void pipe(ServerWebSocket down, WebSocket up, InterceptedHost t, String path) {
        Future<?>[] last = {Future.succeededFuture()};
        down.textMessageHandler(text -> {
            down.pause(); // keep order: the next message waits for this one's verdict
            last[0] = last[0].transform(x -> hook.clientText(t, path, text)).onComplete(v -> {
                if (v.succeeded()) {
                    up.writeTextMessage(v.result());
                    down.resume();
                } else {
                    down.close((short) 1008, truncate(v.cause().getMessage()));
                    up.close();
                }
            });
        });
        down.binaryMessageHandler(up::writeBinaryMessage);
        up.textMessageHandler(down::writeTextMessage);
        up.binaryMessageHandler(down::writeBinaryMessage);
        down.closeHandler(v -> up.close());
        up.closeHandler(v -> down.close());
        down.exceptionHandler(e -> up.close());
        up.exceptionHandler(e -> down.close());
    }

    /** A close reason is at most 123 bytes. */
    private static String truncate(String s) {
        String r = s == null ? "blocked by Hush" : s;
        return r.length() > 120 ? r.substring(0, 120) : r;
    }

    Future<Void> close() {
        return client.close();
    }
}
