package dev.hush.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hush.detect.Finding;
import dev.hush.detect.ScanContext;
import dev.hush.detect.Scanner;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Scan results per message text. A chat client resends the whole conversation every turn, so without this
 * turn 50 would rescan 49 old messages. The key is a digest of the text (the cache never holds the text
 * itself) plus the scanner version, so a rule change invalidates everything.
 */
public final class ScanCache {
    /** Short texts cost less to scan than to digest. */
    private static final int MIN_CACHED = 64;
    private final Scanner scanner;
    private final Cache<String, List<Finding>> cache;

    /** The scanner behind the cache (for the joined view across a request's texts, which is not cached). */
    Scanner scanner() {
        return scanner;
    }

    public ScanCache(Scanner scanner, long entries) {
        this.scanner = scanner;
        this.cache = Caffeine.newBuilder().maximumSize(entries).recordStats().build();
    }

    public List<Finding> scan(String text) {
        return scan(text, ScanContext.unbounded());
    }

    /** A scan stopped by {@code context} throws and caches nothing. */
    public List<Finding> scan(String text, ScanContext context) {
        if (text.length() < MIN_CACHED) {
            return scanner.scan(text, context);
        }
        return cache.get(key(text), k -> scanner.scan(text, context));
    }

    public long hits() {
        return cache.stats().hitCount();
    }

    public long misses() {
        return cache.stats().missCount();
    }

    public String scannerVersion() {
        return scanner.version();
    }

    private String key(String text) {
        byte[] d = Sha256.digest().digest(text.getBytes(StandardCharsets.UTF_8));
        return scanner.version() + ':' + Base64.getEncoder().withoutPadding().encodeToString(d);
    }
}
