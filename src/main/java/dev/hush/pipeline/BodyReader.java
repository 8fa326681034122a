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
        Buffer body = Buffer.buffer();
        req.handler(chunk -> {
            if (p.future().isComplete()) {
                return;
            }
            if (body.length() + chunk.length() > maxBytes) {
                p.tryFail(Refused.error(413, "hush_body_too_large",
                        "Request body exceeds the limit of " + maxBytes + " bytes (decoded)"));
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(e -> p.tryFail(new Refused(Refusal.error(400, "hush_bad_request",
                "Could not read the request body"), e instanceof io.vertx.core.http.HttpClosedException
                        ? "client left mid-upload" : "request body unreadable: " + e.getClass().getSimpleName())));
        req.endHandler(v -> p.tryComplete(head));
        if (resume) {
            req.resume();
        }
        return p.future().compose(h -> codings.isEmpty() ? Future.succeededFuture(body)
                : vertx.executeBlocking(() -> decoder.decode(body, codings), false))
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
