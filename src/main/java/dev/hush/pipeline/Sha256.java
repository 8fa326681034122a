package dev.hush.pipeline;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 with one digest per thread: {@code MessageDigest.getInstance} costs a provider lookup per call. */
final class Sha256 {
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Sha256() {
    }

    /** This thread's digest, reset. */
    static MessageDigest digest() {
        MessageDigest md = DIGEST.get();
        md.reset();
        return md;
    }
}
