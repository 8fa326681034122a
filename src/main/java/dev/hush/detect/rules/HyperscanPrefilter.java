package dev.hush.detect.rules;

import com.gliwka.hyperscan.jni.hs_compile_error_t;
import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hs_expr_info_t;
import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.hyperscan;
import com.gliwka.hyperscan.jni.match_event_handler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * One Hyperscan database for a whole catalogue, each rule's pattern compiled in prefilter mode
 * ({@link HyperscanSyntax}), so one pass over the text reports, per rule, every offset where a match of the
 * rule may end (and perhaps more). A region the rule engine would search is then skipped when no report
 * ends inside it: it cannot hold a match. Rules Hyperscan cannot take stay ungated ({@link #covers}).
 * <p>
 * Native state: the database is shared and read-only; scratch space, the input buffer and the callback are
 * per thread ({@link Reports}, from a {@link ThreadLocal}); {@link #close} frees all of it.
 */
final class HyperscanPrefilter implements AutoCloseable {
    private static final int FLAGS = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_PREFILTER;

    /** Why a rule stays on the pure-Java path: its id and the reason, for the log. */
    record Fallback(String rule, String reason) {
    }

    private final hs_database_t database;
    private final boolean[] covered;
    private final int coveredCount;
    private final List<Fallback> fallbacks;
    private final int ruleCount;
    private final ThreadLocal<Reports> reports;
    private final ConcurrentLinkedQueue<Reports> allReports = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** True when the native library loads and runs on this CPU; never throws. */
    static String unavailableReason() {
        try {
            if (hyperscan.hs_valid_platform() != 0) {
                return "this CPU lacks the instructions Hyperscan needs (SSSE3)";
            }
            return null;
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError, SecurityException, ...
            return "the native library did not load (" + t.getClass().getSimpleName() + ")";
        }
    }

    HyperscanPrefilter(CompiledRule[] rules) {
        this.ruleCount = rules.length;
        this.covered = new boolean[rules.length];
        List<Fallback> fb = new ArrayList<>();
        List<String> expressions = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            RulePattern p = rules[r].pattern;
            if (PatternFacts.of(p.regex()).required.isEmpty()) {
                // nothing literal to anchor on: the database would report at every character of every long
                // run of its class, costlier than the regex it saves; the rule's keyword windows gate it
                fb.add(new Fallback(rules[r].id, "no required literal"));
                continue;
            }
            String expr = HyperscanSyntax.rewrite(p.regex(), p instanceof JdkRulePattern);
            if (expr == null) {
                fb.add(new Fallback(rules[r].id, "syntax without a safe rewrite"));
                continue;
            }
            String problem = check(expr);
            if (problem != null) {
                fb.add(new Fallback(rules[r].id, problem));
                continue;
            }
            expressions.add(expr);
            ids.add(r);
        }
        hs_database_t db = null;
        while (!expressions.isEmpty()) {
            Object result = compile(expressions, ids);
            if (result instanceof hs_database_t d) {
                db = d;
                break;
            }
            // a pattern the single-expression check passed but the database refused: drop it, retry
            int bad = (Integer) result;
            fb.add(new Fallback(rules[ids.get(bad)].id, "refused by the database compiler"));
            expressions.remove(bad);
            ids.remove(bad);
        }
        for (int r : ids) {
            covered[r] = true;
        }
        this.database = db;
        this.coveredCount = ids.size();
        this.fallbacks = List.copyOf(fb);
        this.reports = ThreadLocal.withInitial(() -> {
            Reports rep = new Reports();
            allReports.add(rep);
            return rep;
        });
    }

    /** Null when Hyperscan takes the expression in prefilter mode, else why not. */
    private static String check(String expr) {
        PointerPointer<hs_expr_info_t> infoOut = new PointerPointer<>(1);
        PointerPointer<hs_compile_error_t> errOut = new PointerPointer<>(1);
        try {
            int rc = hyperscan.hs_expression_info(new BytePointer(expr, StandardCharsets.UTF_8), FLAGS, infoOut, errOut);
            if (rc != 0) {
                hs_compile_error_t err = errOut.get(hs_compile_error_t.class, 0);
                String msg = err == null || err.isNull() ? "code " + rc : err.message().getString();
                if (err != null && !err.isNull()) {
                    hyperscan.hs_free_compile_error(err);
                }
                return "Hyperscan: " + msg;
            }
            Pointer p = infoOut.get(0);
            if (p != null && !p.isNull()) {
                hs_expr_info_t got = new hs_expr_info_t(p);
                boolean empty = got.min_width() == 0;
                Pointer.free(p);
                if (empty) {
                    return "may match the empty string";
                }
            }
            return null;
        } finally {
            infoOut.close();
            errOut.close();
        }
    }

    /** The database, or the index of the expression the compiler refused. */
    private static Object compile(List<String> expressions, List<Integer> ids) {
        int n = expressions.size();
        PointerPointer<BytePointer> exprs = new PointerPointer<>(n);
        exprs.putString(expressions.toArray(new String[0]), StandardCharsets.UTF_8);
        int[] flags = new int[n];
        Arrays.fill(flags, FLAGS);
        int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
        PointerPointer<hs_database_t> dbOut = new PointerPointer<>(1);
        PointerPointer<hs_compile_error_t> errOut = new PointerPointer<>(1);
        try (IntPointer fl = new IntPointer(flags); IntPointer id = new IntPointer(idArray)) {
            int rc = hyperscan.hs_compile_multi(exprs, fl, id, n, hyperscan.HS_MODE_BLOCK, null, dbOut, errOut);
            if (rc == 0) {
                return dbOut.get(hs_database_t.class, 0);
            }
            hs_compile_error_t err = errOut.get(hs_compile_error_t.class, 0);
            int bad = err.expression();
            String msg = err.message().getString();
            hyperscan.hs_free_compile_error(err);
            if (bad < 0 || bad >= n) {
                throw new IllegalStateException("Hyperscan could not build the rule database: " + msg);
            }
            return bad;
        } finally {
            exprs.close();
            dbOut.close();
            errOut.close();
        }
    }

    /** True when rule r's regions are gated by this prefilter. */
    boolean covers(int r) {
        return covered[r];
    }

    int coveredCount() {
        return coveredCount;
    }

    List<Fallback> fallbacks() {
        return fallbacks;
    }

    /** Scans the text once with the calling thread's scratch; the result is valid until its next scan. */
    Reports scan(String text) {
        Reports rep = reports.get();
        rep.scan(text);
        return rep;
    }

    @Override
    public void close() {
        closed = true;
        Reports rep;
        while ((rep = allReports.poll()) != null) {
            rep.free();
        }
        if (database != null) {
            hyperscan.hs_free_database(database);
        }
    }

    /** One thread's native scratch, input buffer and the match ends of its last scan, per rule (char offsets). */
    final class Reports {
        private hs_scratch_t scratch;
        private BytePointer buffer;
        private long capacity;
        private byte[] bytes = new byte[0];
        /** Byte offset to char offset, only filled for non-ASCII input. */
        private int[] charAt = new int[0];
        private boolean ascii;
        private final int[][] ends = new int[ruleCount][];
        private final int[] endCount = new int[ruleCount];
        private int[] touched = new int[16];
        private int touchedCount;
        private final match_event_handler handler;

        Reports() {
            if (database != null) {
                scratch = new hs_scratch_t();
                int rc = hyperscan.hs_alloc_scratch(database, scratch);
                if (rc != 0) {
                    throw new IllegalStateException("Hyperscan scratch allocation failed (" + rc + ")");
                }
            }
            handler = new match_event_handler() {
                @Override
                public int call(int id, long from, long to, int flags, Pointer context) {
                    record(id, (int) to);
                    return 0;
                }
            };
        }

        /** Reports received since this thread's first scan (for probes). */
        long reportCount;

        private void record(int r, int byteEnd) {
            reportCount++;
            int end = ascii ? byteEnd : charAt[byteEnd];
            int c = endCount[r];
            int[] e = ends[r];
            if (e == null) {
                e = ends[r] = new int[16];
            } else if (c > 0 && e[c - 1] == end) {
                return;
            } else if (c == e.length) {
                e = ends[r] = Arrays.copyOf(e, c * 2);
            }
            if (c == 0) {
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, touchedCount * 2);
                }
                touched[touchedCount++] = r;
            }
            e[c] = end;
            endCount[r] = c + 1;
        }

        void scan(String text) {
            if (closed) {
                throw new IllegalStateException("rule prefilter closed");
            }
            for (int t = 0; t < touchedCount; t++) {
                endCount[touched[t]] = 0;
            }
            touchedCount = 0;
            if (database == null) {
                return;
            }
            int len = encode(text);
            if (buffer == null || capacity < len) {
                if (buffer != null) {
                    buffer.close();
                }
                capacity = Math.max(len, Math.max(4096, capacity * 2));
                buffer = new BytePointer(capacity);
            }
            buffer.position(0).put(bytes, 0, len);
            int rc = hyperscan.hs_scan(database, buffer, len, 0, scratch, handler, null);
            if (rc != 0) {
                throw new IllegalStateException("Hyperscan scan failed (" + rc + ")");
            }
            for (int t = 0; t < touchedCount; t++) {
                int r = touched[t];
                int[] e = ends[r];
                int c = endCount[r];
                for (int i = 1; i < c; i++) {
                    if (e[i] < e[i - 1]) {
                        Arrays.sort(e, 0, c); // reports come in end order; make sure
                        break;
                    }
                }
            }
        }

        /** UTF-8 of the text into {@link #bytes} (a lone surrogate becomes U+FFFD); its length. */
        private int encode(String text) {
            int n = text.length();
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
            }
            int i = 0;
            while (i < n) {
                char c = text.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                bytes[i++] = (byte) c;
            }
            ascii = i == n;
            if (ascii) {
                return n;
            }
            int need = i + (n - i) * 3 + 1;
            if (bytes.length < need) {
                bytes = Arrays.copyOf(bytes, need);
            }
            if (charAt.length < need) {
                charAt = new int[need];
            }
            for (int k = 0; k <= i; k++) {
                charAt[k] = k;
            }
            int b = i;
            while (i < n) {
                char c = text.charAt(i);
                int cp = c;
                int width = 1;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, text.charAt(i + 1));
                    width = 2;
                } else if (Character.isSurrogate(c)) {
                    cp = 0xFFFD;
                }
                if (cp < 0x80) {
                    bytes[b++] = (byte) cp;
                } else if (cp < 0x800) {
                    bytes[b++] = (byte) (0xC0 | cp >> 6);
                    bytes[b++] = (byte) (0x80 | cp & 0x3F);
                } else if (cp < 0x10000) {
                    bytes[b++] = (byte) (0xE0 | cp >> 12);
                    bytes[b++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    bytes[b++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    bytes[b++] = (byte) (0xF0 | cp >> 18);
                    bytes[b++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    bytes[b++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    bytes[b++] = (byte) (0x80 | cp & 0x3F);
                }
                i += width;
                charAt[b] = i; // a match ends only on a code point boundary
            }
            return b;
        }

        /** Distinct report ends of rule r in the last scan (for probes). */
        int endsOf(int r) {
            return endCount[r];
        }

        /** True when rule r may have a match ending in (from, to]: uncovered rules always may. */
        boolean endIn(int r, int from, int to) {
            if (!covered[r]) {
                return true;
            }
            int c = endCount[r];
            if (c == 0) {
                return false;
            }
            int[] e = ends[r];
            int lo = 0;
            int hi = c;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (e[mid] <= from) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo < c && e[lo] <= to;
        }

        private void free() {
            if (scratch != null) {
                hyperscan.hs_free_scratch(scratch);
                scratch = null;
            }
            if (buffer != null) {
                buffer.close();
                buffer = null;
            }
            handler.close();
        }
    }
}
