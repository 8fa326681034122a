package dev.hush.detect.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Two sets of lower-case ASCII literals found in one pass over ASCII text, upper case folded inside the table:
 * {@link #next} gives the next state, with {@link #MARKER} set where a literal of the first set ends and
 * {@link #WORD} where one of the second does. The caller reads the text char by char, so the same loop can note
 * more of each char; nothing is lower-cased or copied. Only the chars the literals use have a column of their
 * own (the table stays a few KiB). Immutable and thread-safe.
 */
final class FoldedAutomaton {
    static final int STATE = 0x3FFF;
    static final int WORD = 0x4000;
    static final int MARKER = 0x8000;

    /** (state * columns + column[c]) -> next state | flags of the literals ending there. */
    private final char[] table;
    private final byte[] column;
    private final int columns;

    private FoldedAutomaton(char[] table, byte[] column, int columns) {
        this.table = table;
        this.column = column;
        this.columns = columns;
    }

    /** The entry for an ASCII char {@code c} ({@code c < 128}) read in {@code state}. */
    int next(int state, char c) {
        return table[state * columns + column[c]];
    }

    static FoldedAutomaton of(String[] markers, String[] words) {
        byte[] column = new byte[128];
        int columns = 1; // column 0: a char no literal holds, back to the root
        for (String[] set : new String[][] {markers, words}) {
            for (String lit : set) {
                for (char ch : lit.toCharArray()) {
                    if (ch >= 128 || ch >= 'A' && ch <= 'Z') {
                        throw new IllegalArgumentException("literals must be lower-case ASCII");
                    }
                    if (column[ch] == 0) {
                        column[ch] = (byte) columns++;
                        if (ch >= 'a' && ch <= 'z') {
                            column[ch - 32] = column[ch];
                        }
                    }
                }
            }
        }
        List<int[]> kids = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        kids.add(new int[columns]);
        out.add(0);
        for (int set = 0; set < 2; set++) {
            int flag = set == 0 ? MARKER : WORD;
            for (String lit : set == 0 ? markers : words) {
                int node = 0;
                for (char ch : lit.toCharArray()) {
                    int col = column[ch];
                    if (kids.get(node)[col] == 0) {
                        kids.get(node)[col] = kids.size();
                        kids.add(new int[columns]);
                        out.add(0);
                    }
                    node = kids.get(node)[col];
                }
                out.set(node, out.get(node) | flag);
            }
        }
        if (kids.size() > STATE) {
            throw new IllegalArgumentException("too many states");
        }
        int[] fail = new int[kids.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int col = 1; col < columns; col++) {
            if (kids.get(0)[col] != 0) {
                queue.add(kids.get(0)[col]);
            }
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            out.set(u, out.get(u) | out.get(fail[u]));
            for (int col = 1; col < columns; col++) {
                int k = kids.get(u)[col];
                if (k != 0) {
                    fail[k] = kids.get(fail[u])[col];
                    queue.add(k);
                } else {
                    kids.get(u)[col] = kids.get(fail[u])[col];
                }
            }
        }
        char[] table = new char[kids.size() * columns];
        for (int u = 0; u < kids.size(); u++) {
            for (int col = 0; col < columns; col++) {
                int k = kids.get(u)[col];
                table[u * columns + col] = (char) (k | out.get(k));
            }
        }
        return new FoldedAutomaton(table, column, columns);
    }
}
