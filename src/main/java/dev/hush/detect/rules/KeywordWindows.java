package dev.hush.detect.rules;

import java.util.Arrays;

/**
 * Which parts of a text each rule searches, given its keyword hits in text order: one window per rule
 * around its hits (overlapping windows merged, a closed window queued), or, for rules whose matches start
 * near the keyword, the hits themselves. Both rule engines share this bookkeeping, so they search exactly
 * the same regions and differ only in how a region is searched. Per-thread scratch, reused across scans:
 * {@link #reset} clears only what the last scan touched.
 */
final class KeywordWindows {
    /** How a region is searched. */
    interface Jobs {
        /** Every match lying in [from, to). */
        void find(int rule, int from, int to);

        /** The first match starting in [firstStart, lastStart] and ending by {@code to}; its end, or -1. */
        int matchFrom(int rule, int firstStart, int lastStart, int to);
    }

    private final CompiledRule[] rules;
    private final int[][] rulesByKeyword;
    private int n;
    private int[] start;
    private int[] end; // end + 1, so 0 = no window
    private int[] zoneDone;
    private int[] zones = new int[12];
    private int zoneSize;
    private int[] touched = new int[8];
    private int touchedSize;
    private int[] pending = new int[12];
    private int pendingSize;

    KeywordWindows(CompiledRule[] rules, int[][] rulesByKeyword) {
        this.rules = rules;
        this.rulesByKeyword = rulesByKeyword;
    }

    KeywordWindows reset(int textLength) {
        if (start != null) {
            for (int t = 0; t < touchedSize; t++) {
                end[touched[t]] = 0;
            }
            for (int i = 0; i < zoneSize; i += 3) {
                zoneDone[zones[i]] = 0;
            }
        }
        n = textLength;
        touchedSize = 0;
        pendingSize = 0;
        zoneSize = 0;
        return this;
    }

    /** A hit of keyword {@code keyword} at [ks, ke); hits arrive in order of their end. */
    void onKeyword(int keyword, int ks, int ke) {
        if (start == null) {
            start = new int[rules.length];
            end = new int[rules.length];
            zoneDone = new int[rules.length];
        }
        for (int r : rulesByKeyword[keyword]) {
            if (rules[r].startsNearKeyword) {
                if (zoneSize + 3 > zones.length) {
                    zones = Arrays.copyOf(zones, zones.length * 2);
                }
                zones[zoneSize++] = r;
                zones[zoneSize++] = ks;
                zones[zoneSize++] = ke;
                continue;
            }
            int win = rules[r].window;
            int ws = win == 0 ? 0 : Math.max(0, ks - rules[r].windowBefore);
            int we = win == 0 ? n : Math.min(n, ke + win);
            if (end[r] == 0) {
                start[r] = ws;
                end[r] = we + 1;
                if (touchedSize == touched.length) {
                    touched = Arrays.copyOf(touched, touchedSize * 2);
                }
                touched[touchedSize++] = r;
            } else if (ws <= end[r] - 1) {
                end[r] = Math.max(end[r], we + 1);
            } else {
                if (pendingSize + 3 > pending.length) {
                    pending = Arrays.copyOf(pending, pending.length * 2);
                }
                pending[pendingSize++] = r;
                pending[pendingSize++] = start[r];
                pending[pendingSize++] = end[r] - 1;
                start[r] = ws;
                end[r] = we + 1;
            }
        }
    }

    /** Runs every region the hits opened: closed windows, open windows, then keyword-start zones. */
    void run(Jobs jobs) {
        for (int i = 0; i < pendingSize; i += 3) {
            jobs.find(pending[i], pending[i + 1], pending[i + 2]);
        }
        for (int t = 0; t < touchedSize; t++) {
            int r = touched[t];
            jobs.find(r, start[r], end[r] - 1);
        }
        for (int i = 0; i < zoneSize; i += 3) {
            int r = zones[i];
            int ks = zones[i + 1];
            CompiledRule rule = rules[r];
            int from = Math.max(Math.max(0, ks - rule.windowBefore), zoneDone[r]);
            int to = Math.min(n, zones[i + 2] + rule.window);
            int e = jobs.matchFrom(r, from, ks, to);
            if (e >= 0) {
                zoneDone[r] = e;
            }
        }
    }
}
