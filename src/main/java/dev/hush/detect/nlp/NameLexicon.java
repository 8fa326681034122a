package dev.hush.detect.nlp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The gazetteer: for every known token (lower-cased), whether it is a first name, a surname, and its
 * best frequency rank among common words of English, German, French and Spanish (0 = not a common
 * word), and its rank in English alone. Names that are also everyday words ("Will", "Rose", "Baby") are told
 * apart by that rank; lower-case names common only in another language's list ("lisa", "ryan") by the English one.
 */
public final class NameLexicon {
    static final int FIRST = 1;
    static final int LAST = 2;

    /** Ranks are below this (the lists hold about 10,000 words each): 14 bits each in a packed entry. */
    static final int MAX_RANK = (1 << 14) - 1;
    private static final int EN_SHIFT = 16;

    /**
     * Lower-cased token to flags | rank << 2 | englishRank << 16, in an open-addressing table looked up by a range of
     * the text.
     */
    private final String[] keys;
    private final int[] values;
    private final int mask;
    private final int size;
    /** Two bits per listed name (a Bloom filter, 256 KiB): most words of a text are rejected without a table probe. */
    private final long[] names = new long[1 << 15];

    NameLexicon(Map<String, Integer> entries) {
        this.size = entries.size();
        int cap = Integer.highestOneBit(Math.max(16, entries.size() * 2)) << 1;
        this.keys = new String[cap];
        this.values = new int[cap];
        this.mask = cap - 1;
        entries.forEach((k, v) -> {
            int i = slot(k.hashCode());
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = k;
            values[i] = v;
            if (isName(v)) {
                int h = k.hashCode();
                setBit(h * 0x9E3779B9);
                setBit(h * 0x85EBCA6B + 0x1B873593);
            }
        });
    }

    private void setBit(int b) {
        names[b >>> 17] |= 1L << (b >>> 11); // upper bits: a multiplicative hash mixes upwards
    }

    private boolean bit(int b) {
        return (names[b >>> 17] & 1L << (b >>> 11)) != 0;
    }

    /** As {@link #lookup(String, int, int)} when that entry is a name (first or last), else 0. */
    int lookupName(String s, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + s.charAt(k);
        }
        if (!mayBeName(h)) {
            return 0;
        }
        int e = lookup(s, from, to);
        return isName(e) ? e : 0;
    }

    /** False when no listed name has hash h (the Bloom filter); true may be a false positive. */
    private boolean mayBeName(int h) {
        return bit(h * 0x9E3779B9) && bit(h * 0x85EBCA6B + 0x1B873593);
    }

    private int slot(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B9 >>> 7 & mask;
    }

    /** As {@link #lookup(String)} for {@code s.substring(from, to)}, without making the substring. */
    int lookup(String s, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + s.charAt(k); // String.hashCode
        }
        int len = to - from;
        for (int i = slot(h); keys[i] != null; i = (i + 1) & mask) {
            String key = keys[i];
            if (key.length() == len && key.regionMatches(0, s, from, len)) {
                return values[i];
            }
        }
        return 0;
    }

    /**
     * As {@link #lookup(String)} of {@code s.substring(from, to).toLowerCase(Locale.ROOT)}; without the two
     * copies when the range is ASCII (where lower-casing is per char).
     */
    int lookupLower(String s, int from, int to) {
        long h = lowerHash(s, from, to);
        return h == NOT_ASCII ? lookup(s.substring(from, to).toLowerCase(Locale.ROOT)) : probeLower(h, s, from, to);
    }

    /**
     * As {@link #lookupLower} when that entry is a name (first or last), else 0. Words in capitals ("HTTP",
     * "JSON", "NOTE") are mostly no name: the Bloom filter rejects them without a table probe.
     */
    int lookupLowerName(String s, int from, int to) {
        long h = lowerHash(s, from, to);
        if (h != NOT_ASCII && !mayBeName((int) h)) {
            return 0;
        }
        int e = h == NOT_ASCII ? lookup(s.substring(from, to).toLowerCase(Locale.ROOT)) : probeLower(h, s, from, to);
        return isName(e) ? e : 0;
    }

    /** {@link #lowerHash}'s answer for a range with a non-ASCII char (a long: no int hash collides with it). */
    private static final long NOT_ASCII = Long.MIN_VALUE;

    /** String.hashCode of the range lower-cased when it is ASCII, else {@link #NOT_ASCII}. */
    private static long lowerHash(String s, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c >= 128) {
                return NOT_ASCII;
            }
            h = 31 * h + (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        return h;
    }

    /** The entry whose key equals the ASCII range lower-cased, hash its {@link #lowerHash}; 0 when none. */
    private int probeLower(long hash, String s, int from, int to) {
        int h = (int) hash;
        int len = to - from;
        for (int i = slot(h); keys[i] != null; i = (i + 1) & mask) {
            String key = keys[i];
            if (key.length() == len && lowerEquals(key, s, from)) {
                return values[i];
            }
        }
        return 0;
    }

    private static boolean lowerEquals(String key, String s, int from) {
        for (int p = 0; p < key.length(); p++) {
            char c = s.charAt(from + p);
            if (key.charAt(p) != (c >= 'A' && c <= 'Z' ? c + 32 : c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the {@code token TAB flags TAB rank [TAB englishRank]} file written by {@link NameListBuilder}; without the
     * fourth column (a gazetteer built before the fourteenth round) the English rank is the best rank.
     */
    public static NameLexicon read(InputStream gz) throws IOException {
        Map<String, Integer> m = new HashMap<>(1 << 17);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(gz), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int a = line.indexOf('\t');
                int b = line.indexOf('\t', a + 1);
                if (a <= 0 || b < 0) {
                    continue;
                }
                String flags = line.substring(a + 1, b);
                int f = (flags.indexOf('F') >= 0 ? FIRST : 0) | (flags.indexOf('L') >= 0 ? LAST : 0);
                int c = line.indexOf('\t', b + 1);
                int rank = Math.min(MAX_RANK, Integer.parseInt(c < 0 ? line.substring(b + 1) : line.substring(b + 1, c)));
                int en = c < 0 ? rank : Math.min(MAX_RANK, Integer.parseInt(line.substring(c + 1)));
                m.put(line.substring(0, a), pack(f, rank, en));
            }
        }
        return new NameLexicon(m);
    }

    /** Every entry (lower-cased token to packed flags and rank), for building the model's gazetteer feature. */
    Map<String, Integer> entries() {
        Map<String, Integer> m = new java.util.HashMap<>(size * 2);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                m.put(keys[i], values[i]);
            }
        }
        return m;
    }

    public int size() {
        return size;
    }

    /** Packed entry for a lower-cased token, 0 when unknown. */
    int lookup(String lower) {
        return lookup(lower, 0, lower.length());
    }

    int lookupToken(String token) {
        return lookup(token.toLowerCase(Locale.ROOT));
    }

    static boolean isFirst(int entry) {
        return (entry & FIRST) != 0;
    }

    static boolean isLast(int entry) {
        return (entry & LAST) != 0;
    }

    static boolean isName(int entry) {
        return (entry & (FIRST | LAST)) != 0;
    }

    static int pack(int flags, int rank, int englishRank) {
        return flags | rank << 2 | englishRank << EN_SHIFT;
    }

    /** Rank among the most common words of the four languages (1 = most common), 0 when not a common word. */
    static int rank(int entry) {
        return entry >>> 2 & MAX_RANK;
    }

    /** Rank among the most common English words (1 = most common), 0 when not among them. */
    static int englishRank(int entry) {
        return entry >>> EN_SHIFT & MAX_RANK;
    }
}
