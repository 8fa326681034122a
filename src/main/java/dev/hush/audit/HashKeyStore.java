package dev.hush.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The per-installation key behind {@link KeyedHash}: 32 random bytes in {@code <dataDir>/hash.key},
 * created once with owner-only permissions and loaded on every later start. Losing the key only breaks
 * correlation with older hashes; leaking it lets someone test guesses of short values against the audit
 * log, so a key file that others can read is refused rather than used.
 */
public final class HashKeyStore {
    public static final String FILE_NAME = "hash.key";
    static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private HashKeyStore() {
    }

    /** Loads {@code <dataDir>/hash.key}, creating the folder and the key when absent. */
    public static KeyedHash loadOrCreate(Path dataDir) throws IOException {
        return new KeyedHash(loadOrCreateKey(dataDir));
    }

    /** The raw key bytes, creating the key when absent (other users of the key derive sub-keys from it). */
    public static byte[] loadOrCreateKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            create(dataDir, file);
        }
        return load(file);
    }

    /** Reads an existing key file; refuses one that others may read or that has the wrong length. */
    public static byte[] load(Path file) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (posix != null) {
            Set<PosixFilePermission> perms = posix.readAttributes().permissions();
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new IOException(file + ": readable or writable by others ("
                        + PosixFilePermissions.toString(perms) + "); run: chmod 600 " + file);
            }
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != KEY_BYTES) {
            throw new IOException(file + ": expected " + KEY_BYTES + " bytes, found " + key.length);
        }
        return key;
    }

    /** Writes a fresh key to a private temp file and moves it into place, so a crash never leaves half a key. */
    private static void create(Path dataDir, Path file) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            // A data dir we create holds keys: owner-only, like the key itself.
            Path parent = dataDir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            boolean posixParent = Files.getFileStore(parent).supportsFileAttributeView(PosixFileAttributeView.class);
            Files.createDirectories(dataDir, posixParent
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                    : new FileAttribute<?>[0]);
        }
        boolean posix = Files.getFileStore(dataDir).supportsFileAttributeView(PosixFileAttributeView.class);
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path tmp = Files.createTempFile(dataDir, ".hash.key-", ".tmp", attrs);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(key));
                ch.force(true);
            }
            try {
                // A hard link fails when the name exists (rename would silently replace it): when two
                // processes race, the first key wins and both load it.
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException raced) {
                // fall through to load the winner's key
            } catch (UnsupportedOperationException noLinks) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            }
            syncDirectory(dataDir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open a directory; the entry then becomes durable with the next sync.
        }
    }
}
