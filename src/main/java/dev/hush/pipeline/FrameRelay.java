package dev.hush.pipeline;

import dev.hush.adapter.FrameRestorer;
import dev.hush.redact.ConversationPseudonyms;
import io.vertx.core.Future;
import io.vertx.core.http.WebSocketBase;

/**
 * Relays one intercepted WebSocket both ways once both ends are open: each client text message goes through
 * {@link RequestPipeline#frame} in order (the next waits for the verdict on the previous) and is sent
 * upstream rewritten, or answered with the adapter's in-app refusal frames, or ends the socket with a policy
 * close (1008); server text messages have the conversation's pseudonyms restored by the adapter's
 * {@link FrameRestorer}. Binary messages pass unchanged both ways. The forward proxy's WebSocket upgrade
 * calls {@link #pipe} after it has connected upstream and accepted the client.
 */
public final class FrameRelay {
    private final RequestPipeline pipeline;
    private final Target target;
    private final String user;
    private final String remote;
    private volatile FrameRestorer restorer;

    private FrameRelay(RequestPipeline pipeline, Target target, String user, String remote) {
        this.pipeline = pipeline;
        this.target = target;
        this.user = user;
        this.remote = remote;
    }

    /**
     * @param down   the client's socket
     * @param up     the app's socket
     * @param user   the proxy's user, or null
     * @param remote the client address, or null
     */
    public static void pipe(WebSocketBase down, WebSocketBase up, RequestPipeline pipeline, Target target, String user,
            String remote) {
        new FrameRelay(pipeline, target, user, remote).start(down, up);
    }

    private void start(WebSocketBase down, WebSocketBase up) {
        Future<?>[] last = {Future.succeededFuture()};
        down.textMessageHandler(text -> {
            down.pause(); // keep order: the next message waits for this one's verdict
            last[0] = last[0].transform(x -> pipeline.frame(target, user, remote, text)).onComplete(ar -> {
                if (ar.failed()) {
                    down.close((short) 1011, "Hush could not record this message");
                    up.close();
                    return;
                }
                FrameResult r = ar.result();
                if (!r.refused()) {
                    restorerFor(r.pseudonyms());
                    up.writeTextMessage(r.forward());
                } else if (r.close() != null) {
                    down.close((short) 1008, shorten(r.close()));
                    up.close();
                    return;
                } else {
                    r.reply().forEach(down::writeTextMessage);
                }
                down.resume();
            });
        });
        down.binaryMessageHandler(up::writeBinaryMessage);
        up.textMessageHandler(text -> {
            FrameRestorer fr = restorer;
            if (fr == null) {
                down.writeTextMessage(text);
            } else {
                fr.frames(text).forEach(down::writeTextMessage);
            }
        });
        up.binaryMessageHandler(down::writeBinaryMessage);
        down.closeHandler(v -> up.close());
        up.closeHandler(v -> down.close());
        down.exceptionHandler(e -> up.close());
        up.exceptionHandler(e -> down.close());
    }

    private void restorerFor(ConversationPseudonyms pseudonyms) {
        if (pseudonyms != null && restorer == null) {
            restorer = target.adapter().frameRestorer(pseudonyms);
        }
    }

    /** A close reason is at most 123 bytes of UTF-8. */
    private static String shorten(String s) {
        String r = s.length() > 120 ? s.substring(0, 120) : s;
        while (r.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }
}
