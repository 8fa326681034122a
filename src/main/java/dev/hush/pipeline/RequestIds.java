package dev.hush.pipeline;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request ids: a random prefix per process and a counter, unique across restarts of the audit log without
 * the entropy-pool read a {@code UUID.randomUUID()} costs per request.
 */
final class RequestIds {
    private static final String PREFIX;
    private static final AtomicLong NEXT = new AtomicLong();

    static {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        PREFIX = HexFormat.of().formatHex(b) + '-';
    }

    private RequestIds() {
    }

    static String next() {
        return PREFIX + Long.toHexString(NEXT.incrementAndGet());
    }
}
