package dev.hush.redact;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Puts originals back in place of placeholders ({@code <LABEL_N>}) in text that may arrive in pieces: a
 * streamed answer can split a placeholder anywhere, so a trailing piece that could still become one is held
 * back until the next piece (or the end) decides. Unknown placeholders are left as they are. One instance
 * per text stream; not thread-safe.
 */
public final class PlaceholderRestorer {
    /** Longest placeholder we wait for; beyond this a {@code <} is ordinary text. */
    static final int MAX_PLACEHOLDER = 64;

    private final ConversationPseudonyms pseudonyms;
    /** When the text is the inside of a JSON string (tool-call arguments), originals are escaped for it. */
    private final boolean jsonEscaped;
    private String pending = "";

    public PlaceholderRestorer(ConversationPseudonyms pseudonyms, boolean jsonEscaped) {
        this.pseudonyms = pseudonyms;
        this.jsonEscaped = jsonEscaped;
    }

    /** Restores a whole text at once. */
    public static String restoreAll(String text, ConversationPseudonyms pseudonyms, boolean jsonEscaped) {
        if (pseudonyms == null || text.indexOf('<') < 0) {
            return text;
        }
        PlaceholderRestorer r = new PlaceholderRestorer(pseudonyms, jsonEscaped);
        return r.feed(text) + r.flush();
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The restored text that is now certain; a possible placeholder prefix at the end is kept back. */
    public String feed(String piece) {
        String s = pending.isEmpty() ? piece : pending + piece;
        pending = "";
        int lt = s.indexOf('<');
        if (lt < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int pos = 0;
        while (lt >= 0) {
            int end = scan(s, lt);
            if (end == -2) { // could still become a placeholder: wait for more
                out.append(s, pos, lt);
                pending = s.substring(lt);
                return out.toString();
            }
            if (end > 0) {
                String ph = s.substring(lt, end);
                String orig = pseudonyms.original(ph);
                if (orig != null) {
                    out.append(s, pos, lt).append(jsonEscaped ? escape(orig) : orig);
                    pos = end;
                    lt = s.indexOf('<', end);
                    continue;
                }
            }
            lt = s.indexOf('<', lt + 1);
        }
        out.append(s, pos, s.length());
        return out.toString();
    }

    /** Whatever was held back, as it is: the stream ended, so it cannot become a placeholder any more. */
    public String flush() {
        String p = pending;
        pending = "";
        return p;
    }

    /**
     * Matches {@code <[A-Z][A-Z0-9_]*_[0-9]+>} at {@code at}: the end index when complete, -2 when the text ends
     * while it still could match, -1 when it cannot.
     */
    static int scan(String s, int at) {
        int n = s.length();
        int i = at + 1;
        if (i >= n) {
            return -2;
        }
        char c = s.charAt(i);
        if (c < 'A' || c > 'Z') {
            return -1;
        }
        boolean digitsAfterUnderscore = false;
        for (i++; i < n; i++) {
            c = s.charAt(i);
            if (i - at >= MAX_PLACEHOLDER) {
                return -1;
            }
            if (c == '>') {
                return digitsAfterUnderscore ? i + 1 : -1;
            }
            if (c == '_') {
                digitsAfterUnderscore = false;
                if (i + 1 < n && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9') {
                    digitsAfterUnderscore = true;
                    i++;
                }
            } else if (c >= '0' && c <= '9') {
                // digits keep the current state: after "_1" more digits stay valid
            } else if (c >= 'A' && c <= 'Z') {
                digitsAfterUnderscore = false;
            } else {
                return -1;
            }
        }
        return -2;
    }

    private static String escape(String v) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(v));
    }
}
