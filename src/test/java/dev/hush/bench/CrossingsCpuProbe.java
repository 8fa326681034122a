package dev.hush.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Finding;
import dev.hush.detect.ScanContext;
import dev.hush.detect.Scanner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Thread CPU time of split-value detection ({@link Scanner#crossings}) beside the texts' own scans, with every
 * detector on, and the characters of the windows it hands to the detectors:
 * (1) bench/chat-4k.json made unique per request (the proxy's "unique" load: nothing cached);
 * (2) a chat of 200 short messages sent turn by turn, windows memoised as the scan cache does, own scans
 * cached, so a turn costs only what is new.
 *
 * <pre>bench/scanner.sh writes target/bench.cp; then
 * java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.bench.CrossingsCpuProbe [requests]</pre>
 */
public final class CrossingsCpuProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private CrossingsCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Scanner scanner = ScannerFactory.build(new HushConfig());
        JsonNode chat = new ObjectMapper().readTree(Files.readString(Path.of("bench/chat-4k.json")));
        String system = chat.path("messages").get(0).path("content").asText();
        String user = chat.path("messages").get(1).path("content").asText();
        long[] own = new long[requests];
        long[] cross = new long[requests];
        long[] chars = new long[1];
        Scanner.WindowScans counting = (window, scan) -> {
            chars[0] += window.length();
            return scan.apply(window);
        };
        for (int warm = 0; warm < 2; warm++) {
            chars[0] = 0;
            for (int i = 0; i < requests; i++) {
                List<String> parts = List.of(system, "Request " + (warm * requests + i) + ". " + user);
                long c0 = CPU.getCurrentThreadCpuTime();
                List<List<Finding>> o = List.of(scanner.scan(parts.get(0)), scanner.scan(parts.get(1)));
                long c1 = CPU.getCurrentThreadCpuTime();
                scanner.crossings(parts, o, ScanContext.unbounded(), counting);
                long c2 = CPU.getCurrentThreadCpuTime();
                own[i] = c1 - c0;
                cross[i] = c2 - c1;
            }
        }
        System.out.printf(Locale.ROOT, "chat-4k unique (%d requests, %d + %d chars): own scans p50 %.0f us, crossings p50 %.0f us"
                + " (%.2f x own), window chars %d per request%n", requests, system.length(), user.length() + 14,
                median(own) / 1e3, median(cross) / 1e3, median(cross) / (double) median(own), chars[0] / requests);

        // a growing conversation: each turn resends every earlier message and adds one
        Map<String, List<Finding>> windows = new HashMap<>();
        Map<String, List<Finding>> texts = new HashMap<>();
        Scanner.WindowScans memo = (window, scan) -> windows.computeIfAbsent(window, w -> {
            chars[0] += w.length();
            return List.copyOf(scan.apply(w));
        });
        List<String> conversation = new ArrayList<>();
        int turns = 200;
        long[] turnCross = new long[turns];
        long[] turnChars = new long[turns];
        for (int t = 0; t < turns; t++) {
            conversation.add("Turn " + t + ": please check the renewal for account NW-" + (1000 + t) + " and reply today.");
            List<List<Finding>> o = new ArrayList<>();
            for (String m : conversation) {
                o.add(texts.computeIfAbsent(m, scanner::scan));
            }
            chars[0] = 0;
            long c0 = CPU.getCurrentThreadCpuTime();
            scanner.crossings(conversation, o, ScanContext.unbounded(), memo);
            turnCross[t] = CPU.getCurrentThreadCpuTime() - c0;
            turnChars[t] = chars[0];
        }
        int total = conversation.stream().mapToInt(String::length).sum();
        long[] last = Arrays.copyOfRange(turnCross, turns - 50, turns);
        long[] lastChars = Arrays.copyOfRange(turnChars, turns - 50, turns);
        System.out.printf(Locale.ROOT, "chat of %d turns (%d chars at the end): crossings p50 of the last 50 turns %.0f us,"
                + " window chars scanned per turn p50 %d, max %d%n", turns, total, median(last) / 1e3, median(lastChars),
                Arrays.stream(lastChars).max().orElse(0));
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
