package dev.hush.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hush.detect.Finding;
import dev.hush.detect.ScanContext;
import dev.hush.detect.Scanner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Scan results per message text. A chat client resends the whole conversation every turn, so without this
 * turn 50 would rescan 49 old messages. The key is a digest of the text (the cache never holds the text
 * itself) and the scanner version, so a rule change invalidates everything.
 * <p>
 * The scan runs outside any lock: a miss scans on the caller's thread and then publishes the result. A
 * computing load ({@code Cache.get(key, fn)}) would run the scan inside the map's bin lock, so every other
 * event loop whose text hashes to that bin would wait for it. Two loops that miss on the same new text at
 * the same instant both scan it (the results are equal; the second put wins): cheaper than making an event
 * loop wait for another, and it only happens while a text is new.
 */
public final class ScanCache {
    /** Texts shorter than this are kept apart (and out of the hit and miss counts, which are per message). */
    static final int MIN_COUNTED = 64;
    private final Scanner scanner;
    private final byte[] version;
    private final Cache<Key, List<Finding>> cache;
    /**
     * Short texts (path segments, the endpoint in the audit record) and the windows around boundaries between
     * texts: even a short text costs a pass of every detector, far more than digesting it.
     */
    private final Cache<Key, List<Finding>> minor;
    /** The crossings of a request's whole list of texts ({@link #crossings(List, List, List, ScanContext)}). */
    private final Cache<Key, List<List<Finding>>> requests;

    /**
     * The first 128 bits of SHA-256(version, 0, domain, text), for a long text SHA-256(version, 0, TEXT, SHA-256(text)):
     * collisions stay out of reach at any cache size.
     */
    private record Key(long hi, long lo) {
    }

    /** The scanner behind the cache (overlap merging of a slot's own findings and its crossings). */
    Scanner scanner() {
        return scanner;
    }

    public ScanCache(Scanner scanner, long entries) {
        this.scanner = scanner;
        this.version = scanner.version().getBytes(StandardCharsets.UTF_8);
        // maintenance (read-buffer drains, eviction) on the calling thread, not handed to ForkJoinPool.commonPool:
        // that hand-off woke a pool thread every few requests for a few microseconds of work
        this.cache = Caffeine.newBuilder().maximumSize(entries).recordStats().executor(Runnable::run).build();
        this.minor = Caffeine.newBuilder().maximumSize(Math.max(16, entries / 4)).executor(Runnable::run).build();
        this.requests = Caffeine.newBuilder().maximumSize(Math.max(16, entries / 4)).executor(Runnable::run).build();
    }

    public List<Finding> scan(String text) {
        return scan(text, ScanContext.unbounded());
    }

    /** A scan stopped by {@code context} throws and caches nothing. */
    public List<Finding> scan(String text, ScanContext context) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (text.length() < MIN_COUNTED) {
            return cached(minor, key(TEXT, text), text, t -> scanner.scan(t, context));
        }
        return scan(text, utf8Digest(text.getBytes(StandardCharsets.UTF_8)), context);
    }

    /**
     * {@link #scan(String, ScanContext)} of a text of at least {@link #MIN_COUNTED} chars whose digest
     * ({@link #utf8Digest} of its UTF-8 bytes) the caller has: the conversation id reuses it.
     */
    List<Finding> scan(String text, byte[] textDigest, ScanContext context) {
        return cached(cache, digestKey(textDigest), text, t -> scanner.scan(t, context));
    }

    /** SHA-256 of a text's UTF-8 bytes: what a long text's cache key, and a conversation id, are made from. */
    static byte[] utf8Digest(byte[] utf8) {
        return Sha256.digest().digest(utf8);
    }

    /**
     * The findings across the boundaries between a request's texts ({@link Scanner#crossings}), each window of
     * joined text through the cache: a conversation resends the same boundaries every turn (and a repeated
     * request all of them), so only a new boundary is scanned.
     */
    List<List<Finding>> crossings(List<String> parts, List<List<Finding>> own, ScanContext context) {
        return scanner.crossings(parts, own, context, (window, scan) -> cached(minor, key(WINDOW, window), window, scan));
    }

    /**
     * {@link #crossings(List, List, ScanContext)} of a whole request's texts at once, through a cache of its own
     * keyed by the texts in order (a long text by the digest its caller computed, {@code digests}, a short one by
     * its bytes): a request sent again (a retry, a templated prompt) finds its crossings without joining its
     * texts, cutting windows out of them or hashing each window, the request path's largest allocation when
     * every text is a cache hit. A conversation's new turn misses here and goes window by window as above.
     *
     * @param digests per part, {@link #utf8Digest} of its UTF-8 bytes, or null (a short part)
     */
    List<List<Finding>> crossings(List<String> parts, List<byte[]> digests, List<List<Finding>> own,
            ScanContext context) {
        Key key = partsKey(parts, digests);
        List<List<Finding>> hit = requests.getIfPresent(key);
        if (hit != null) {
            return hit;
        }
        List<List<Finding>> raw = crossings(parts, own, context);
        List<List<Finding>> kept = new java.util.ArrayList<>(raw.size());
        for (List<Finding> r : raw) {
            kept.add(List.copyOf(r));
        }
        List<List<Finding>> found = List.copyOf(kept);
        requests.put(key, found);
        return found;
    }

    /** Key domains: a text's own findings and a window's raw findings differ for the same characters. */
    private static final byte TEXT = 0;
    private static final byte WINDOW = 1;
    private static final byte PARTS = 2;

    /**
     * SHA-256(version, 0, PARTS, then per part: 1 and its 32-byte digest, or 0, its UTF-8 length (4 bytes) and
     * bytes): each part's encoding is self-delimiting, so two different lists never share a key.
     */
    private Key partsKey(List<String> parts, List<byte[]> digests) {
        MessageDigest md = keyed(PARTS);
        for (int k = 0; k < parts.size(); k++) {
            byte[] d = digests.get(k);
            if (d != null) {
                md.update((byte) 1);
                md.update(d);
            } else {
                String p = parts.get(k) == null ? "" : parts.get(k);
                byte[] b = p.getBytes(StandardCharsets.UTF_8);
                md.update((byte) 0);
                md.update((byte) (b.length >>> 24));
                md.update((byte) (b.length >>> 16));
                md.update((byte) (b.length >>> 8));
                md.update((byte) b.length);
                md.update(b);
            }
        }
        return keyOf(md);
    }

    private List<Finding> cached(Cache<Key, List<Finding>> in, Key key, String text,
            java.util.function.Function<String, List<Finding>> scan) {
        List<Finding> cached = in.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        List<Finding> found = List.copyOf(scan.apply(text));
        in.put(key, found);
        return found;
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

    /** A long text's key: SHA-256(version, 0, TEXT, SHA-256(text)), two levels so the inner digest can be shared. */
    private Key digestKey(byte[] textDigest) {
        MessageDigest md = keyed(TEXT);
        md.update(textDigest);
        return keyOf(md);
    }

    private Key key(byte domain, String text) {
        MessageDigest md = keyed(domain);
        md.update(text.getBytes(StandardCharsets.UTF_8));
        return keyOf(md);
    }

    /** The thread's digest, begun with every key's prefix: the scanner version, 0, the key's domain. */
    private MessageDigest keyed(byte domain) {
        MessageDigest md = Sha256.digest();
        md.update(version);
        md.update((byte) 0);
        md.update(domain);
        return md;
    }

    /** A key: the first 128 bits of the digest. */
    private static Key keyOf(MessageDigest md) {
        ByteBuffer d = ByteBuffer.wrap(md.digest());
        return new Key(d.getLong(), d.getLong());
    }
}
