package dev.hush.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

    @Test
    void documentedExampleLoads(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hush.yaml");
        Path keyFile = dir.resolve("openai.key");
        Files.writeString(keyFile, "sk-from-a-mounted-secret\n");
        Files.writeString(f, """
                gateway:
                  port: 9090
                  upstreams:
                    azure: https://myres.openai.azure.com
                  virtualKeys:
                    hush-team-a-7f3k:
                      provider: openai
                      key: file:%s
                      user: team-a
                      groups: [engineering]
                policy:
                  rules:
                    - id: azure-may-see-pii
                      types: ["PII.*"]
                      providers: [azure]
                      action: allow
                    - id: support-emails
                      types: [PII.EMAIL]
                      groups: [support]
                      action: redact
                """.formatted(keyFile));
        HushConfig c = ConfigLoader.load(f);
        assertEquals("sk-from-a-mounted-secret", c.gateway.virtualKeys.get("hush-team-a-7f3k").resolvedKey());
        assertEquals(9090, c.gateway.port);
        assertEquals(8081, c.gateway.adminPort);
        assertEquals("https://myres.openai.azure.com", c.gateway.upstreams.get("azure"));
        assertEquals("team-a", c.gateway.virtualKeys.get("hush-team-a-7f3k").user);
        assertEquals(2, c.policy.rules.size());
        assertEquals("redact", c.policy.rules.get(1).action);
    }

    @Test
    void badKeysAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, """
                gateway:
                  upstreams:
                    bing: http://x
                  onScanFailure: shrug
                policy:
                  rules:
                    - id: r1
                      types: [SECRET.*]
                      action: shred
                """);
        ConfigLoader.ConfigException e = assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(e.getMessage().contains("gateway.upstreams.bing"), e.getMessage());
        assertTrue(e.getMessage().contains("gateway.onScanFailure"), e.getMessage());
        assertTrue(e.getMessage().contains("policy.rules[0].action"), e.getMessage());
        Files.writeString(f, "gateway:\n  prot: 1\n");
        ConfigLoader.ConfigException u = assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(f));
        assertTrue(u.getMessage().contains("gateway.prot: unknown key"), u.getMessage());
    }
}
