package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.hush.audit.AuditRecord;
import dev.hush.config.HushConfig;
import dev.hush.pipeline.Caller;
import dev.hush.policy.PolicyRule;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWT bearer identity through the real gateway: tokens signed in the test with keys generated here, the JWKS as a
 * file and served by an in-test HTTP server on 127.0.0.1.
 */
class GatewayJwtTest {
    static final String ISSUER = "https://login.example.test/";
    static final String AUD = "hush";
    static final SecureRandom RND = new SecureRandom();
    static RSAKey rsa;
    static RSAKey otherRsa;
    static ECKey ec;
    @TempDir
    Path dir;
    GatewayFixture fx;
    HttpServer jwksServer;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherRsa = new RSAKeyGenerator(2048).keyID("k1").generate(); // same key id, not the issuer's key
        ec = new ECKeyGenerator(Curve.P_256).keyID("e1").generate();
    }

    @AfterEach
    void close() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    static String email() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            b.append((char) ('a' + RND.nextInt(26)));
        }
        return b + "." + RND.nextInt(1000) + "@example.net";
    }

    static JWTClaimsSet.Builder claims(String sub) {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUD).subject(sub)
                .expirationTime(new Date(System.currentTimeMillis() + 600_000)).issueTime(new Date());
    }

    static String rs256(JWTClaimsSet c) throws Exception {
        return sign(rsa, c);
    }

    static String sign(RSAKey key, JWTClaimsSet c) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), c);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    Path jwksFile() throws Exception {
        Path f = dir.resolve("jwks.json");
        Files.writeString(f, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        return f;
    }

    GatewayFixture gateway(String jwks, Consumer<HushConfig> more) throws Exception {
        return new GatewayFixture(c -> {
            c.identity.jwt.enabled = true;
            c.identity.jwt.issuer = ISSUER;
            c.identity.jwt.audiences = List.of(AUD);
            c.identity.jwt.jwks = jwks;
            more.accept(c);
        });
    }

    HttpResponse<String> chatAs(String token, String text, String... more) throws Exception {
        String[] h = new String[4 + more.length];
        h[0] = "X-Hush-Authorization";
        h[1] = "Bearer " + token;
        h[2] = "Authorization";
        h[3] = "Bearer sk-provider-key-of-the-team";
        System.arraycopy(more, 0, h, 4, more.length);
        return fx.post("/openai/v1/chat/completions", GatewayChatTest.chat(text), h);
    }

    @Test
    void aValidTokenNamesTheUserAndAHeaderNeverOverridesIt() throws Exception {
        fx = gateway(jwksFile().toString(), c -> { });
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String token = rs256(claims("ann@corp").claim("groups", List.of("eng")).build());
        HttpResponse<String> r = chatAs(token, "hello", "X-Hush-User", "mallory", "X-Hush-Groups", "admins");
        assertEquals(200, r.statusCode(), r.body());
        AuditRecord a = fx.audit.last();
        assertEquals(Caller.JWT, a.identity());
        assertEquals("ann@corp", a.user(), "X-Hush-User from a trusted address does not override the token");
        StubUpstream.Received up = fx.upstream.last();
        assertEquals("Bearer sk-provider-key-of-the-team", up.headers().get("Authorization"));
        assertNull(up.headers().get("X-Hush-Authorization"), "Hush's credential never goes upstream");
        assertFalse(a.toString().contains(token), "no token in the audit");
        // an EC key of the same JWKS
        SignedJWT es = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("e1").build(), claims("bo").build());
        es.sign(new ECDSASigner(ec));
        assertEquals(200, chatAs(es.serialize(), "hi").statusCode());
        assertEquals("bo", fx.audit.last().user());
    }

    @Test
    void groupsFromTheClaimUnlockAGroupsAllowRuleAndTheAuditNamesIt() throws Exception {
        fx = gateway(jwksFile().toString(), c -> {
            PolicyRule r = new PolicyRule("support-sees-pii", "PII.*", "allow");
            r.groups = List.of("support");
            c.policy.rules.add(r);
            c.identity.jwt.groupsClaim = "realm_access.roles"; // nested, as Keycloak puts them
        });
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String mail = email();
        String support = rs256(claims("sam").claim("realm_access", java.util.Map.of("roles", List.of("support"))).build());
        assertEquals(200, chatAs(support, "write to " + mail).statusCode());
        assertTrue(fx.upstream.last().body().contains(mail), "the support group may send PII");
        AuditRecord a = fx.audit.last();
        assertEquals("allow", a.action());
        assertEquals("support-sees-pii", a.reason());
        assertEquals("support-sees-pii", a.findings().get(0).policyRule());
        assertEquals(Caller.JWT, a.identity());
        assertEquals("sam", a.user());
        // the same request without the group: pseudonymised by the default rule; a header cannot add the group
        String other = rs256(claims("tom").claim("realm_access", java.util.Map.of("roles", List.of("sales"))).build());
        assertEquals(200, chatAs(other, "write to " + mail, "X-Hush-Groups", "support").statusCode());
        assertFalse(fx.upstream.last().body().contains(mail), fx.upstream.last().body());
        assertEquals("pseudonymize", fx.audit.last().action());
    }

    @Test
    void everyBadTokenIs401InTheCallersFormatAuditedWithTheReason() throws Exception {
        fx = gateway(jwksFile().toString(), c -> { });
        long past = System.currentTimeMillis() - 3_600_000;
        String expired = rs256(claims("ann").expirationTime(new Date(past)).build());
        String wrongIssuer = rs256(claims("ann").issuer("https://evil.example.test/").build());
        String wrongAudience = rs256(claims("ann").audience("another-app").build());
        String notYet = rs256(claims("ann").notBeforeTime(new Date(System.currentTimeMillis() + 3_600_000)).build());
        String noExp = rs256(new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUD).subject("ann").build());
        String unsigned = new PlainJWT(claims("ann").build()).serialize();
        String forged = sign(otherRsa, claims("ann").build());
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("ann").build());
        byte[] secret = new byte[32];
        RND.nextBytes(secret);
        hs.sign(new MACSigner(secret));
        String[][] cases = {
            {expired, "expired"}, {wrongIssuer, "wrong issuer"}, {wrongAudience, "wrong audience"},
            {notYet, "not valid yet"}, {noExp, "a required claim"}, {unsigned, "unsigned token"},
            {forged, "bad signature"}, {hs.serialize(), "signature algorithm not allowed"}, {"not-a-jwt", "not a JWT"},
        };
        for (String[] c : cases) {
            int before = fx.upstream.received.size();
            HttpResponse<String> r = chatAs(c[0], "hello");
            assertEquals(401, r.statusCode(), c[1] + ": " + r.body());
            assertTrue(r.body().contains("\"code\":\"hush_unauthenticated\""), r.body());
            assertTrue(r.body().contains(c[1]), c[1] + " named: " + r.body());
            assertFalse(r.body().contains(c[0]), "the token is not quoted");
            assertEquals(before, fx.upstream.received.size(), c[1] + ": nothing went upstream");
            AuditRecord a = fx.audit.last();
            assertEquals(Caller.JWT, a.identity(), c[1]);
            assertTrue(a.reason().startsWith("jwt rejected: " + c[1]), a.reason());
            assertFalse(a.toString().contains(c[0]), "no token in the audit");
        }
        // Anthropic callers get Anthropic's error shape
        HttpResponse<String> r = fx.post("/anthropic/v1/messages", "{\"model\":\"claude\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "X-Hush-Authorization", "Bearer " + expired,
                "x-api-key", "sk-ant-team");
        assertEquals(401, r.statusCode());
        assertTrue(r.body().startsWith("{\"type\":\"error\""), r.body());
        // and the gateway keeps serving
        assertEquals(200, chatAs(rs256(claims("ann").build()), "hello").statusCode());
    }

    @Test
    void aTokenInAuthorizationTakesTheProviderKeyFromConfigAndAProviderKeyIsNeverTakenForOne() throws Exception {
        fx = gateway(jwksFile().toString(), c -> c.identity.jwt.providerKeys.put("openai", "sk-configured-for-jwt-callers"));
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
        String token = rs256(claims("ann").build());
        assertEquals(200, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"),
                "Authorization", "Bearer " + token).statusCode());
        assertEquals("Bearer sk-configured-for-jwt-callers", fx.upstream.last().headers().get("Authorization"));
        assertEquals(Caller.JWT, fx.audit.last().identity());
        assertEquals("ann", fx.audit.last().user());
        // a provider key stays a provider key
        assertEquals(200, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"),
                "Authorization", "Bearer sk-proj-abc.def.ghi").statusCode());
        assertEquals("Bearer sk-proj-abc.def.ghi", fx.upstream.last().headers().get("Authorization"));
        assertEquals(Caller.KEY, fx.audit.last().identity());
        // a provider's own token (same issuer, its own audience, e.g. Entra ID for Azure OpenAI) passes through
        String providers = rs256(claims("ann").audience("https://cognitiveservices.azure.com").build());
        assertEquals(200, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"),
                "Authorization", "Bearer " + providers).statusCode());
        assertEquals("Bearer " + providers, fx.upstream.last().headers().get("Authorization"));
        // a token of the issuer in Authorization that fails is refused, not forwarded
        int before = fx.upstream.received.size();
        String expired = rs256(claims("ann").expirationTime(new Date(System.currentTimeMillis() - 3_600_000)).build());
        assertEquals(401, fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"),
                "Authorization", "Bearer " + expired).statusCode());
        assertEquals(before, fx.upstream.received.size());
        // Anthropic: the caller's own x-api-key stays, the token in Authorization is removed
        fx.upstream.responder = (req, rec) -> req.response().putHeader("content-type", "application/json").end("{}");
        assertEquals(200, fx.post("/anthropic/v1/messages", "{\"model\":\"claude\",\"max_tokens\":5,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "Authorization", "Bearer " + token,
                "x-api-key", "sk-ant-own").statusCode());
        assertEquals("sk-ant-own", fx.upstream.last().headers().get("x-api-key"));
        assertNull(fx.upstream.last().headers().get("Authorization"));
        for (AuditRecord a : fx.audit.records) {
            assertFalse(a.toString().contains("sk-configured-for-jwt-callers"), "the configured key is in no record");
            assertFalse(a.toString().contains(token), "nor the token");
        }
    }

    @Test
    void withoutAConfiguredProviderKeyATokenInAuthorizationIsRefusedNotForwarded() throws Exception {
        fx = gateway(jwksFile().toString(), c -> { });
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"),
                "Authorization", "Bearer " + rs256(claims("ann").build()));
        assertEquals(401, r.statusCode());
        assertTrue(r.body().contains("identity.jwt.providerKeys.openai"), r.body());
        assertTrue(fx.upstream.received.isEmpty());
    }

    @Test
    void aJwksUrlIsFetchedOnceAndCachedAndItsOutageIs503() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        String body = new JWKSet(List.of(rsa.toPublicJWK())).toString();
        io.vertx.core.Vertx idp = io.vertx.core.Vertx.vertx();
        try {
            jwksServer = idp.createHttpServer().requestHandler(req -> {
                fetches.incrementAndGet();
                req.response().putHeader("content-type", "application/json").end(body);
            }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
            fx = gateway("http://127.0.0.1:" + jwksServer.actualPort() + "/jwks.json", c -> { });
            fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "ok");
            for (int i = 0; i < 3; i++) {
                assertEquals(200, chatAs(rs256(claims("u" + i).build()), "hello").statusCode());
                assertEquals("u" + i, fx.audit.last().user());
            }
            assertEquals(1, fetches.get(), "the key set is cached");
            assertEquals(401, chatAs(sign(otherRsa, claims("x").build()), "hello").statusCode());
        } finally {
            idp.close().toCompletionStage().toCompletableFuture().get();
        }
        fx.close();
        // the identity provider is gone: an honest 503, never an unverified pass
        fx = gateway("http://127.0.0.1:" + freePort() + "/jwks.json", c -> { });
        HttpResponse<String> r = fx.post("/openai/v1/chat/completions", GatewayChatTest.chat("hi"),
                "X-Hush-Authorization", "Bearer " + rs256(claims("ann").build()), "Authorization", "Bearer sk-x");
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("hush_identity_unavailable"), r.body());
        assertTrue(fx.upstream.received.isEmpty());
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void twoPeopleBehindOneProviderKeyWithOneConversationIdNeverGetEachOthersOriginals() throws Exception {
        fx = gateway(jwksFile().toString(), c -> { });
        fx.upstream.responder = (req, rec) -> Echo.openAiJson(req, "<EMAIL_1>");
        String mail = email();
        HttpResponse<String> ann = chatAs(rs256(claims("ann").build()), "mail " + mail, "X-Hush-Conversation", "c1");
        assertTrue(ann.body().contains(mail), "ann gets her own original back: " + ann.body());
        HttpResponse<String> bob = chatAs(rs256(claims("bob").build()), "hello", "X-Hush-Conversation", "c1");
        assertEquals(200, bob.statusCode());
        assertFalse(bob.body().contains(mail), bob.body());
        assertTrue(bob.body().contains("<EMAIL_1>"), bob.body());
    }
}
