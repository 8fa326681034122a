package dev.hush.detect.nlp;

import java.util.Arrays;
import java.util.Locale;

/**
 * Word-level tokens of a text with their offsets: letter runs (with inner hyphens and apostrophes, so
 * "O'Brien" and "Jean-Luc" stay whole), digit runs, and single punctuation characters. The same
 * tokenizer feeds training and detection, so the name-finder model sees identical token shapes.
 */
public final class Tokens {
    public static final byte WORD = 0;
    public static final byte NUMBER = 1;
    public static final byte PUNCT = 2;

    private final String text;
    private int[] start;
    private int[] end;
    private byte[] kind;
    private int size;
    /** Token reads since tokenising (kinds, texts, characters, gaps): the detector's work, for linearity tests. */
    private long reads;
    /** {@link #lower} of each token, filled on first use (null until then). */
    private String[] lowers;

    private Tokens(String text, int capacity) {
        this.text = text;
        this.start = new int[capacity];
        this.end = new int[capacity];
        this.kind = new byte[capacity];
    }

    public static Tokens of(String text) {
        return of(text, 0, text.length());
    }

    public static Tokens of(String text, int from, int to) {
        Tokens t = new Tokens(text, Math.max(8, (to - from) / 4));
        char[] cs = new char[to - from]; // one copy: the loop below reads an array, not String.charAt (coder, bounds)
        text.getChars(from, to, cs, 0);
        int n = cs.length;
        int i = 0;
        while (i < n) {
            char c = cs[i];
            byte a = c < 128 ? ASCII[c] : Character.isLetter(c) ? LETTER : Character.isWhitespace(c) ? SPACE : OTHER;
            if (a == LETTER) {
                int j = i + 1;
                while (j < n) {
                    char d = cs[j];
                    if (d < 128 ? ASCII[d] == LETTER : Character.isLetter(d) || Character.getType(d) == Character.NON_SPACING_MARK) {
                        j++;
                    } else if ((d == '-' || d == '\'' || d == '\u2019') && j + 1 < n && Character.isLetter(cs[j + 1])) {
                        j += 2;
                    } else {
                        break;
                    }
                }
                t.add(from + i, from + j, WORD);
                i = j;
            } else if (a == DIGIT) {
                int j = i + 1;
                while (j < n && cs[j] >= '0' && cs[j] <= '9') {
                    j++;
                }
                t.add(from + i, from + j, NUMBER);
                i = j;
            } else if (a == SPACE) {
                i++;
            } else {
                t.add(from + i, from + i + 1, PUNCT);
                i++;
            }
        }
        return t;
    }

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    private static final byte SPACE = 3;
    /** Character.isLetter / ASCII digit / Character.isWhitespace of each ASCII char, in one table lookup. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII[c] = Character.isLetter(c) ? LETTER : c >= '0' && c <= '9' ? DIGIT : Character.isWhitespace(c) ? SPACE : OTHER;
        }
    }

    private void add(int s, int e, byte k) {
        if (size == start.length) {
            int n = size * 2;
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            kind = Arrays.copyOf(kind, n);
        }
        start[size] = s;
        end[size] = e;
        kind[size] = k;
        size++;
    }

    public int size() {
        return size;
    }

    public int start(int i) {
        return start[i];
    }

    public int end(int i) {
        return end[i];
    }

    public byte kind(int i) {
        reads++;
        return kind[i];
    }

    public String text(int i) {
        reads++;
        return text.substring(start[i], end[i]);
    }

    /**
     * Token i lower-cased ({@code text(i).toLowerCase(Locale.ROOT)}), made once per token: the name detector's
     * walk and scoring look the same word up in several cue sets and the lexicon.
     */
    public String lower(int i) {
        reads++;
        if (lowers == null) {
            lowers = new String[start.length];
        }
        String w = lowers[i];
        if (w == null) {
            w = text.substring(start[i], end[i]).toLowerCase(Locale.ROOT);
            lowers[i] = w;
        }
        return w;
    }

    /** Packed lexicon entry of token i as written when it is a listed name, else 0 (see {@link NameLexicon#lookupName}). */
    int lookupName(NameLexicon lex, int i) {
        reads++;
        return lex.lookupName(text, start[i], end[i]);
    }

    /** Packed lexicon entry of token i lower-cased (see {@link NameLexicon#lookupLower}). */
    int lookupLower(NameLexicon lex, int i) {
        reads++;
        return lex.lookupLower(text, start[i], end[i]);
    }

    /** Packed lexicon entry of token i lower-cased when it is a listed name, else 0 (see {@link NameLexicon#lookupLowerName}). */
    int lookupLowerName(NameLexicon lex, int i) {
        reads++;
        return lex.lookupLowerName(text, start[i], end[i]);
    }

    public char charAt(int i, int k) {
        reads++;
        return text.charAt(start[i] + k);
    }

    public int length(int i) {
        return end[i] - start[i];
    }

    /** True when a line break lies between token i-1 and token i (or i is the first token). */
    public boolean newlineBefore(int i) {
        if (i == 0) {
            return true;
        }
        reads += 1 + start[i] - end[i - 1];
        for (int k = end[i - 1]; k < start[i]; k++) {
            if (text.charAt(k) == '\n') {
                return true;
            }
        }
        return false;
    }

    /** True when tokens i-1 and i are separated by exactly one space (a name's inner gap). */
    public boolean singleSpaceBefore(int i) {
        return i > 0 && start[i] - end[i - 1] == 1 && text.charAt(start[i] - 1) == ' ';
    }

    /** True when token i directly touches token i-1 (no whitespace between). */
    public boolean touchesPrevious(int i) {
        return i > 0 && start[i] == end[i - 1];
    }

    public boolean isPunct(int i, char c) {
        reads++;
        return kind[i] == PUNCT && text.charAt(start[i]) == c;
    }

    /** Reads so far (see {@link #reads}), plus one per token for tokenising. */
    long work() {
        return reads + size;
    }

    /** The token texts of [from, to), for the name-finder model. */
    public String[] texts(int from, int to) {
        String[] out = new String[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = text(i);
        }
        return out;
    }
}
