package dev.hush.proxy.tls;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;

/**
 * The key material of the TLS-terminating server: a leaf per SNI host, minted on first use and cached
 * (Caffeine, keyed by SNI host). Only hosts the predicate accepts get a certificate; a handshake without SNI
 * or for any other name finds no key and fails. The key manager is asked during each handshake; the server
 * runs its SSL engine's tasks on worker threads, so a first-time mint never holds an event loop.
 */
public final class LeafCertificates implements KeyCertOptions {
    private final LeafMinter minter;
    private final Predicate<String> mintable;
    private final Cache<String, SniKeyManager.Leaf> cache;
    private final KeyManagerFactory all;

    public LeafCertificates(LeafMinter minter, Predicate<String> mintable, long maxHosts) {
        this.minter = minter;
        this.mintable = mintable;
        this.cache = Caffeine.newBuilder().maximumSize(maxHosts)
                // leaves live 199 days; re-mint well before they expire in a long-running process
                .expireAfterWrite(Duration.ofDays(30)).build();
        try {
            all = KeyCertOptions.wrap(new SniKeyManager(this::forHost)).getKeyManagerFactory(null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private LeafCertificates(LeafCertificates other) {
        this.minter = other.minter;
        this.mintable = other.mintable;
        this.cache = other.cache;
        this.all = other.all;
    }

    /** Mints the given hosts now (call off the event loop), so their first handshake is fast. */
    public void premint(Collection<String> hosts) {
        for (String h : hosts) {
            forHost(h);
        }
    }

    /** Mints {@code host}'s leaf now if it is intercepted and not cached yet (call off the event loop). */
    public void warm(String host) {
        forHost(host);
    }

    /** {@code host}'s leaf (minted on first use), or null when Hush does not intercept it. */
    SniKeyManager.Leaf forHost(String sni) {
        if (sni == null) {
            return null;
        }
        String host = sni.toLowerCase(Locale.ROOT);
        if (!mintable.test(host)) {
            return null;
        }
        return cache.get(host, minter::leaf);
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

    /** One key manager for all hosts: it picks the leaf by the handshake's SNI (the server runs without Vert.x's SNI mapping). */
    @Override
    public KeyManagerFactory getKeyManagerFactory(Vertx vertx) {
        return all;
    }

    /** Unused: with one SNI-aware key manager there is nothing to map per host. */
    @Override
    public Function<String, KeyManagerFactory> keyManagerFactoryMapper(Vertx vertx) {
        return host -> null;
    }
}
