package dev.hush.detect.fingerprint;

import dev.hush.config.FingerprintSettings;
import dev.hush.config.HashKeyFile;
import dev.hush.detect.Scanner;
import dev.hush.detect.SipHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fingerprint benchmark (not a unit test): registers D synthetic documents of W words, then times 4 KiB
 * prompts (half of them holding a 150-word paste). Run with the test classpath:
 * {@code java -cp ... dev.hush.detect.fingerprint.FingerprintBenchmark 1000 5000 /tmp/fp-bench}
 */
public final class FingerprintBenchmark {
    private FingerprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int words = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Path dir = Path.of(args.length > 2 ? args[2] : "/tmp/fp-bench");
        Files.createDirectories(dir);
        String[] vocab = new String[20000];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < vocab.length; i++) {
            vocab[i] = Long.toString(r.nextLong(36L * 36 * 36 * 36 * 36), 36);
        }
        List<Path> files = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            StringBuilder b = new StringBuilder();
            for (int w = 0; w < words; w++) {
                // Zipf-like: common words often, rare words seldom
                b.append(vocab[(int) Math.min(vocab.length - 1, Math.abs(r.nextGaussian()) * 2000)]).append(w % 15 == 14 ? ".\n" : " ");
            }
            Path f = dir.resolve("doc" + d + ".txt");
            Files.writeString(f, b);
            files.add(f);
            texts.add(b.toString());
        }
        Path data = dir.resolve("data");
        byte[] key = HashKeyFile.loadOrCreate(data);
        long t0 = System.nanoTime();
        new FingerprintStore(data).add("bench", files, new SipHash(HashKeyFile.derive(key, FingerprintStore.KEY_PURPOSE)),
                HashKeyFile.checkValue(key));
        double addS = (System.nanoTime() - t0) / 1e9;
        long bytes = Files.size(data.resolve("fingerprints/bench/fingerprints.bin"));
        t0 = System.nanoTime();
        DocumentFingerprintDetector det = FingerprintPlugin.create(data, new FingerprintSettings());
        double loadMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf(Locale.ROOT, "%d documents x %d words: add %.1f s, %.1f MB on disk, load %.0f ms%n",
                docs, words, addS, bytes / 1e6, loadMs);
        Scanner scanner = new Scanner(List.of(det), "bench");
        int n = 2000;
        String[] prompts = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            while (b.length() < 4096) {
                b.append(vocab[r.nextInt(vocab.length)]).append(' ');
                if (i % 2 == 0 && b.length() > 1000 && b.length() < 1010) {
                    String t = texts.get(r.nextInt(texts.size()));
                    int at = t.indexOf(' ', r.nextInt(t.length() / 2));
                    b.append(t, at, Math.min(t.length(), at + 900)).append(' ');
                }
            }
            prompts[i] = b.toString();
        }
        System.out.println("prompts (4 KiB): " + dev.hush.bench.PromptProbe.run(scanner, prompts));
    }
}
