package dev.hush.pipeline;

import dev.hush.adapter.InboundRequest;
import dev.hush.adapter.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Read stage: the whole body, up to the limit, then decoded here ({@link BodyDecoder}: gzip, deflate, br,
 * zstd, stacked) on a worker with the limit counted after decoding, so a compression bomb stops here too.
 * The server does not decompress: what Hush decodes is what it inspects and forwards (decoded, without
 * {@code Content-Encoding}). Fails with a {@link Refused}: 415 for an unknown encoding, 413 over the limit
 * or the ratio, 400 when the body cannot be read or decoded. Event loop only.
 */
final class BodyReader {
    private final Vertx vertx;
    private final long maxBytes;
    private final BodyDecoder decoder;
    /** The most a body buffer is sized for up front (it grows past that as chunks come). */
    private static final long INITIAL_MAX = 1 << 20;

    BodyReader(Vertx vertx, long maxBytes, int maxRatio) {
        this.vertx = vertx;
        this.maxBytes = maxBytes;
        this.decoder = new BodyDecoder(maxBytes, maxRatio);
    }

    /** The request without its body yet; {@code host} is the destination host for adapters. */
    static InboundRequest head(HttpServerRequest req, String host) {
        return new InboundRequest(req.method(), host, req.uri(), req.headers(), Buffer.buffer(),
                req.remoteAddress() == null ? null : req.remoteAddress().hostAddress());
    }

    /** {@code head} with the body read from {@code req}. */
    Future<InboundRequest> read(HttpServerRequest req, InboundRequest head) {
        return read(req, head, false);
    }

    /** @param resume resume {@code req} (paused by the caller) once the handlers are set */
    Future<InboundRequest> read(HttpServerRequest req, InboundRequest head, boolean resume) {
        List<String> codings;
        try {
            codings = BodyDecoder.codings(String.join(",", req.headers().getAll(HttpHeaders.CONTENT_ENCODING)));
        } catch (Refused r) {
            req.pause();
            return Future.failedFuture(r);
        }
        String len = req.headers().get(HttpHeaders.CONTENT_LENGTH);
        if (len != null && parseLong(len) > maxBytes) { // encoded bytes count against the limit too
            req.pause();
            return Future.failedFuture(Refused.error(413, "hush_body_too_large",
                    "Request body exceeds the limit of " + maxBytes + " bytes"));
        }
        Promise<InboundRequest> p = Promise.promise();
        long declared = len == null ? -1 : parseLong(len);
        // a body that comes in one chunk (most prompts) is that chunk, no copy; more chunks go into one
        // buffer sized for the declared length, not grown (and copied) step by step
        Buffer[] body = new Buffer[1];
        boolean[] own = new boolean[1];
        req.handler(chunk -> {
            if (p.future().isComplete()) {
                return;
            }
            int have = body[0] == null ? 0 : body[0].length();
            if (have + chunk.length() > maxBytes) {
                p.tryFail(Refused.error(413, "hush_body_too_large",
                        "Request body exceeds the limit of " + maxBytes + " bytes (decoded)"));
                return;
            }
            if (body[0] == null) {
                body[0] = chunk; // the server hands each chunk over in a buffer of its own
            } else {
                if (!own[0]) {
                    long size = Math.max(declared, have + chunk.length());
                    body[0] = Buffer.buffer((int) Math.min(size, INITIAL_MAX)).appendBuffer(body[0]);
                    own[0] = true;
                }
                body[0].appendBuffer(chunk);
            }
        });
        req.exceptionHandler(e -> p.tryFail(new Refused(Refusal.error(400, "hush_bad_request",
                "Could not read the request body"), e instanceof io.vertx.core.http.HttpClosedException
                        ? "client left mid-upload" : "request body unreadable: " + e.getClass().getSimpleName())));
        req.endHandler(v -> p.tryComplete(head));
        if (resume) {
            req.resume();
        }
        return p.future().compose(h -> {
            Buffer read = body[0] == null ? Buffer.buffer() : body[0];
            return codings.isEmpty() ? Future.succeededFuture(read)
                    : vertx.executeBlocking(() -> decoder.decode(read, codings), false);
        })
                .map(decoded -> head.withBody(withoutByteOrderMark(decoded)));
    }

    /**
     * A UTF-8 byte-order mark is not part of the document: some parsers skip it, some refuse it, and a
     * scanner that looks for a leading brace would skip the body. It is removed, so the bytes inspected are
     * the bytes forwarded.
     */
    static Buffer withoutByteOrderMark(Buffer body) {
        if (body.length() >= 3 && (body.getByte(0) & 0xFF) == 0xEF && (body.getByte(1) & 0xFF) == 0xBB
                && (body.getByte(2) & 0xFF) == 0xBF) {
            return body.slice(3, body.length());
        }
        return body;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
