package dev.hush.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's hash key, {@code <dataDir>/hash.key}: 32 random bytes made once (mode 0600) and used for
 * every keyed hash Hush stores (audit, EDM, fingerprints), so stored hashes cannot be tested against guesses
 * by anyone without the key. Sub-keys for each use are derived with HMAC so one use cannot be replayed as another.
 * Reads raw bytes or a hex line, so a key written by another part of Hush in either form is accepted.
 */
public final class HashKeyFile {
    public static final String FILE_NAME = "hash.key";

    private HashKeyFile() {
    }

    /** Reads the key; fails when it does not exist (detectors never create keys). */
    public static byte[] load(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + ": hash key missing (it is made by the first `hush edm add` or `hush fingerprint add`)");
        }
        byte[] raw = Files.readAllBytes(f);
        String text = new String(raw, StandardCharsets.US_ASCII).trim();
        if (text.length() >= 32 && text.length() % 2 == 0 && text.matches("[0-9a-fA-F]+")) {
            return HexFormat.of().parseHex(text);
        }
        if (raw.length < 16) {
            throw new IOException(f + ": hash key too short");
        }
        return raw;
    }

    /** Reads the key, making it first when the data directory has none. */
    public static byte[] loadOrCreate(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE_NAME);
        if (!Files.exists(f)) {
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                try {
                    Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(f);
                }
                Files.write(f, key);
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: use theirs
            }
        }
        return load(dataDir);
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
