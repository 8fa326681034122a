package dev.hush.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdmAndFingerprintSettingsTest {
    @TempDir
    Path dir;

    private HushConfig load(String yaml) throws Exception {
        Path f = dir.resolve("hush.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f);
    }

    @Test
    void defaultsAreOnWithTheIssueThresholds() {
        HushConfig c = new HushConfig();
        assertTrue(c.edm.enabled);
        assertTrue(c.fingerprints.enabled);
        assertEquals(0.30, c.fingerprints.threshold);
        assertEquals(40, c.fingerprints.minShingles);
        assertTrue(c.validate().isEmpty());
    }

    @Test
    void perSetOptionsBind() throws Exception {
        HushConfig c = load("edm:\n  sets:\n    customers:\n      minFields: 3\n    staff:\n      enabled: false\n"
                + "fingerprints:\n  threshold: 0.5\n  minShingles: 20\n  disabled: [drafts]\n");
        assertEquals(3, c.edm.sets.get("customers").minFields);
        assertTrue(!c.edm.sets.get("staff").enabled);
        assertEquals(0.5, c.fingerprints.threshold);
        assertEquals("drafts", c.fingerprints.disabled.get(0));
    }

    @Test
    void badValuesAreNamedByPath() {
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class, () ->
                load("edm:\n  sets:\n    customers:\n      minFields: 0\nfingerprints:\n  threshold: 1.5\n  minShingles: 0\n"));
        assertTrue(e.getMessage().contains("edm.sets.customers.minFields"), e.getMessage());
        assertTrue(e.getMessage().contains("fingerprints.threshold"), e.getMessage());
        assertTrue(e.getMessage().contains("fingerprints.minShingles"), e.getMessage());
    }

    @Test
    void unknownKeysAreErrors() {
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class, () ->
                load("edm:\n  sets:\n    customers:\n      minField: 2\n"));
        assertTrue(e.getMessage().contains("minField") && e.getMessage().contains("unknown key"), e.getMessage());
    }

    @Test
    void hashKeyIsMadeOnceAndRefusedWhenOthersMayReadIt() throws Exception {
        Path data = dir.resolve("data");
        byte[] a = HashKeyFile.loadOrCreate(data);
        byte[] b = HashKeyFile.loadOrCreate(data);
        assertEquals(32, a.length);
        assertEquals(java.util.HexFormat.of().formatHex(a), java.util.HexFormat.of().formatHex(b));
        assertEquals(HashKeyFile.checkValue(a), HashKeyFile.checkValue(HashKeyFile.load(data)));
        Files.setPosixFilePermissions(data.resolve(HashKeyFile.FILE_NAME),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> HashKeyFile.load(data));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
        assertThrows(java.io.IOException.class, () -> HashKeyFile.load(dir.resolve("none")));
    }
}
