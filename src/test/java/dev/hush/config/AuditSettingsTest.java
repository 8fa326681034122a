package dev.hush.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreDurable() {
        AuditSettings s = ConfigLoader.defaults().audit;
        assertEquals("data/audit", s.dir);
        assertTrue(s.fsync);
        assertTrue(ConfigLoader.defaults().validate().isEmpty());
    }

    @Test
    void readsTheSection() throws Exception {
        Path f = dir.resolve("hush.yaml");
        Files.writeString(f, "audit:\n  dir: /var/lib/hush/audit\n  syncIntervalMillis: 2\n  batchMax: 256\n");
        AuditSettings s = ConfigLoader.load(f).audit;
        assertEquals("/var/lib/hush/audit", s.dir);
        assertEquals(2, s.syncIntervalMillis);
        assertEquals(256, s.batchMax);
    }

    @Test
    void badValuesAreNamedByKey() throws Exception {
        Path f = dir.resolve("hush.yaml");
        Files.writeString(f, "audit:\n  batchMax: 0\n  syncIntervalMillis: -1\n");
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains("audit.batchMax"), e.getMessage());
        assertTrue(e.getMessage().contains("audit.syncIntervalMillis"), e.getMessage());
        Files.writeString(f, "audit:\n  fsynk: false\n");
        e = assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains("audit.fsynk"), e.getMessage());
    }
}
