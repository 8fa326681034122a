package dev.hush.adapter.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link ApiAdapter#readJson}: parses the request buffer's own array when the body starts it, else a copy; either
 * way the same tree and the same bytes back, for buffers with room after the body, offset slices and direct memory.
 */
class ReadJsonInPlaceTest {
    private static final String BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9 t.u@example.com\"}]}";

    private static void same(Buffer b) throws Exception {
        byte[] exact = BODY.getBytes(StandardCharsets.UTF_8);
        var src = ApiAdapter.readJson(b);
        assertArrayEquals(exact, src.encode());
        assertEquals("café t.u@example.com", src.tree().get("messages").get(0).get("content").textValue());
    }

    @Test
    void sameTreeAndBytesForEveryKindOfBuffer() throws Exception {
        byte[] exact = BODY.getBytes(StandardCharsets.UTF_8);
        same(Buffer.buffer(exact));
        Buffer roomy = Buffer.buffer(exact.length * 3).appendBytes(exact); // capacity past the body
        same(roomy);
        byte[] wider = new byte[exact.length + 10];
        System.arraycopy(exact, 0, wider, 5, exact.length);
        java.util.Arrays.fill(wider, 0, 5, (byte) '[');
        java.util.Arrays.fill(wider, 5 + exact.length, wider.length, (byte) ']');
        same(BufferInternal.buffer(Unpooled.wrappedBuffer(wider, 5, exact.length))); // an offset slice: copied
        same(Buffer.buffer(wider).slice(5, 5 + exact.length));
        ByteBuf direct = Unpooled.directBuffer(exact.length).writeBytes(exact);
        try {
            same(BufferInternal.buffer(direct));
        } finally {
            direct.release();
        }
    }
}
