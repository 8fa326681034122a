package dev.hush.redact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConversationPseudonymsTest {
    @Test
    void sameValueSamePlaceholderAndBack() {
        ConversationPseudonyms c = new ConversationPseudonyms();
        String a = c.placeholder("PII.EMAIL", "k.miller" + 7 + "@example.net");
        assertEquals("<EMAIL_1>", a);
        assertEquals(a, c.placeholder("PII.EMAIL", "k.miller7@example.net"));
        assertEquals("<EMAIL_2>", c.placeholder("PII.EMAIL", "r.ortiz@example.net"));
        assertEquals("<PHONE_1>", c.placeholder("PII.PHONE", "+44 20 7946 0321"));
        assertEquals("k.miller7@example.net", c.original("<EMAIL_1>"));
        assertNull(c.original("<EMAIL_9>"));
        assertEquals(3, c.size());
    }

    /** Parallel requests of one conversation: every value numbered once, numbers dense, each one restorable. */
    @Test
    void parallelRequestsNumberEachValueExactlyOnce() throws Exception {
        ConversationPseudonyms c = new ConversationPseudonyms();
        int threads = 8;
        int values = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        Map<String, Set<String>> seen = new ConcurrentHashMap<>();
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int offset = t * 131;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < values; i++) {
                        String v = "user" + ((i + offset) % values) + "@example.org";
                        seen.computeIfAbsent(v, k -> ConcurrentHashMap.newKeySet()).add(c.placeholder("PII.EMAIL", v));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(values, seen.size());
        Set<String> numbers = new HashSet<>();
        for (Map.Entry<String, Set<String>> e : seen.entrySet()) {
            assertEquals(1, e.getValue().size(), "one placeholder per value");
            String p = e.getValue().iterator().next();
            assertEquals(e.getKey(), c.original(p));
            assertTrue(numbers.add(p), "no placeholder given to two values");
        }
        for (int n = 1; n <= values; n++) {
            assertTrue(numbers.contains("<EMAIL_" + n + ">"), "dense numbering, missing " + n);
        }
        assertEquals(values, c.size());
    }
}
