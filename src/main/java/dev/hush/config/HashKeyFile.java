package dev.hush.config;

import java.nio.charset.StandardCharsets;
import dev.hush.audit.HashKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's hash key, {@code <dataDir>/hash.key}: 32 random bytes made once (mode 0600) and used for
 * every keyed hash Hush stores (audit, EDM, fingerprints), so stored hashes cannot be tested against guesses
 * by anyone without the key. Sub-keys for each use are derived with HMAC so one use cannot be replayed as another.
 * Same file format and rules as the audit's key store (raw 32 bytes, owner-only), so either may make it.
 */
public final class HashKeyFile {
    public static final String FILE_NAME = HashKeyStore.FILE_NAME;

    private HashKeyFile() {
    }

    /** Loads the key lazily: detectors read it only when they have an index to check it against. */
    @FunctionalInterface
    public interface Source {
        byte[] load() throws IOException;
    }

    /** The configured key ({@code hashKey}), else {@code <dataDir>/hash.key}, which must exist. */
    public static byte[] load(HushConfig config) throws IOException {
        return config.hashKey != null ? decode(resolved(config.hashKey)) : load(Path.of(config.dataDir));
    }

    /** The configured key ({@code hashKey}), else {@code <dataDir>/hash.key}, made when absent. */
    public static byte[] loadOrCreate(HushConfig config, Path dataDir) throws IOException {
        return config.hashKey != null ? decode(resolved(config.hashKey)) : loadOrCreate(dataDir);
    }

    private static String resolved(String ref) throws IOException {
        try {
            return SecretRef.resolve(ref);
        } catch (SecretRef.SecretException e) {
            throw new IOException("hashKey: " + e.getMessage());
        }
    }

    /** 32 bytes from 64 hex digits or base64; the message never quotes the text. */
    public static byte[] decode(String text) {
        String t = text.strip();
        byte[] key;
        if (t.matches("[0-9a-fA-F]{64}")) {
            key = HexFormat.of().parseHex(t);
        } else {
            try {
                key = java.util.Base64.getDecoder().decode(t);
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("must be 32 bytes written as 64 hex digits or base64 (openssl rand -hex 32)");
        }
        return key;
    }

    /** Reads the key; fails when it does not exist (detectors never create keys) or others may read it. */
    public static byte[] load(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + ": hash key missing (it is made by the first `hush edm add` or `hush fingerprint add`)");
        }
        return HashKeyStore.load(f);
    }

    /** Reads the key, making it first when the data directory has none (the same file the audit log uses). */
    public static byte[] loadOrCreate(Path dataDir) throws IOException {
        return HashKeyStore.loadOrCreateKey(dataDir);
    }

    /** A 16-byte sub-key for one purpose, e.g. {@code hush/edm/v1}. */
    public static byte[] derive(byte[] key, String purpose) {
        return Arrays.copyOf(hmac(key, purpose), 16);
    }

    /** A short public check value that tells whether an index was built with this key. */
    public static String checkValue(byte[] key) {
        return HexFormat.of().formatHex(hmac(key, "hush/key-check/v1"), 0, 8);
    }

    private static byte[] hmac(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
