package dev.hush.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private HushConfig load(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f);
    }

    @Test
    void emptyFileGivesDefaults() throws Exception {
        HushConfig c = load("");
        assertTrue(c.rules.builtin);
        assertEquals("US", c.detection.phoneRegion);
    }

    @Test
    void unknownKeysAreNamedWithTheirPath() {
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
                () -> load("detection:\n  phoneRegon: DE\n"));
        assertTrue(e.getMessage().contains("detection.phoneRegon: unknown key"), e.getMessage());
    }

    @Test
    void invalidValuesAreNamedWithTheirPath() {
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
                () -> load("detection:\n  phoneRegion: germany\n  dictionaries:\n    'bad name': [x]\n"));
        assertTrue(e.getMessage().contains("detection.phoneRegion"), e.getMessage());
        assertTrue(e.getMessage().contains("detection.dictionaries.bad name"), e.getMessage());
    }

    @Test
    void unscannableKeysAndActionsAreChecked() throws Exception {
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class, () -> load(
                "policy:\n  unscannable:\n    claude.mislabeled: block\n    mislabelled: maybe\n"));
        assertTrue(e.getMessage().contains("policy.unscannable.claude.mislabeled: not a key"), e.getMessage());
        assertTrue(e.getMessage().contains("policy.unscannable.mislabelled: 'maybe' is not one of"), e.getMessage());
        HushConfig c = load("policy:\n  unscannable: {default: block, chatgpt.mislabelled: allow}\n");
        assertEquals(dev.hush.policy.PolicyAction.BLOCK, c.policy.unscannableFor("claude", false));
        assertEquals(dev.hush.policy.PolicyAction.BLOCK, c.policy.unscannableFor("claude", true));
        assertEquals(dev.hush.policy.PolicyAction.ALLOW, c.policy.unscannableFor("chatgpt", true));
    }

    @Test
    void theOldTrustIdentityHeadersKeyNamesItsReplacement() {
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class, () -> load("gateway:\n  trustIdentityHeaders: true\n"));
        assertTrue(e.getMessage().contains("gateway.trustIdentityHeaders: replaced by identity.trustedProxies"), e.getMessage());
    }

    @Test
    void trustedProxiesMustBeCidrs() throws Exception {
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
                () -> load("identity:\n  trustedProxies: [10.0.0.0/33, proxy.example.com]\n"));
        assertTrue(e.getMessage().contains("identity.trustedProxies: '10.0.0.0/33': prefix must be 0 to 32"), e.getMessage());
        assertTrue(e.getMessage().contains("'proxy.example.com' is not an IP address or CIDR"), e.getMessage());
        assertEquals(List.of("10.1.0.0/16"), load("identity:\n  trustedProxies: [10.1.0.0/16]\n").identity.trustedProxies);
    }

    @Test
    void wrongTypesAreNamed() {
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class,
                () -> load("rules:\n  import: {a: 1}\n"));
        assertTrue(e.getMessage().contains("rules.import"), e.getMessage());
    }

    @Test
    void rulesImportKeyIsSpelledAsDocumented() throws Exception {
        HushConfig c = load("rules:\n  import: [a.toml, b.toml]\n");
        assertEquals(2, c.rules.importFiles.size());
    }

    @Test
    void theShippedConfigFileIsValidAndHoldsExactlyTheDefaults() throws Exception {
        HushConfig shipped = ConfigLoader.load(Path.of("config", "hush.yaml"));
        assertEquals(new String(ConfigDigest.of(new HushConfig())), new String(ConfigDigest.of(shipped)));
    }
}
