package dev.hush.pipeline;

import dev.hush.adapter.InboundRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Set;

/**
 * Read stage: the whole body, decoded by the server (gzip, deflate, br, zstd), up to the limit counted
 * after decoding (so a compression bomb stops here too). Fails with a {@link Refused}: 415 for an encoding
 * the server could not decode, 413 over the limit, 400 when the body cannot be read. Event loop only.
 */
final class BodyReader {
    private static final Set<String> KNOWN_ENCODINGS = Set.of("identity", "");
    private final long maxBytes;

    BodyReader(long maxBytes) {
        this.maxBytes = maxBytes;
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
        String enc = req.headers().get(HttpHeaders.CONTENT_ENCODING);
        if (enc != null && !KNOWN_ENCODINGS.contains(enc.trim().toLowerCase(Locale.ROOT))) {
            // the server decodes gzip, deflate, br and zstd and removes the header: what is left cannot be read
            req.pause();
            return Future.failedFuture(Refused.error(415, "hush_unsupported_encoding",
                    "Content-Encoding '" + enc + "' cannot be decoded for inspection"));
        }
        String len = req.headers().get(HttpHeaders.CONTENT_LENGTH);
        if (len != null && parseLong(len) > maxBytes && !req.headers().contains(HttpHeaders.CONTENT_ENCODING)) {
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
        req.exceptionHandler(e -> p.tryFail(Refused.error(400, "hush_bad_request", "Could not read the request body")));
        req.endHandler(v -> p.tryComplete(head.withBody(withoutByteOrderMark(body))));
        if (resume) {
            req.resume();
        }
        return p.future();
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
