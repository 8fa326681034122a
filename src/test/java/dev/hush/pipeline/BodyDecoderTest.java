package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyDecoderTest {
    static final long LIMIT = 4L * 1024 * 1024;
    final BodyDecoder decoder = new BodyDecoder(LIMIT, 100);

    static byte[] encode(String coding, byte[] b) throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        switch (coding) {
            case "gzip" -> {
                try (GZIPOutputStream z = new GZIPOutputStream(o)) {
                    z.write(b);
                }
            }
            case "deflate" -> {
                try (DeflaterOutputStream z = new DeflaterOutputStream(o)) {
                    z.write(b);
                }
            }
            case "raw-deflate" -> {
                try (DeflaterOutputStream z = new DeflaterOutputStream(o, new Deflater(6, true))) {
                    z.write(b);
                }
            }
            case "br" -> {
                Brotli4jLoader.ensureAvailability();
                o.write(Encoder.compress(b));
            }
            case "zstd" -> o.write(Zstd.compress(b));
            default -> throw new IllegalArgumentException(coding);
        }
        return o.toByteArray();
    }

    /** JSON with random words: compresses a little, like a real prompt. */
    static byte[] prompt(int words) {
        Random r = new Random(words);
        StringBuilder sb = new StringBuilder("{\"messages\":[{\"role\":\"user\",\"content\":\"");
        for (int i = 0; i < words; i++) {
            for (int j = 3 + r.nextInt(6); j > 0; j--) {
                sb.append((char) ('a' + r.nextInt(26)));
            }
            sb.append(' ');
        }
        return sb.append("\"}]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    Buffer decode(byte[] body, String header) {
        return decoder.decode(Buffer.buffer(body), BodyDecoder.codings(header));
    }

    @Test
    void everyCodingDecodesToTheOriginal() throws Exception {
        byte[] plain = prompt(5000);
        for (String c : List.of("gzip", "deflate", "raw-deflate", "br", "zstd")) {
            String header = c.equals("raw-deflate") ? "deflate" : c;
            assertArrayEquals(plain, decode(encode(c, plain), header).getBytes(), c);
        }
        assertArrayEquals(plain, decode(encode("gzip", plain), "x-gzip").getBytes());
    }

    @Test
    void stackedCodingsAreUndoneInReverseOrder() throws Exception {
        byte[] plain = prompt(800);
        byte[] twice = encode("br", encode("gzip", plain)); // gzip applied first, then br
        assertArrayEquals(plain, decode(twice, "gzip, br").getBytes());
        assertArrayEquals(plain, decode(encode("zstd", encode("deflate", plain)), "deflate,identity, zstd").getBytes());
        assertEquals(List.of(), BodyDecoder.codings("identity"));
        assertEquals(List.of("gzip", "br"), BodyDecoder.codings(" GZIP , Br "));
    }

    @Test
    void garbageAndTruncatedBodiesAre400NamingOnlyTheCoding() throws Exception {
        byte[] garbage = "sk-not-compressed-at-all-0123456789".getBytes(StandardCharsets.UTF_8);
        byte[] whole = prompt(2000);
        for (String c : List.of("gzip", "deflate", "br", "zstd")) {
            Refused r = assertThrows(Refused.class, () -> decode(garbage, c), c);
            assertEquals(400, r.refusal.status(), c);
            assertEquals("hush_bad_encoding", r.refusal.code());
            assertTrue(!r.refusal.message().contains("sk-not"), r.refusal.message());
            byte[] enc = encode(c, whole);
            byte[] cut = Arrays.copyOf(enc, enc.length / 2);
            Refused t = assertThrows(Refused.class, () -> decode(cut, c), "truncated " + c);
            assertEquals(400, t.refusal.status(), c);
        }
    }

    @Test
    void bombsStopAtTheRatioOrTheLimit() throws Exception {
        byte[] spaces = new byte[3 * 1024 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        for (String c : List.of("gzip", "deflate", "br", "zstd")) {
            byte[] bomb = encode(c, spaces);
            assertTrue(bomb.length * 100L < spaces.length, c + " compresses more than 100 times");
            Refused r = assertThrows(Refused.class, () -> decode(bomb, c), c);
            assertEquals(413, r.refusal.status());
            assertEquals("hush_compression_ratio", r.refusal.code());
        }
        // a high ratio is allowed up to 1 MiB decoded (small repetitive bodies are normal)
        byte[] small = Arrays.copyOf(spaces, 900 * 1024);
        assertEquals(small.length, decode(encode("gzip", small), "gzip").length());
        // without a ratio limit, the body limit holds
        BodyDecoder loose = new BodyDecoder(LIMIT, Integer.MAX_VALUE);
        byte[] big = new byte[(int) LIMIT + 1];
        Refused r = assertThrows(Refused.class,
                () -> loose.decode(Buffer.buffer(encode("zstd", big)), List.of("zstd")));
        assertEquals("hush_body_too_large", r.refusal.code());
        assertEquals(LIMIT, new BodyDecoder(LIMIT, Integer.MAX_VALUE)
                .decode(Buffer.buffer(encode("zstd", Arrays.copyOf(big, (int) LIMIT))), List.of("zstd")).length());
    }

    @Test
    void unknownCodingsAre415() {
        for (String h : List.of("xz", "gzip, compress", "br;q=1", "gzip,gzip,gzip,gzip,gzip")) {
            Refused r = assertThrows(Refused.class, () -> BodyDecoder.codings(h), h);
            assertEquals(415, r.refusal.status(), h);
        }
    }
}
