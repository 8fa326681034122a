package dev.hush.audit;

import dev.hush.config.AuditSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Appends per second and append-to-durable latency of {@link ChainedAuditLog} with 1, 8 and 64 concurrent
 * appenders, each waiting for its record to be synced before the next (as a proxy request would).
 * Not a unit test; run it by hand (docs/audit.md):
 * <pre>
 * mvn -B -q -o package -DskipTests
 * java [-Dsync=fdatasync|fsync|dsync] [-Dfsync=false] [-Dpreallocate=BYTES] -cp target/hush.jar:target/test-classes \
 *     dev.hush.audit.AuditLogBenchmark [DIR] [SECONDS] [APPENDERS...]
 * </pre>
 */
public final class AuditLogBenchmark {
    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("hush-audit-bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] levels = args.length > 2
                ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8, 64};
        boolean fsync = !"false".equals(System.getProperty("fsync"));
        String sync = System.getProperty("sync", new AuditSettings().syncMethod);
        System.out.printf("dir=%s fsync=%s syncMethod=%s preallocate=%d %ds per level%n", base, fsync, sync,
                Long.getLong("preallocate", new AuditSettings().preallocateBytes), seconds);
        System.out.printf("%-10s %12s %10s %10s %10s %12s%n", "appenders", "appends/s", "p50 ms", "p99 ms",
                "max ms", "recs/batch");
        run(base.resolve("warmup"), 8, 2, fsync, sync, false);
        for (int n : levels) {
            run(base.resolve("n" + n), n, seconds, fsync, sync, true);
        }
        deleteTree(base.resolve("warmup"));
    }

    private static void run(Path dir, int appenders, int seconds, boolean fsync, String sync, boolean print)
            throws Exception {
        AuditSettings s = new AuditSettings();
        s.fsync = fsync;
        s.syncMethod = sync;
        s.preallocateBytes = Long.getLong("preallocate", s.preallocateBytes);
        long[][] lat = new long[appenders][];
        int[] counts = new int[appenders];
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[appenders];
        long batches;
        long elapsed;
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, s)) {
            long deadline0 = seconds * 1_000_000_000L;
            for (int t = 0; t < appenders; t++) {
                int id = t;
                threads[t] = new Thread(() -> {
                    long[] mine = new long[1 << 14];
                    int n = 0;
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long end = System.nanoTime() + deadline0;
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        log.append(AuditFixtures.record(id * 1_000_000 + n)).toCompletableFuture().join();
                        if (n == mine.length) {
                            mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - now;
                    }
                    lat[id] = mine;
                    counts[id] = n;
                });
                threads[t].start();
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            elapsed = System.nanoTime() - t0;
            batches = log.batches();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int p = 0;
        for (int t = 0; t < appenders; t++) {
            System.arraycopy(lat[t], 0, all, p, counts[t]);
            p += counts[t];
        }
        Arrays.sort(all);
        if (!AuditVerifier.verify(dir).intact()) {
            throw new IllegalStateException("chain broken after benchmark run");
        }
        if (print) {
            System.out.printf("%-10d %12.0f %10.3f %10.3f %10.3f %12.1f%n", appenders, total / (elapsed / 1e9),
                    pct(all, 50) / 1e6, pct(all, 99) / 1e6, all[all.length - 1] / 1e6, total / (double) batches);
        }
        deleteTree(dir);
    }

    private static long pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
