package dev.hush.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * A growable byte buffer that writes JSON as UTF-8, for the audit writer thread: one buffer per batch, reused,
 * instead of a generator, an output stream and two copies per record. Strings are escaped as Jackson's default
 * generator escapes them ({@code \" \\ \b \t \n \f \r}, other control characters as six-character u00XX escapes, the
 * rest as UTF-8, astral characters too, where Jackson escapes their surrogates); a lone surrogate, which UTF-8 cannot carry, is written as its uXXXX escape.
 * Not thread-safe.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** 0: as is; u: a u00XX escape; else the letter after the backslash. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 32; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
    }

    private static final int MAX_NAMES = 1024;
    /** Each member name as written ({@code "name":}), by name; shared by every buffer (names are constants). */
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> names =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int SLOTS = 64;
    private final String[] slotNames = new String[SLOTS];
    private final byte[][] slotBytes = new byte[SLOTS][];
    private byte[] buf;
    private int len;
    /** {@code 10000-01-01T00:00:00Z}: from there Instant.toString writes a '+' and more year digits. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_800L;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);
    /** The epoch second whose text {@link #secondText} holds. */
    private long second = Long.MIN_VALUE;
    private final byte[] secondText = new byte[19];
    /** Whether the next member or element needs a comma before it. */
    private boolean comma;

    JsonBytes(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int length() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    /** Drops everything after {@code length} (a record that could not be encoded). */
    void truncate(int length) {
        len = length;
        comma = false;
    }

    /** Empties the buffer for the next batch; one that grew past 4 MiB for a huge record is let go. */
    void reset() {
        truncate(0);
        if (buf.length > 4 << 20) {
            buf = new byte[64 * 1024];
        }
    }

    JsonBytes startObject() {
        separate();
        put((byte) '{');
        comma = false;
        return this;
    }

    JsonBytes endObject() {
        put((byte) '}');
        comma = true;
        return this;
    }

    JsonBytes startArray(String name) {
        name(name);
        put((byte) '[');
        comma = false;
        return this;
    }

    JsonBytes endArray() {
        put((byte) ']');
        comma = true;
        return this;
    }

    /** A string member; nothing when the value is null (the record leaves unknown fields out). */
    JsonBytes field(String name, String value) {
        if (value != null) {
            name(name);
            string(value);
        }
        return this;
    }

    JsonBytes field(String name, long value) {
        name(name);
        digits(value);
        comma = true;
        return this;
    }

    /**
     * An instant member, the same text as {@link Instant#toString} (ISO-8601 UTC, the fraction in groups of
     * three digits as needed) without a string per record: the date and time of the last second written are
     * kept as bytes, so a record within the same second copies them. Years outside 1970–9999 go through
     * {@code toString}.
     */
    JsonBytes field(String name, Instant t) {
        if (t == null) {
            return this;
        }
        long sec = t.getEpochSecond();
        if (sec < 0 || sec >= MAX_EPOCH_SECOND) {
            return field(name, t.toString());
        }
        if (sec != second) {
            second = sec;
            byte[] text = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC).format(SECONDS)
                    .getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, secondText, 0, secondText.length);
        }
        name(name);
        ensure(secondText.length + 13);
        buf[len++] = '"';
        System.arraycopy(secondText, 0, buf, len, secondText.length);
        len += secondText.length;
        int nanos = t.getNano();
        if (nanos != 0) {
            int digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            buf[len++] = '.';
            int v = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1_000 : nanos;
            for (int i = len + digits - 1; i >= len; i--) {
                buf[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            len += digits;
        }
        buf[len++] = 'Z';
        buf[len++] = '"';
        comma = true;
        return this;
    }

    /** An array element. */
    JsonBytes value(String s) {
        separate();
        string(s);
        return this;
    }

    /** Raw bytes (already JSON, or the line's end). */
    JsonBytes raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    JsonBytes put(byte b) {
        ensure(1);
        buf[len++] = b;
        return this;
    }

    private void name(String name) {
        separate();
        // member names are a few dozen constants: each one's quoted bytes and colon are encoded once; this
        // buffer's own direct-mapped slots (by identity: the names are literals) answer before the shared map,
        // whose lookups were ~3% of the writer's samples (a line has ~150 names with 14 findings)
        int slot = System.identityHashCode(name) & (SLOTS - 1);
        if (slotNames[slot] == name) {
            raw(slotBytes[slot]);
            comma = false;
            return;
        }
        byte[] quoted = names.get(name);
        if (quoted == null) {
            int start = len;
            string(name);
            put((byte) ':');
            quoted = Arrays.copyOfRange(buf, start, len);
            if (names.size() < MAX_NAMES) {
                names.put(name, quoted);
            }
        } else {
            raw(quoted);
        }
        slotNames[slot] = name;
        slotBytes[slot] = quoted;
        comma = false;
    }

    private void separate() {
        if (comma) {
            put((byte) ',');
        }
    }

    /** A number's decimal digits straight into the buffer (no string per number: records carry a dozen). */
    private void digits(long v) {
        if (v < 0) {
            ascii(Long.toString(v));
            return;
        }
        int n = 1;
        for (long t = v / 10; t > 0; t /= 10) {
            n++;
        }
        ensure(n);
        for (int i = len + n - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += n;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void string(String s) {
        // at most 6 bytes per char (an escape): ensured once, not per char (audit strings are bounded)
        ensure(s.length() * 6 + 2);
        buf[len++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPE[c];
                if (e == 0) {
                    buf[len++] = (byte) c;
                } else {
                    escape(c, e);
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | c >> 6);
                buf[len++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xF0 | cp >> 18);
                buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[len++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                escape(c, (byte) 'u');
            } else {
                buf[len++] = (byte) (0xE0 | c >> 12);
                buf[len++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[len++] = (byte) (0x80 | c & 0x3F);
            }
        }
        buf[len++] = '"';
        comma = true;
    }

    private void escape(char c, byte e) {
        buf[len++] = '\\';
        if (e != 'u') {
            buf[len++] = e;
            return;
        }
        buf[len++] = 'u';
        buf[len++] = HEX[c >> 12 & 0xF];
        buf[len++] = HEX[c >> 8 & 0xF];
        buf[len++] = HEX[c >> 4 & 0xF];
        buf[len++] = HEX[c & 0xF];
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
