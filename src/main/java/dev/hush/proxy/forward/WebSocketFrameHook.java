package dev.hush.proxy.forward;

import io.vertx.core.Future;
import io.vertx.core.http.WebSocketBase;

/**
 * Sees each text message a client sends over an intercepted WebSocket before it goes upstream (e.g. Copilot's
 * {@code {"event":"send",...}} frames). Completes with the text to forward (rewritten or not); a failed future
 * stops the message and closes the socket with its message as the reason.
 */
@FunctionalInterface
public interface WebSocketFrameHook {
    WebSocketFrameHook PASS = (target, path, text) -> Future.succeededFuture(text);

    Future<String> clientText(InterceptedHost target, String path, String text);

    /**
     * Takes over an open pair of sockets (the pipeline's {@code FrameRelay}: in-app refusals, server frames
     * restored); false leaves the relay to call {@link #clientText} per frame.
     *
     * @param uri the upgrade's path and query
     */
    default boolean pipe(WebSocketBase down, WebSocketBase up, InterceptedHost target, String uri) {
        return false;
    }
}
