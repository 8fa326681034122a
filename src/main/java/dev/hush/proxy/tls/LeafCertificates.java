package dev.hush.proxy.tls;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;

/**
 * The key material of the TLS-terminating server: a leaf per SNI host, minted on first use and cached
 * (Caffeine, keyed by SNI host). Only hosts the predicate accepts get a certificate; a handshake without SNI
 * or for any other name finds no key and fails. Vert.x consults this on every handshake; the server runs
 * its SSL engine on worker threads, so a first-time mint never holds an event loop.
 */
public final class LeafCertificates implements KeyCertOptions {
    private final LeafMinter minter;
    private final Predicate<String> mintable;
    private final Cache<String, KeyManagerFactory> cache;
    private final KeyManagerFactory none;

    public LeafCertificates(LeafMinter minter, Predicate<String> mintable, long maxHosts) {
        this.minter = minter;
        this.mintable = mintable;
        this.cache = Caffeine.newBuilder().maximumSize(maxHosts)
                // leaves live 199 days; re-mint well before they expire in a long-running process
                .expireAfterWrite(Duration.ofDays(30)).build();
        try {
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            none = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            none.init(empty, new char[0]);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private LeafCertificates(LeafCertificates other) {
        this.minter = other.minter;
        this.mintable = other.mintable;
        this.cache = other.cache;
        this.none = other.none;
    }

    /** Mints the given hosts now (call off the event loop), so their first handshake is fast. */
    public void premint(Collection<String> hosts) {
        for (String h : hosts) {
            forHost(h);
        }
    }

    /** The key manager for {@code host}, or null when Hush does not intercept it. */
    public KeyManagerFactory forHost(String sni) {
        if (sni == null) {
            return null;
        }
        String host = sni.toLowerCase(Locale.ROOT);
        if (!mintable.test(host)) {
            return null;
        }
        return cache.get(host, minter::keyManagerFactory);
    }

    /** True when {@code host}'s leaf is already cached. */
    public boolean has(String host) {
        return cache.getIfPresent(host.toLowerCase(Locale.ROOT)) != null;
    }

    public long cachedHosts() {
        return cache.estimatedSize();
    }

    @Override
    public KeyCertOptions copy() {
        return new LeafCertificates(this);
    }

    /** Used when the client sent no SNI: no key, so the handshake fails cleanly. */
    @Override
    public KeyManagerFactory getKeyManagerFactory(Vertx vertx) {
        return none;
    }

    @Override
    public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
        return this::forHost;
    }
}
