package dev.hush.bench;

import dev.hush.audit.AuditFinding;
import dev.hush.audit.AuditLine;
import dev.hush.audit.AuditRecord;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The audit writer's encoding of a decision line ({@link AuditLine#encode}, what the writer thread does per
 * request besides the sync) in two builds in one JVM, each in its own class loader, in alternating turns, thread
 * CPU time. The record is shaped like the gateway's cached 4 KiB chat request: 14 findings with a rule id, a
 * location, a 64-hex keyed hash and a preview with an ellipsis (made-up values, none from a corpus). Each build's
 * line must be the same bytes (checked by SHA-256 before timing).
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.AuditEncodeAbProbe \
 *     BEFORE/classes AFTER/classes [rounds] [encodes per turn]</pre>
 */
public final class AuditEncodeAbProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private AuditEncodeAbProbe() {
    }

    /** Runs inside each build's loader: encodes the record {@code n} times; returns the last line's SHA-256. */
    public static final class Work {
        private static final AuditRecord RECORD = record();

        public static String encode(int n) throws Exception {
            byte[] last = null;
            for (int i = 0; i < n; i++) {
                last = AuditLine.encode(RECORD, 1000 + i % 7, AuditLine.GENESIS).line();
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(last)) + " " + last.length;
        }

        private static AuditRecord record() {
            List<AuditFinding> fs = new ArrayList<>();
            String[][] kinds = {{"PII.EMAIL", "pii.email"}, {"SECRET.AWS_ACCESS_KEY", "aws-access-key-id"},
                {"PII.PHONE", "pii.phone"}, {"PERSON", "nlp.person"}, {"SECRET.GENERIC_API_KEY", "generic-api-key"}};
            for (int i = 0; i < 14; i++) {
                String[] k = kinds[i % kinds.length];
                String hash = "hmac-sha256:" + HexFormat.of().formatHex(Arrays.copyOf(new byte[] {(byte) i, 7, 1}, 32));
                fs.add(new AuditFinding(k[0], k[1], "messages[" + (i % 3) + "].content", 100 * i, 100 * i + 21, hash,
                        "q\u2026z (" + (18 + i) + " chars)", i % 2 == 0 ? "pseudonymize" : "redact"));
            }
            return new AuditRecord(Instant.parse("2026-12-03T17:00:00.123Z"), "req-01JEXAMPLE0000000000000000",
                    "key:4f1c2d", "openai", "/v1/chat/completions", "gpt-4o-mini", "pseudonymize",
                    "policy:pii-default", null, fs, List.of(), 4096, 250, 200, 12).asDecision();
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        int per = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        URL tests = Path.of(AuditEncodeAbProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toUri().toURL();
        List<URL> deps = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar")) {
                deps.add(Path.of(e).toUri().toURL());
            }
        }
        Method[] encode = {work(args[0], tests, deps), work(args[1], tests, deps)};
        String a = (String) encode[0].invoke(null, 1);
        String b = (String) encode[1].invoke(null, 1);
        System.out.println("line sha256 and bytes: before " + a + ", after " + b);
        if (!a.equals(b)) {
            throw new IllegalStateException("the two builds encode different bytes");
        }
        long[][] ns = new long[2][rounds];
        for (int warm = 0; warm < 3; warm++) {
            encode[0].invoke(null, per);
            encode[1].invoke(null, per);
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int slot = r % 2 == 0 ? k : 1 - k; // alternate which build goes first
                long t0 = CPU.getCurrentThreadCpuTime();
                encode[slot].invoke(null, per);
                ns[slot][r] = CPU.getCurrentThreadCpuTime() - t0;
            }
        }
        double[] med = new double[2];
        for (int s = 0; s < 2; s++) {
            long[] x = ns[s].clone();
            Arrays.sort(x);
            med[s] = x[rounds / 2] / (double) per / 1000.0;
        }
        System.out.printf(Locale.ROOT, "decision line encode, %d rounds of %d, median thread CPU per line: before %.3f us,"
                + " after %.3f us, after/before %.3f%n", rounds, per, med[0], med[1], med[1] / med[0]);
    }

    private static Method work(String classes, URL tests, List<URL> deps) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(Path.of(classes).toUri().toURL());
        urls.add(tests);
        urls.addAll(deps);
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return Class.forName(Work.class.getName(), true, loader).getMethod("encode", int.class);
    }
}
