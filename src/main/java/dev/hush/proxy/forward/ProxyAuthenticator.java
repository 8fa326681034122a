package dev.hush.proxy.forward;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code Proxy-Authorization: Basic} against {@link ProxyUsers}. A browser sends the header on every request,
 * so a verified credential is remembered for a few minutes by its SHA-256 (never the password itself), and
 * the slow bcrypt check runs on a worker thread.
 */
public final class ProxyAuthenticator {
    private final Vertx vertx;
    private final ProxyUsers users;
    private final Cache<String, String> verified = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(5)).build();

    public ProxyAuthenticator(Vertx vertx, ProxyUsers users) {
        this.vertx = vertx;
        this.users = users;
    }

    /** The user name, or a failed future when the request carries no valid credential. */
    public Future<String> authenticate(HttpServerRequest req) {
        String h = req.getHeader("Proxy-Authorization");
        if (h == null || !h.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Future.failedFuture("no credentials");
        }
        String key = sha256(h);
        String known = verified.getIfPresent(key);
        if (known != null) {
            return Future.succeededFuture(known);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture("malformed credentials");
        }
        int c = decoded.indexOf(':');
        if (c <= 0) {
            return Future.failedFuture("malformed credentials");
        }
        String name = decoded.substring(0, c);
        String password = decoded.substring(c + 1);
        return vertx.executeBlocking(() -> users.check(name, password), false).compose(ok -> {
            if (!ok) {
                return Future.failedFuture("wrong credentials");
            }
            verified.put(key, name);
            return Future.succeededFuture(name);
        });
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
