package dev.hush.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link EmbeddedFile#mayEmbedDocument(Buffer)} reads the body's bytes where the gateway used to decode the
 * whole body into an ISO-8859-1 string first: it must answer as the string version does, for heap, direct and
 * offset buffers.
 */
class EmbeddedFileBytesTest {
    private static boolean viaString(byte[] b) {
        return EmbeddedFile.mayEmbedDocument(new String(b, StandardCharsets.ISO_8859_1));
    }

    private static void same(byte[] b) {
        boolean expected = viaString(b);
        assertEquals(expected, EmbeddedFile.mayEmbedDocument(Buffer.buffer(b)), "heap");
        ByteBuf direct = Unpooled.directBuffer(b.length).writeBytes(b);
        try {
            assertEquals(expected, EmbeddedFile.mayEmbedDocument(BufferInternal.buffer(direct)), "direct");
        } finally {
            direct.release();
        }
        // the bytes inside a larger array, behind a reader index
        byte[] wider = new byte[b.length + 7];
        System.arraycopy(b, 0, wider, 3, b.length);
        ByteBuf offset = Unpooled.wrappedBuffer(wider, 3, b.length);
        assertEquals(expected, EmbeddedFile.mayEmbedDocument(BufferInternal.buffer(offset)), "offset");
    }

    @Test
    void answersAsTheStringVersion() {
        String[] cases = {"", "J", "JVBE", "JVBER", "UEsDB", "UEsD", "xxJVBERyy", "{\"data\":\"UEsDBBQAAAAI\"}",
            "JVBEr", "uEsDB", "JJVBER", "UUEsDB", "JVBEUEsDB", "{\"messages\":[{\"content\":\"hello\"}]}"};
        for (String c : cases) {
            same(c.getBytes(StandardCharsets.ISO_8859_1));
        }
        assertTrue(EmbeddedFile.mayEmbedDocument(Buffer.buffer("ab JVBER")));
        assertTrue(EmbeddedFile.mayEmbedDocument(Buffer.buffer("UEsDB at the start")));
        assertFalse(EmbeddedFile.mayEmbedDocument(Buffer.buffer("JVBE at the end: UEsD")));
        // bytes at or above 0x80 (UTF-8 text) next to the markers, and random bodies over a small alphabet
        same(new byte[] {(byte) 0xC3, 'J', 'V', 'B', 'E', 'R', (byte) 0xA9});
        byte[] alphabet = {'J', 'V', 'B', 'E', 'R', 'U', 's', 'D', (byte) 0xE9, (byte) 0x80, '"'};
        SplittableRandom r = new SplittableRandom(7);
        int found = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                b[k] = alphabet[r.nextInt(alphabet.length)];
            }
            same(b);
            found += viaString(b) ? 1 : 0;
        }
        assertTrue(found > 0, "some random bodies hold a marker");
    }
}
