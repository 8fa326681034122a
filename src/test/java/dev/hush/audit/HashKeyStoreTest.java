package dev.hush.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashKeyStoreTest {
    @TempDir
    Path dir;

    @Test
    void createsAPrivate32ByteKeyOnceAndReloadsIt() throws Exception {
        Path data = dir.resolve("data");
        byte[] first = HashKeyStore.loadOrCreateKey(data);
        Path file = data.resolve(HashKeyStore.FILE_NAME);
        assertEquals(32, first.length);
        assertEquals(32, Files.size(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(first, HashKeyStore.loadOrCreateKey(data));
        assertEquals(HashKeyStore.loadOrCreate(data).of("4111111111111111"),
                new KeyedHash(first).of("4111111111111111"));
        try (var s = Files.list(data)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }

    @Test
    void installationsGetDifferentKeys() throws Exception {
        KeyedHash a = HashKeyStore.loadOrCreate(dir.resolve("a"));
        KeyedHash b = HashKeyStore.loadOrCreate(dir.resolve("b"));
        assertNotEquals(a.of("jane@example.org"), b.of("jane@example.org"));
    }

    @Test
    void refusesAKeyOthersCanRead() throws Exception {
        HashKeyStore.loadOrCreateKey(dir);
        Path file = dir.resolve(HashKeyStore.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class, () -> HashKeyStore.loadOrCreateKey(dir));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void refusesATruncatedKey() throws Exception {
        Files.write(dir.resolve(HashKeyStore.FILE_NAME), new byte[7],
                java.nio.file.StandardOpenOption.CREATE_NEW);
        Files.setPosixFilePermissions(dir.resolve(HashKeyStore.FILE_NAME), PosixFilePermissions.fromString("rw-------"));
        assertThrows(IOException.class, () -> HashKeyStore.loadOrCreateKey(dir));
    }
}
