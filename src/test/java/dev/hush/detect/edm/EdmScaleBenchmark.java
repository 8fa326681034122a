package dev.hush.detect.edm;

import dev.hush.config.EdmSettings;
import dev.hush.config.HashKeyFile;
import dev.hush.detect.Detector;
import dev.hush.detect.Scanner;
import dev.hush.detect.SipHash;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Scale benchmark for EDM (not a unit test): generates a synthetic CSV of N rows in a temporary directory,
 * builds the index, loads it and times 4 KiB prompts. Run:
 * {@code java -Xmx1g -cp target/classes:target/test-classes:$(cat cp.txt) dev.hush.detect.edm.EdmScaleBenchmark 10000000 /tmp/edm-bench}
 * The directory is deleted at the end unless a third argument {@code keep} is given.
 */
public final class EdmScaleBenchmark {
    private static final String[] SYL = {"an", "bel", "car", "da", "el", "fen", "gor", "ha", "is", "jo", "ka", "li",
        "mar", "no", "ol", "pe", "qui", "ra", "sa", "ti", "ul", "ve", "wi", "xa", "yo", "ze", "bri", "cla", "dru", "ste"};
    private static final String[] CITIES = new String[200];
    private static final String[] DOMAINS = {"example.com", "mail.test", "corp.example", "inbox.test", "post.example"};
    private static final String[] WORDS = ("the a of to and in is for on that with as be by this are from at or it an "
            + "we our will can please help write summary report customer account meeting project quarter revenue "
            + "review draft email note plan team update status issue ticket order payment invoice address phone "
            + "question answer explain code function error test data table query result value number list item").split(" ");

    static {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < CITIES.length; i++) {
            CITIES[i] = cap(SYL[r.nextInt(SYL.length)] + SYL[r.nextInt(SYL.length)] + SYL[r.nextInt(SYL.length)]) + "ton";
        }
    }

    private EdmScaleBenchmark() {
    }

    static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The values of row i: name, email, phone, account, city; a pure function of i. */
    static String[] row(long i) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 1);
        String first = cap(SYL[r.nextInt(SYL.length)] + SYL[r.nextInt(SYL.length)] + (r.nextBoolean() ? SYL[r.nextInt(SYL.length)] : ""));
        String last = cap(SYL[r.nextInt(SYL.length)] + SYL[r.nextInt(SYL.length)] + SYL[r.nextInt(SYL.length)]);
        String email = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + (i % 997) + "@" + DOMAINS[r.nextInt(DOMAINS.length)];
        String phone = "+1 (" + (200 + r.nextInt(800)) + ") " + (200 + r.nextInt(800)) + "-" + pad(r.nextInt(10000), 4);
        String account = "AC" + pad((i * 7919L + 12345) % 10_000_000_000L, 10);
        return new String[] {first + " " + last, email, phone, account, CITIES[r.nextInt(CITIES.length)]};
    }

    static String pad(long v, int width) {
        String s = Long.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/edm-bench");
        boolean keep = args.length > 2 && args[2].equals("keep");
        Files.createDirectories(dir);
        Path csv = dir.resolve("customers.csv");
        Path data = dir.resolve("data");
        PeakHeap peak = new PeakHeap();
        peak.start();
        try {
            if (!Files.exists(csv)) {
                long t0 = System.nanoTime();
                try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                    w.write("customer_id,name,email,phone,account,city\n");
                    for (long i = 0; i < rows; i++) {
                        String[] v = row(i);
                        w.write(Long.toString(i));
                        for (String s : v) {
                            w.write(',');
                            w.write(s);
                        }
                        w.write('\n');
                    }
                }
                System.out.printf(Locale.ROOT, "generated %d rows, %.1f MB CSV in %.1f s%n", rows, Files.size(csv) / 1e6,
                        (System.nanoTime() - t0) / 1e9);
            }
            byte[] key = HashKeyFile.loadOrCreate(data);
            SipHash sip = new SipHash(HashKeyFile.derive(key, EdmStore.KEY_PURPOSE));
            EdmStore store = new EdmStore(data);
            peak.reset();
            long cpu0 = processCpu();
            long t0 = System.nanoTime();
            EdmSetMeta meta = store.add(csv, new EdmIndexWriter.Options("customers", List.of("name", "email", "phone", "account", "city"),
                    List.of("account"), 2, ','), sip, HashKeyFile.checkValue(key), true);
            double buildS = (System.nanoTime() - t0) / 1e9;
            double buildCpuS = (processCpu() - cpu0) / 1e9;
            System.out.printf(Locale.ROOT, "build: %.1f s wall, %.1f s process CPU, %d rows, %d entries, %d skipped, bucketBits %d, index %.1f MB on disk, peak heap %.0f MB%n",
                    buildS, buildCpuS, meta.rows(), meta.entries(), meta.skippedCells(), meta.bucketBits(), store.size("customers") / 1e6,
                    peak.peak() / 1e6);

            System.gc();
            long heapBefore = usedHeap();
            long loadCpu0 = processCpu();
            t0 = System.nanoTime();
            List<Detector> dets = EdmPlugin.create(data, new EdmSettings());
            double loadMs = (System.nanoTime() - t0) / 1e6;
            double loadCpuMs = (processCpu() - loadCpu0) / 1e6;
            System.gc();
            System.out.printf(Locale.ROOT, "load: %.1f ms wall, %.1f ms process CPU, heap held by the loaded index %.2f MB (index is mapped, off-heap)%n",
                    loadMs, loadCpuMs, (usedHeap() - heapBefore) / 1e6);
            Scanner scanner = new Scanner(dets, "bench");

            SplittableRandom r = new SplittableRandom(99);
            int n = 4000;
            String[] prompts = new String[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                StringBuilder b = new StringBuilder(4200);
                positive[i] = i % 2 == 0;
                int insertAt = 1500 + r.nextInt(1500);
                boolean inserted = false;
                while (b.length() < 4096) {
                    if (!inserted && b.length() >= insertAt) {
                        String[] v = row(r.nextLong(rows));
                        if (positive[i]) {
                            b.append("Customer ").append(v[0]).append(" (").append(v[1].toUpperCase(Locale.ROOT)).append(") called. ");
                        } else {
                            // a real city and a real-looking but unrelated name: common values only, no record
                            b.append("Someone from ").append(v[4]).append(" wrote. ");
                        }
                        inserted = true;
                    }
                    b.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(20) == 0 ? ". " : " ");
                    if (r.nextInt(40) == 0) {
                        b.append(r.nextInt(100000)).append(' ');
                    }
                }
                prompts[i] = b.toString();
            }
            System.out.println("prompts (4 KiB, warm page cache): " + dev.hush.bench.PromptProbe.run(scanner, prompts));
            System.out.printf(Locale.ROOT, "process peak RSS %s, heap peak %.0f MB%n", vmHwm(), peak.peak() / 1e6);

            // keyed-hash cost: why SipHash and not HMAC-SHA256 per candidate
            String[] vals = new String[100_000];
            for (int i = 0; i < vals.length; i++) {
                vals[i] = "value" + i + "x";
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            long sink = 0;
            for (int rep = 0; rep < 2; rep++) {
                long a = System.nanoTime();
                for (String v : vals) {
                    sink += mac.doFinal(v.getBytes(StandardCharsets.UTF_8))[0];
                }
                long b2 = System.nanoTime();
                for (String v : vals) {
                    sink += sip.hash(v);
                }
                long c = System.nanoTime();
                if (rep == 1) {
                    System.out.printf(Locale.ROOT, "hash per candidate: HMAC-SHA256 %.0f ns, SipHash-2-4 %.0f ns (%d)%n",
                            (b2 - a) / (double) vals.length, (c - b2) / (double) vals.length, sink & 1);
                }
            }
        } finally {
            peak.interrupt();
            if (!keep) {
                EdmStore.deleteTree(dir);
            }
        }
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String vmHwm() throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (l.startsWith("VmHWM")) {
                return l.substring(6).strip();
            }
        }
        return "?";
    }

    /** Samples used heap every 50 ms and keeps the maximum. */
    static final class PeakHeap extends Thread {
        private volatile long peak;

        PeakHeap() {
            setDaemon(true);
        }

        void reset() {
            peak = 0;
        }

        long peak() {
            return peak;
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                peak = Math.max(peak, usedHeap());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
