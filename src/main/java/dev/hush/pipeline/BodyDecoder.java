package dev.hush.pipeline;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.BrotliInputStream;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.vertx.core.buffer.Buffer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Request-body decoding ({@code Content-Encoding}): gzip, deflate (zlib-wrapped or raw, as clients send
 * both), br and zstd, stacked in any order. The decoded bytes are read in small pieces and counted as they
 * come, so a compression bomb stops at the body limit (or at the ratio limit, whichever is first) without
 * ever being inflated whole. Blocking (a worker thread's job): it decodes from memory, never waits on I/O.
 */
final class BodyDecoder {
    /** Below this many decoded bytes the ratio is not checked: small, repetitive bodies compress very well. */
    static final long RATIO_FLOOR = 1024 * 1024;
    private static final int PIECE = 16 * 1024;
    private final long maxBytes;
    private final int maxRatio;

    BodyDecoder(long maxBytes, int maxRatio) {
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
    }

    /**
     * The codings of a {@code Content-Encoding} header in the order they were applied, {@code identity}
     * dropped; empty when there is nothing to decode.
     *
     * @throws Refused 415 for a coding this reader does not know (or whose decoder is not available here)
     */
    static List<String> codings(String header) {
        List<String> out = new ArrayList<>(2);
        if (header == null) {
            return out;
        }
        for (String c : header.split(",")) {
            String k = c.trim().toLowerCase(Locale.ROOT);
            switch (k) {
                case "", "identity" -> { }
                case "gzip", "x-gzip", "deflate", "zstd" -> out.add(k);
                case "br" -> {
                    if (!Brotli4jLoader.isAvailable()) {
                        throw unsupported(header);
                    }
                    out.add(k);
                }
                default -> throw unsupported(header);
            }
        }
        if (out.size() > 4) {
            throw Refused.error(415, "hush_unsupported_encoding", "More than 4 stacked Content-Encodings");
        }
        return out;
    }

    private static Refused unsupported(String header) {
        String shown = header.length() > 40 ? header.substring(0, 40) + "..." : header;
        return Refused.error(415, "hush_unsupported_encoding", "Content-Encoding '"
                + shown.replaceAll("[^\\x20-\\x7e]", "?") + "' cannot be decoded for inspection");
    }

    /**
     * Decodes {@code body}, encoded with {@code codings} in that order (so decoded in reverse).
     *
     * @throws Refused 413 past the body limit or the ratio limit, 400 when the bytes do not decode
     */
    Buffer decode(Buffer body, List<String> codings) {
        long limit = Math.min(maxBytes, Math.max(RATIO_FLOOR, (long) body.length() * maxRatio));
        List<Inflater> inflaters = new ArrayList<>(1);
        InputStream in = new ByteArrayInputStream(body.getBytes());
        try {
            for (int i = codings.size() - 1; i >= 0; i--) {
                in = wrap(codings.get(i), in, inflaters);
            }
            Buffer out = Buffer.buffer((int) Math.min(limit, Math.max(PIECE, body.length() * 4L)));
            byte[] piece = new byte[PIECE];
            for (int n; (n = in.read(piece)) > 0; ) {
                if (out.length() + n > limit) {
                    throw limit == maxBytes
                            ? Refused.error(413, "hush_body_too_large",
                                    "Request body exceeds the limit of " + maxBytes + " bytes (decoded)")
                            : Refused.error(413, "hush_compression_ratio", "Request body expands more than "
                                    + maxRatio + " times when decoded (a compression bomb?)");
                }
                out.appendBytes(piece, 0, n);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refused r) {
                throw r;
            }
            // a native decoder's message may quote input bytes: only the coding is named
            throw Refused.error(400, "hush_bad_encoding",
                    "The request body is not valid " + String.join(", ", codings) + " data");
        } finally {
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // memory streams: nothing to release but the decoders' state, which close() has done or tried
            }
            inflaters.forEach(Inflater::end);
        }
    }

    private static InputStream wrap(String coding, InputStream in, List<Inflater> inflaters) throws IOException {
        return switch (coding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(in, PIECE);
            case "deflate" -> {
                // RFC 9110 says zlib (RFC 1950); some clients send raw deflate (RFC 1951): the zlib header tells
                BufferedInputStream b = new BufferedInputStream(in, PIECE);
                b.mark(2);
                int cmf = b.read();
                int flg = b.read();
                b.reset();
                boolean zlib = cmf >= 0 && flg >= 0 && (cmf & 0x0F) == 8 && ((cmf << 8) | flg) % 31 == 0;
                Inflater inf = new Inflater(!zlib);
                inflaters.add(inf);
                yield new InflaterInputStream(b, inf, PIECE);
            }
            case "br" -> new BrotliInputStream(in, PIECE);
            case "zstd" -> new ZstdInputStreamNoFinalizer(in);
            default -> throw new IllegalStateException(coding); // codings() admits only the above
        };
    }
}
