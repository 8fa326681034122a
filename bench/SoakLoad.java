// Steady-rate load generator for bench/soak.sh (JDK only: `java bench/SoakLoad.java URL RATE SECONDS WARMUP`).
// Sends RATE requests per second for SECONDS to a Hush gateway, cycling through a mix that exercises the
// main paths: a clean prompt (allow), a prompt with an email (pseudonymize + restore), one with a credential
// (block, never forwarded) and malformed JSON (400). At most MAX_IN_FLIGHT requests are outstanding; a tick
// that finds them all busy is counted as skipped rather than queued. The first WARMUP seconds (JIT, caches)
// are sent but not counted. Prints one line every 10 s and a final RESULT line; exits 1 when more than 1% of
// the counted requests failed (a wrong status or an I/O error).
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

public class SoakLoad {
    static final int MAX_IN_FLIGHT = 256;

    record Kind(String body, int status) {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rate = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        long warmup = args.length > 3 ? Long.parseLong(args[3]) : 0;
        // a fresh value of a GitHub token's shape each run: never a real key, never one from a test set
        String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        java.security.SecureRandom rnd = new java.security.SecureRandom();
        StringBuilder token = new StringBuilder("ghp_");
        for (int i = 0; i < 36; i++) {
            token.append(alnum.charAt(rnd.nextInt(alnum.length())));
        }
        Kind[] mix = {
            new Kind("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Summarise the ticket about the duplicate charge.\"}]}", 200),
            new Kind("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Write to maria.lopez@example.org about her refund.\"}]}", 200),
            new Kind("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"deploy with " + token + " please\"}]}", 400),
            new Kind("{\"model\":\"gpt-4o-mini\",\"messages\":[", 400),
        };
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong sent = new AtomicLong(), ok = new AtomicLong(), bad = new AtomicLong(), skipped = new AtomicLong();
        AtomicLongArray latencyBuckets = new AtomicLongArray(64); // log2 microseconds
        ScheduledExecutorService tick = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        long begin = System.nanoTime();
        long counted = begin + warmup * 1_000_000_000L;
        long end = begin + (warmup + seconds) * 1_000_000_000L;
        AtomicLong n = new AtomicLong();
        tick.scheduleAtFixedRate(() -> {
            if (System.nanoTime() >= end) {
                return;
            }
            long t0 = System.nanoTime();
            boolean count = t0 >= counted;
            if (!inFlight.tryAcquire()) {
                if (count) {
                    skipped.incrementAndGet();
                }
                return;
            }
            Kind k = mix[(int) (n.getAndIncrement() % mix.length)];
            if (count) {
                sent.incrementAndGet();
            }
            http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("content-type", "application/json").header("authorization", "Bearer sk-soak-placeholder")
                    .POST(HttpRequest.BodyPublishers.ofString(k.body())).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        inFlight.release();
                        if (!count) {
                            return;
                        }
                        long us = (System.nanoTime() - t0) / 1000;
                        latencyBuckets.incrementAndGet(63 - Long.numberOfLeadingZeros(Math.max(1, us)));
                        if (e == null && r.statusCode() == k.status()) {
                            ok.incrementAndGet();
                        } else {
                            bad.incrementAndGet();
                        }
                    });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        long start = begin;
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(10_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            System.out.printf("soak-load: t=%ds sent=%d ok=%d bad=%d skipped=%d in-flight=%d%n",
                    (System.nanoTime() - start) / 1_000_000_000L, sent.get(), ok.get(), bad.get(), skipped.get(),
                    MAX_IN_FLIGHT - inFlight.availablePermits());
        }
        tick.shutdown();
        inFlight.tryAcquire(MAX_IN_FLIGHT, 60, TimeUnit.SECONDS); // let the last requests finish
        long total = ok.get() + bad.get();
        long[] b = new long[64];
        for (int i = 0; i < 64; i++) {
            b[i] = latencyBuckets.get(i);
        }
        System.out.printf("RESULT sent=%d ok=%d bad=%d skipped=%d rate=%.1f/s p50<=%dus p99<=%dus%n", sent.get(), ok.get(),
                bad.get(), skipped.get(), total / (double) seconds, 2L << quantile(b, 0.5), 2L << quantile(b, 0.99));
        // skipped ticks mean the answers came too slowly to hold the rate (a loaded machine): reported, not failed
        System.exit(bad.get() * 100 > Math.max(1, total) ? 1 : 0);
    }

    static int quantile(long[] buckets, double q) {
        long total = Arrays.stream(buckets).sum();
        long seen = 0;
        for (int i = 0; i < buckets.length; i++) {
            seen += buckets[i];
            if (seen >= q * total) {
                return i;
            }
        }
        return buckets.length - 1;
    }
}
