package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.adapter.Adapters;
import dev.hush.config.GatewaySettings;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The identify stage alone. */
class CallerIdentifierTest {
    final GatewaySettings cfg = new GatewaySettings();
    final Adapters adapters = Adapters.registered();

    CallerIdentifierTest() {
        GatewaySettings.VirtualKey vk = new GatewaySettings.VirtualKey();
        vk.provider = "openai";
        vk.key = "sk-real-provider-key";
        vk.user = "ann";
        vk.groups = List.of("eng");
        cfg.virtualKeys.put("hush-virtual-1", vk);
        GatewaySettings.VirtualKey gk = new GatewaySettings.VirtualKey();
        gk.provider = "gemini";
        gk.key = "g-real";
        cfg.virtualKeys.put("hush-virtual-g", gk);
    }

    static MultiMap headers(String... kv) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < kv.length; i += 2) {
            m.add(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void virtualKeyNamesTheUserAndSwapsInTheProviderKey() {
        CallerIdentifier id = new CallerIdentifier(cfg, StageFixtures.KEY);
        Caller c = id.identify(adapters.get("openai"), headers("Authorization", "Bearer hush-virtual-1"), null,
                "10.0.0.9", null);
        assertEquals("ann", c.user());
        assertEquals(Set.of("eng"), c.groups());
        assertEquals(StageFixtures.KEY.of("hush-virtual-1"), c.keyFingerprint());
        assertEquals(new Caller.KeySwap("hush-virtual-1", "sk-real-provider-key", false), c.keySwap());
        // a virtual key of another provider is only a fingerprint
        Caller other = id.identify(adapters.get("anthropic"), headers("x-api-key", "hush-virtual-1"), null, null, null);
        assertNull(other.keySwap());
        assertEquals("key:" + StageFixtures.KEY.of("hush-virtual-1"), other.user());
    }

    @Test
    void keyInTheQueryIsSwappedInTheQuery() {
        Caller c = new CallerIdentifier(cfg, StageFixtures.KEY).identify(adapters.get("gemini"), headers(),
                "hush-virtual-g", null, null);
        assertTrue(c.keySwap().inQuery());
        assertEquals("g-real", c.keySwap().real());
    }

    @Test
    void proxyUserThenTrustedHeadersThenAddress() {
        CallerIdentifier id = new CallerIdentifier(cfg, StageFixtures.KEY);
        MultiMap h = headers("X-Hush-User", "bo", "X-Hush-Groups", "a, b", "X-Hush-Justification", "x".repeat(600));
        Caller c = id.identify(adapters.generic(), h, null, "10.0.0.9", null);
        assertEquals("bo", c.user());
        assertEquals(Set.of("a", "b"), c.groups());
        assertEquals(500, c.justification().length());
        assertEquals("proxy-user", id.identify(adapters.generic(), h, null, "10.0.0.9", "proxy-user").user());
        cfg.trustIdentityHeaders = false;
        Caller untrusted = id.identify(adapters.generic(), h, null, "10.0.0.9", null);
        assertEquals("ip:10.0.0.9", untrusted.user());
        assertEquals(Set.of(), untrusted.groups());
    }
}
