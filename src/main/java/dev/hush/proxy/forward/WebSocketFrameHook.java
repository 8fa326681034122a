package dev.hush.proxy.forward;

import io.vertx.core.Future;

/**
 * Sees each text message a client sends over an intercepted WebSocket before it goes upstream (e.g. Copilot's
 * {@code {"event":"send",...}} frames). Completes with the text to forward (rewritten or not); a failed future
 * stops the message and closes the socket with its message as the reason.
 */
@FunctionalInterface
public interface WebSocketFrameHook {
    WebSocketFrameHook PASS = (target, path, text) -> Future.succeededFuture(text);

    Future<String> clientText(InterceptedHost target, String path, String text);
}
