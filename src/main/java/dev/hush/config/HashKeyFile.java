package dev.hush.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's hash key, {@code <dataDir>/hash.key}: 32 random bytes made once (mode 0600) and used for
 * every keyed hash Hush stores (audit, EDM, fingerprints), so stored hashes cannot be tested against guesses
 * by anyone without the key. Sub-keys for each use are derived with HMAC so one use cannot be replayed as another.
 * Same file format and rules as the audit's key store (raw 32 bytes, owner-only), so either may make it.
 */
public final class HashKeyFile {
    public static final String FILE_NAME = "hash.key";
    static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private HashKeyFile() {
    }

    /** Reads the key; fails when it does not exist (detectors never create keys) or others may read it. */
    public static byte[] load(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            throw new IOException(f + ": hash key missing (it is made by the first `hush edm add` or `hush fingerprint add`)");
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(f, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> perms = posix.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new IOException(f + ": readable or writable by others; run: chmod 600 " + f);
            }
        }
        byte[] raw = Files.readAllBytes(f);
        if (raw.length != KEY_BYTES) {
            throw new IOException(f + ": expected " + KEY_BYTES + " bytes, found " + raw.length);
        }
        return raw;
    }

    /** Reads the key, making it first when the data directory has none. */
    public static byte[] loadOrCreate(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE_NAME);
        if (!Files.exists(f)) {
            Files.createDirectories(dataDir);
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            try {
                try {
                    Files.createFile(f, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
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
