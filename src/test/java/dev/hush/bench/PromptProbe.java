package dev.hush.bench;

import dev.hush.detect.Scanner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times a scanner over hand-built prompts for the benchmark tools run by hand (EDM scale, fingerprints):
 * even-numbered prompts are the planted positives, odd ones the decoys. Warms up first, then reports wall
 * and thread-CPU medians and p99 with how many positives were found and decoys flagged.
 */
public final class PromptProbe {
    private PromptProbe() {
    }

    public static String run(Scanner scanner, String[] prompts) {
        int n = prompts.length;
        for (int rep = 0; rep < 3; rep++) {
            for (String p : prompts) {
                scanner.scan(p);
            }
        }
        long[] ns = new long[n];
        long[] cpu = new long[n];
        int found = 0;
        int flagged = 0;
        ThreadMXBean tmx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            long c0 = tmx.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            boolean hit = !scanner.scan(prompts[i]).isEmpty();
            ns[i] = System.nanoTime() - s;
            cpu[i] = tmx.getCurrentThreadCpuTime() - c0;
            if (hit && i % 2 == 0) {
                found++;
            } else if (hit) {
                flagged++;
            }
        }
        Arrays.sort(ns);
        Arrays.sort(cpu);
        return String.format(Locale.ROOT,
                "wall p50 %.1f us, p99 %.1f us; thread CPU p50 %.1f us, p99 %.1f us; positives found %d/%d, decoys flagged %d/%d",
                ns[n / 2] / 1e3, ns[(int) (n * 0.99)] / 1e3, cpu[n / 2] / 1e3, cpu[(int) (n * 0.99)] / 1e3,
                found, (n + 1) / 2, flagged, n / 2);
    }
}
