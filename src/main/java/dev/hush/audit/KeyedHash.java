package dev.hush.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a value under a per-installation key, truncated to 128 bits and hex-encoded. The same
 * value always gives the same hash (so repeats can be correlated in audit and reports), but without the
 * key a hash cannot be tested against guesses of short values such as card numbers.
 */
public final class KeyedHash {
    private final SecretKeySpec key;
    /** Looking up and keying a Mac costs more than hashing a short value: one per thread, reused. */
    private final ThreadLocal<Mac> macs;

    public KeyedHash(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("hash key must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public String of(CharSequence value) {
        // doFinal resets the Mac to its keyed initial state, ready for the next value
        byte[] d = macs.get().doFinal(value.toString().getBytes(StandardCharsets.UTF_8));
        return "hmac:" + HexFormat.of().formatHex(d, 0, 16);
    }
}
