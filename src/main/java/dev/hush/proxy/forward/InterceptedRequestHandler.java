package dev.hush.proxy.forward;

import io.vertx.core.http.HttpServerRequest;

/**
 * Where decrypted requests to intercepted hosts go: the request pipeline. The request arrives unread (its
 * body not consumed), on the TLS-terminating server's event loop.
 */
@FunctionalInterface
public interface InterceptedRequestHandler {
    void handle(HttpServerRequest req, InterceptedHost target);
}
