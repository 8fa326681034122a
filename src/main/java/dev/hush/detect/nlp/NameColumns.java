package dev.hush.detect.nlp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the cells of name columns in delimited tables pasted into a prompt (CSV, semicolon or tab
 * separated, Markdown pipes): a header row with a column such as {@code name} or {@code last_name}
 * makes the cells below it name cells, a strong cue whatever the cell holds.
 */
final class NameColumns {
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    /** Compiled once: String.matches compiles its pattern on every call, and every prose line with a comma is tried. */
    private static final java.util.regex.Pattern HEADER_CELL = java.util.regex.Pattern.compile("[\\p{L}_\\-]+");
    private static final java.util.regex.Pattern RULE_ROW = java.util.regex.Pattern.compile("[\\s|:-]+");

    private NameColumns() {
    }

    /** Character ranges [start, end) of name cells, flattened as start, end pairs; empty when none. */
    static int[] find(String s) {
        if (s.indexOf('\n') < 0) {
            return new int[0];
        }
        List<Integer> out = null;
        int lineStart = 0;
        int n = s.length();
        while (lineStart < n) {
            int lineEnd = s.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = n;
            }
            char d = headerDelimiter(s, lineStart, lineEnd);
            if (d != 0) {
                boolean[] nameCol = nameColumns(s, lineStart, lineEnd, d);
                if (nameCol != null) {
                    int cols = nameCol.length;
                    int row = lineEnd + 1;
                    while (row < n) {
                        int rowEnd = s.indexOf('\n', row);
                        if (rowEnd < 0) {
                            rowEnd = n;
                        }
                        if (rowEnd - row == 0 || s.substring(row, rowEnd).isBlank()) {
                            break;
                        }
                        if (d == '|' && RULE_ROW.matcher(s.substring(row, rowEnd)).matches()) {
                            row = rowEnd + 1;
                            continue;
                        }
                        int c = 0;
                        int cellStart = row;
                        for (int k = row; k <= rowEnd; k++) {
                            if (k == rowEnd || s.charAt(k) == d) {
                                if (c < cols && nameCol[c]) {
                                    if (out == null) {
                                        out = new ArrayList<>();
                                    }
                                    out.add(cellStart);
                                    out.add(k);
                                }
                                c++;
                                cellStart = k + 1;
                            }
                        }
                        if (c < 2) {
                            break;
                        }
                        row = rowEnd + 1;
                    }
                    lineStart = row;
                    continue;
                }
            }
            lineStart = lineEnd + 1;
        }
        if (out == null) {
            return new int[0];
        }
        int[] r = new int[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    private static char headerDelimiter(String s, int from, int to) {
        if (to - from < 4 || to - from > 400) {
            return 0;
        }
        int seen = 0; // one pass: bit i when DELIMITERS[i] occurs; the first listed one that occurs wins
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            for (int i = 0; i < DELIMITERS.length; i++) {
                if (c == DELIMITERS[i]) {
                    seen |= 1 << i;
                }
            }
        }
        return seen == 0 ? 0 : DELIMITERS[Integer.numberOfTrailingZeros(seen)];
    }

    /**
     * False when the line has a char that fails every header cell as cleaned below (not a letter, '_', '-', a
     * quote, '*', whitespace, a surrogate or the delimiter): a digit or a dot rejects a prose line without splitting it.
     */
    private static boolean headerChars(String s, int from, int to, char d) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c != d && !Character.isLetter(c) && !Character.isSurrogate(c) && "_-\"'*".indexOf(c) < 0 && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Per column, whether it holds names; null when this is not a header naming a name column. */
    private static boolean[] nameColumns(String s, int from, int to, char d) {
        if (!headerChars(s, from, to, d)) {
            return null;
        }
        String[] cells = s.substring(from, to).split(d == '|' ? "\\|" : String.valueOf(d), -1);
        boolean[] name = new boolean[cells.length];
        boolean any = false;
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].strip().replace("\"", "").replace("'", "").replace("*", "")
                    .toLowerCase(Locale.ROOT).replace(' ', '_');
            if (!c.isEmpty() && !HEADER_CELL.matcher(c).matches()) {
                return null; // a data row, not a header
            }
            if (!c.isEmpty() && NameCues.isNameKey(c) && !c.equals("to") && !c.equals("from") && !c.equals("de")
                    && !c.equals("an") && !c.equals("von") && !c.equals("para")) {
                name[i] = true;
                any = true;
            }
        }
        return any ? name : null;
    }
}
