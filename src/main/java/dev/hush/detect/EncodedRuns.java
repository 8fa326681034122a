package dev.hush.detect;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Base64 (standard or URL-safe, padded or not) and hex runs in a text that decode to printable UTF-8 text:
 * a value hidden that way is scanned in its decoded form too. Random keys, hashes, UUIDs and binary data
 * decode to bytes that are not printable text and are left alone, so the cost is one pass over the text
 * plus a decode of each long run.
 */
final class EncodedRuns {
    /** Shortest run worth decoding: 9 bytes of text (an SSN is 11). */
    static final int MIN_BASE64 = 12;
    static final int MIN_HEX = 16;

    /** Receives each run that decodes to text: its span in the view and the decoded text. */
    interface Sink {
        void run(int start, int end, String decoded);
    }

    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    private static final byte[] B64 = new byte[128];

    static {
        java.util.Arrays.fill(B64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; i++) {
            B64[alphabet.charAt(i)] = (byte) i;
        }
        B64['-'] = 62; // URL-safe alphabet
        B64['_'] = 63;
    }

    private EncodedRuns() {
    }

    static void find(ScanText st, Sink sink) {
        String s = st.normalized();
        int n = s.length();
        st.charge(n);
        int i = 0;
        while (true) {
            int start = nextRun(s, i);
            if (start < 0) {
                return;
            }
            i = start + MIN_RUN;
            while (i < n && isB64(s.charAt(i))) {
                i++;
            }
            int end = i;
            boolean hexOnly = true;
            for (int k = start; k < end && hexOnly; k++) {
                // "0x" opens a hex run
                hexOnly = hex(s.charAt(k)) >= 0 || (k == start + 1 && (s.charAt(k) | 0x20) == 'x' && s.charAt(start) == '0');
            }
            while (i < n && s.charAt(i) == '=' && i - end < 2) {
                i++;
            }
            if (start > 0 && isGlue(s.charAt(start - 1))) {
                continue; // part of a longer token ("%41", "\\x41" and the like are not runs)
            }
            String decoded = null;
            if (hexOnly) {
                int h = end - start > 2 && (s.charAt(start + 1) | 0x20) == 'x' ? start + 2 : start;
                if (end - h >= MIN_HEX && (end - h) % 2 == 0) {
                    decoded = text(decodeHex(s, h, end));
                }
            }
            if (decoded == null && end - start >= MIN_BASE64 && base64Text(s, start, end)) {
                decoded = text(decodeBase64(s, start, end));
            }
            st.charge(end - start);
            if (decoded != null) {
                sink.run(start, i, decoded);
            }
        }
    }

    /** Shortest run looked at: the shorter of the two minimums. */
    private static final int MIN_RUN = Math.min(MIN_BASE64, MIN_HEX);

    private static boolean isB64(char c) {
        return c < 128 && B64[c] >= 0;
    }

    /**
     * Start of the first maximal run of at least {@link #MIN_RUN} alphabet chars at or after {@code i}, where
     * {@code i} is 0 or follows a char outside the alphabet; -1 if none. Skips instead of reading every char:
     * a run of that length starting in [i, i + MIN_RUN) covers i + MIN_RUN - 1, so when that char is outside
     * the alphabet the search resumes after it, and otherwise at the last outside char before it. Prose and
     * code, made of short words, are read about one char in several.
     */
    static int nextRun(String s, int i) {
        int n = s.length();
        while (i + MIN_RUN <= n) {
            int probe = i + MIN_RUN - 1;
            if (!isB64(s.charAt(probe))) {
                i = probe + 1;
                continue;
            }
            int k = probe - 1;
            while (k >= i && isB64(s.charAt(k))) {
                k--;
            }
            if (k < i) {
                return i;
            }
            i = k + 1;
        }
        return -1;
    }

    private static boolean isGlue(char c) {
        return c == '%' || c == '\\' || c == '&' || c == '#';
    }

    private static int hex(char c) {
        return ScanText.hex(c);
    }

    /** The decoded bytes, or null as soon as one of them cannot be part of text (most runs stop at once). */
    private static byte[] decodeHex(String s, int start, int end) {
        byte[] out = new byte[(end - start) / 2];
        for (int k = 0; k < out.length; k++) {
            int b = hex(s.charAt(start + 2 * k)) * 16 + hex(s.charAt(start + 2 * k + 1));
            if (!textByte(b)) {
                return null;
            }
            out[k] = (byte) b;
        }
        return out;
    }

    /** A byte printable UTF-8 text can hold: no control but tab and line breaks, no byte UTF-8 never uses. */
    private static boolean textByte(int u) {
        return (u >= 0x20 || u == '\n' || u == '\r' || u == '\t') && u != 0x7F && u != 0xC0 && u != 0xC1 && u <= 0xF4;
    }

    /** Would the full 4-char groups decode to text bytes? Checked without allocating: most runs fail at once. */
    private static boolean base64Text(String s, int start, int end) {
        for (int p = start; p + 4 <= end; p += 4) {
            int v = (B64[s.charAt(p)] << 18) | (B64[s.charAt(p + 1)] << 12) | (B64[s.charAt(p + 2)] << 6) | B64[s.charAt(p + 3)];
            if (!textByte((v >> 16) & 0xFF) || !textByte((v >> 8) & 0xFF) || !textByte(v & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /** Decodes 4-char groups; a final group of 2 or 3 chars gives 1 or 2 bytes; a lone char is dropped. */
    private static byte[] decodeBase64(String s, int start, int end) {
        int len = end - start;
        int full = len / 4;
        int rest = len % 4;
        byte[] out = new byte[full * 3 + (rest == 2 ? 1 : rest == 3 ? 2 : 0)];
        int o = 0;
        int p = start;
        for (int g = 0; g < full; g++, p += 4) {
            int v = (B64[s.charAt(p)] << 18) | (B64[s.charAt(p + 1)] << 12) | (B64[s.charAt(p + 2)] << 6) | B64[s.charAt(p + 3)];
            if (!textByte((v >> 16) & 0xFF) || !textByte((v >> 8) & 0xFF) || !textByte(v & 0xFF)) {
                return null;
            }
            out[o++] = (byte) (v >> 16);
            out[o++] = (byte) (v >> 8);
            out[o++] = (byte) v;
        }
        if (rest >= 2) {
            int v = (B64[s.charAt(p)] << 18) | (B64[s.charAt(p + 1)] << 12) | (rest == 3 ? B64[s.charAt(p + 2)] << 6 : 0);
            out[o++] = (byte) (v >> 16);
            if (rest == 3) {
                out[o] = (byte) (v >> 8);
            }
        }
        return out;
    }

    /** The bytes as text when they are valid UTF-8 and printable (no controls but tab and line breaks). */
    static String text(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        for (byte b : bytes) {
            if (!textByte(b & 0xFF)) {
                return null;
            }
        }
        // decoded the way CharsetDecoder.decode(ByteBuffer) does, but a malformed run (most that get this far)
        // is a result, not a thrown exception: filling in a stack trace cost more than the rest of the search
        CharsetDecoder utf8 = UTF8.get().reset();
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (utf8.decode(in, chars, true).isError() || utf8.flush(chars).isError()) {
            return null;
        }
        String t = chars.flip().toString();
        int letters = 0;
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return null;
            }
            if (Character.isLetterOrDigit(c) || c == ' ') {
                letters++;
            }
        }
        // printable but symbol soup ("#$%&'()") is not text either
        return letters * 2 >= t.length() ? t : null;
    }
}
