package dev.hush.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyedHashTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();

    @Test
    void sameValueSameHashOtherKeyOtherHash() {
        KeyedHash h = new KeyedHash(KEY);
        String v = "AKIAQ4ZJ7EXAMPLE1234";
        assertEquals(h.of(v), h.of(v));
        assertNotEquals(h.of(v), h.of(v + "x"));
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertNotEquals(h.of(v), new KeyedHash(other).of(v));
        assertTrue(h.of(v).matches("hmac:[0-9a-f]{32}"));
        assertFalse(h.of(v).contains("AKIA"));
    }

    @Test
    void reusedPerThreadMacsGiveTheSameAnswerFromManyThreads() throws Exception {
        KeyedHash h = new KeyedHash(KEY);
        String expected = h.of("jane.doe@example.com");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = pool.invokeAll(IntStream.range(0, 200)
                    .mapToObj(i -> (java.util.concurrent.Callable<String>) () -> {
                        h.of("noise " + i);
                        return h.of("jane.doe@example.com");
                    }).toList());
            for (Future<String> f : results) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void shortKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KeyedHash(new byte[8]));
    }
}
