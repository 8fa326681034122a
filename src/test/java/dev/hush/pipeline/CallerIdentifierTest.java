package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.adapter.Adapters;
import dev.hush.config.GatewaySettings;
import dev.hush.config.IdentitySettings;
import dev.hush.identity.TrustedProxies;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The identify stage alone. */
class CallerIdentifierTest {
    static final TrustedProxies LOOPBACK = TrustedProxies.of(new IdentitySettings().trustedProxies);
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
        CallerIdentifier id = new CallerIdentifier(cfg, LOOPBACK, StageFixtures.KEY);
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
        Caller c = new CallerIdentifier(cfg, LOOPBACK, StageFixtures.KEY).identify(adapters.get("gemini"), headers(),
                "hush-virtual-g", null, null);
        assertTrue(c.keySwap().inQuery());
        assertEquals("g-real", c.keySwap().real());
    }

    @Test
    void headersOnlyFromTrustedProxies() {
        CallerIdentifier id = new CallerIdentifier(cfg, LOOPBACK, StageFixtures.KEY);
        MultiMap h = headers("X-Hush-User", "bo", "X-Hush-Groups", "a, b", "X-Hush-Justification", "x".repeat(600));
        Caller c = id.identify(adapters.generic(), h, null, "127.0.0.1", null);
        assertEquals("bo", c.user());
        assertEquals(Caller.HEADER, c.source());
        assertEquals(Set.of("a", "b"), c.groups());
        assertEquals(500, c.justification().length());
        Caller v6 = id.identify(adapters.generic(), h, null, "0:0:0:0:0:0:0:1", null);
        assertEquals("bo", v6.user());
        // any other address could forge them
        Caller untrusted = id.identify(adapters.generic(), h, null, "10.0.0.9", null);
        assertEquals("ip:10.0.0.9", untrusted.user());
        assertEquals(Caller.ADDRESS, untrusted.source());
        assertEquals(Set.of(), untrusted.groups());
        CallerIdentifier office = new CallerIdentifier(cfg, TrustedProxies.of(List.of("10.0.0.0/24")), StageFixtures.KEY);
        assertEquals("bo", office.identify(adapters.generic(), h, null, "10.0.0.9", null).user());
        assertEquals("ip:10.0.1.9", office.identify(adapters.generic(), h, null, "10.0.1.9", null).user());
        CallerIdentifier none = new CallerIdentifier(cfg, TrustedProxies.of(List.of()), StageFixtures.KEY);
        assertEquals("ip:127.0.0.1", none.identify(adapters.generic(), h, null, "127.0.0.1", null).user());
    }

    @Test
    void aHeaderNeverOverridesAStrongerIdentity() {
        CallerIdentifier id = new CallerIdentifier(cfg, LOOPBACK, StageFixtures.KEY);
        MultiMap h = headers("Authorization", "Bearer hush-virtual-1", "X-Hush-User", "mallory",
                "X-Hush-Groups", "admins");
        Caller c = id.identify(adapters.get("openai"), h, null, "127.0.0.1", null);
        assertEquals("ann", c.user());
        assertEquals(Caller.VIRTUAL_KEY, c.source());
        assertEquals(Set.of("eng"), c.groups(), "X-Hush-Groups never replaces a virtual key's groups");
        // a signed-in proxy user: intercepted requests come from Hush's own loopback socket, headers are the browser's
        Caller p = id.identify(adapters.generic(), headers("X-Hush-User", "mallory", "X-Hush-Groups", "admins"), null,
                "127.0.0.1", "proxy-user");
        assertEquals("proxy-user", p.user());
        assertEquals(Caller.PROXY_AUTH, p.source());
        assertEquals(Set.of(), p.groups());
        Caller anon = id.identify(adapters.generic(), headers("X-Hush-User", "mallory"), null, "127.0.0.1", "ip:10.1.2.3");
        assertEquals("ip:10.1.2.3", anon.user());
        assertEquals(Caller.ADDRESS, anon.source());
    }

    @Test
    void sharedVirtualKeyWithoutUserTakesATrustedHeaderUserButKeepsItsGroups() {
        GatewaySettings.VirtualKey team = new GatewaySettings.VirtualKey();
        team.provider = "openai";
        team.key = "sk-team";
        team.groups = List.of("team");
        cfg.virtualKeys.put("hush-team", team);
        CallerIdentifier id = new CallerIdentifier(cfg, LOOPBACK, StageFixtures.KEY);
        Caller c = id.identify(adapters.get("openai"), headers("Authorization", "Bearer hush-team", "X-Hush-User", "dee",
                "X-Hush-Groups", "admins"), null, "127.0.0.1", null);
        assertEquals("dee", c.user());
        assertEquals(Set.of("team"), c.groups());
        Caller far = id.identify(adapters.get("openai"), headers("Authorization", "Bearer hush-team", "X-Hush-User", "dee"),
                null, "192.0.2.4", null);
        assertEquals("key:" + StageFixtures.KEY.of("hush-team"), far.user());
        assertEquals(Caller.VIRTUAL_KEY, far.source());
    }
}
