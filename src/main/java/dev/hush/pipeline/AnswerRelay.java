package dev.hush.pipeline;

import dev.hush.adapter.Adapter;
import dev.hush.adapter.AnswerRestorer;
import dev.hush.redact.ConversationPseudonyms;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.Locale;
import java.util.Map;

/**
 * Restore stage: streams the upstream answer to the client, through the adapter's restorer when the
 * conversation has placeholders and the answer is readable, else byte for byte. Backpressure follows the
 * client; an upstream that breaks mid-answer resets the client stream, so a partial answer never looks whole.
 */
final class AnswerRelay {
    private final long maxResponseBytes;

    AnswerRelay(long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    void relay(Flow flow, HttpClientResponse ur, Adapter adapter, ConversationPseudonyms pseudonyms, String action) {
        flow.finish();
        if (flow.clientGone()) {
            flow.cancelUpstream();
            return;
        }
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
            if (Forwarder.HOP_BY_HOP.contains(k) && !(k.equalsIgnoreCase("content-length") && restorer == null)) {
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
        ur.handler(chunk -> {
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
                resp.drainHandler(v -> ur.resume());
            }
        });
        ur.exceptionHandler(e -> {
            if (!flow.gone()) {
                resp.reset(); // the upstream broke mid-answer: tell the client the answer is incomplete
            }
        });
        ur.endHandler(v -> {
            if (flow.gone()) {
                return;
            }
            if (overflow[0]) {
                resp.reset(); // too large to restore; never send a truncated answer as if whole
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
