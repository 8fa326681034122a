package dev.hush.pipeline;

import dev.hush.adapter.Adapter;
import dev.hush.adapter.AnswerRestorer;
import dev.hush.redact.ConversationPseudonyms;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Restore stage: streams the upstream answer to the client, through the adapter's restorer when the
 * conversation has placeholders and the answer is readable, else byte for byte. Backpressure follows the
 * client; an upstream that breaks mid-answer resets the client stream, so a partial answer never looks whole.
 */
final class AnswerRelay {
    private final Vertx vertx;
    private final long maxResponseBytes;
    private final long idleNanos;

    /**
     * @param idleTimeoutMs an answer that sends nothing for this long, while the client is reading, is cut
     *                      (the client's own timeout starts only once it has the head: a stall must end here)
     */
    AnswerRelay(Vertx vertx, long maxResponseBytes, long idleTimeoutMs) {
        this.vertx = vertx;
        this.maxResponseBytes = maxResponseBytes;
        this.idleNanos = idleTimeoutMs * 1_000_000L;
    }

    /**
     * @param cut told once, with a value-free reason, when the answer does not reach the client whole
     *            (the upstream broke or stalled, the client left, the answer was too large to restore)
     */
    void relay(Flow flow, HttpClientResponse ur, Adapter adapter, ConversationPseudonyms pseudonyms, String action,
            Consumer<String> cut) {
        flow.finish();
        boolean[] told = {false};
        Consumer<String> once = why -> {
            if (!told[0]) {
                told[0] = true;
                cut.accept(why);
            }
        };
        if (flow.clientGone()) {
            flow.cancelUpstream();
            once.accept("client left before the answer");
            return;
        }
        flow.onClientGone(() -> once.accept("client left mid-answer"));
        HttpServerResponse resp = flow.resp;
        resp.setStatusCode(ur.statusCode());
        if (ur.statusMessage() != null) {
            resp.setStatusMessage(ur.statusMessage());
        }
        String uenc = ur.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean plainBody = uenc == null || uenc.equalsIgnoreCase("identity");
        String ctype = String.valueOf(ur.getHeader(HttpHeaders.CONTENT_TYPE)).toLowerCase(Locale.ROOT);
        AnswerRestorer restorer = pseudonyms != null && plainBody ? adapter.restorer(ctype, pseudonyms) : null;
        for (Map.Entry<String, String> h : ur.headers()) {
            String k = h.getKey();
            if (UpstreamClients.HOP_BY_HOP.contains(k) && !(k.equalsIgnoreCase("content-length") && restorer == null)) {
                continue;
            }
            resp.headers().add(h.getKey(), h.getValue());
        }
        resp.putHeader("X-Hush-Action", action);
        boolean whole = restorer != null && restorer.whole();
        if (!whole && !resp.headers().contains(HttpHeaders.CONTENT_LENGTH) && flow.req.version() != HttpVersion.HTTP_2) {
            resp.setChunked(true);
        }
        long[] held = {0};
        boolean[] overflow = {false};
        // one periodic look per event loop over its answers (IdleSweep); a paused upstream (slow client) is not idle
        IdleSweep.Watch watch = IdleSweep.watch(vertx, this, Math.max(10, idleNanos / 4_000_000L), idleNanos,
                flow::gone, () -> {
                    once.accept("upstream stalled mid-answer (idle timeout)"); // before the resets report theirs
                    flow.cancelUpstream();
                    resp.reset();
                });
        ur.handler(chunk -> {
            watch.lastData = System.nanoTime();
            if (flow.clientGone() || overflow[0]) {
                return;
            }
            Buffer b = chunk;
            if (restorer != null) {
                if (whole && (held[0] += chunk.length()) > maxResponseBytes) {
                    overflow[0] = true;
                    return;
                }
                byte[] r = restorer.feed(chunk.getBytes());
                if (r.length == 0) {
                    return;
                }
                b = Buffer.buffer(r);
            }
            resp.write(b);
            if (resp.writeQueueFull()) {
                ur.pause();
                watch.paused = true;
                resp.drainHandler(v -> {
                    watch.paused = false;
                    watch.lastData = System.nanoTime();
                    ur.resume();
                });
            }
        });
        ur.exceptionHandler(e -> {
            watch.end();
            if (!flow.gone()) {
                resp.reset(); // the upstream broke mid-answer: tell the client the answer is incomplete
                once.accept(Forwarder.isTimeout(e) ? "upstream stalled mid-answer (idle timeout)"
                        : "upstream broke mid-answer: " + Forwarder.describe(e));
            }
        });
        ur.endHandler(v -> {
            watch.end();
            if (flow.gone()) {
                return;
            }
            if (overflow[0]) {
                resp.reset(); // too large to restore; never send a truncated answer as if whole
                once.accept("answer too large to restore");
                return;
            }
            Buffer rest = restorer == null ? Buffer.buffer() : Buffer.buffer(restorer.finish());
            if (whole) {
                resp.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(rest.length()));
                resp.end(rest);
            } else if (rest.length() > 0) {
                resp.write(rest);
                resp.end();
            } else {
                resp.end();
            }
        });
        ur.resume();
    }
}
