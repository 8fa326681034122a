package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanText;
import dev.hush.detect.Scanner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class JsonlScanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reports every "KEY" and records which threads scanned. */
    private static final class Keys implements Detector {
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public String id() {
            return "keys";
        }

        @Override
        public void detect(ScanText text, FindingSink sink) {
            threads.add(Thread.currentThread().getName() + Thread.currentThread().getId());
            String t = text.normalized();
            for (int i = t.indexOf("KEY"); i >= 0; i = t.indexOf("KEY", i + 1)) {
                sink.add(i, i + 3, "SECRET.TEST", "keys", 0.9);
            }
        }
    }

    @Test
    void manyLinesComeOutInInputOrderScannedOnSeveralThreads() throws Exception {
        StringBuilder in = new StringBuilder();
        int lines = 5000;
        for (int i = 0; i < lines; i++) {
            // uneven line lengths so later lines often finish first
            in.append("{\"id\":").append(i).append(",\"text\":\"").append("x".repeat((i * 7919) % 3000))
                    .append(i % 3 == 0 ? "KEY" : "").append("\"}\n");
            if (i % 100 == 0) {
                in.append("\n");
            }
        }
        Keys keys = new Keys();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean any = new JsonlScan(JSON, new Scanner(List.of(keys), "t"), 4)
                .run(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), out);
        assertTrue(any);
        String[] outLines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(lines, outLines.length);
        for (int i = 0; i < lines; i++) {
            JsonNode n = JSON.readTree(outLines[i]);
            assertEquals(i, n.get("id").asInt());
            assertEquals(i % 3 == 0 ? 1 : 0, n.get("findings").size(), "line " + i);
        }
        assertTrue(keys.threads.size() > 1, "scanned on " + keys.threads);
    }

    /** Finds nothing; completes {@code whole} on its {@code after}-th text, so the lines before it are scanned early. */
    private static final class Trigger implements Detector {
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CompletableFuture<Scanner> whole;
        Scanner full;
        int after;

        @Override
        public String id() {
            return "trigger";
        }

        @Override
        public void detect(ScanText text, FindingSink sink) {
            if (calls.incrementAndGet() == after) {
                whole.complete(full);
            }
        }
    }

    @Test
    void linesScannedBeforeTheNameModelIsBuiltGiveTheSameResults() throws Exception {
        Scanner built = dev.hush.config.ScannerFactory.build(new dev.hush.config.HushConfig());
        List<Detector> all = built.detectors();
        assertEquals("pii.person", all.get(all.size() - 1).id(), "person names come last in plug-in order");
        Trigger trigger = new Trigger();
        List<Detector> early = new java.util.ArrayList<>(List.of(trigger));
        early.addAll(all.subList(0, all.size() - 1));
        List<Detector> every = new java.util.ArrayList<>(List.of(trigger));
        every.addAll(all);
        Scanner earlyScanner = new Scanner(early, "early");
        trigger.full = new Scanner(every, "whole");
        trigger.whole = new java.util.concurrent.CompletableFuture<>();
        trigger.after = 150;
        String in = generatedLines(new java.util.Random(5), 400);

        ByteArrayOutputStream staged = new ByteArrayOutputStream();
        new JsonlScan(JSON, earlyScanner, trigger.whole, 2)
                .run(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), staged);
        ByteArrayOutputStream direct = new ByteArrayOutputStream();
        new JsonlScan(JSON, trigger.full, 2).run(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), direct);

        String got = staged.toString(StandardCharsets.UTF_8);
        assertEquals(direct.toString(StandardCharsets.UTF_8), got);
        assertEquals(400, got.split("\n").length);
        assertTrue(got.contains("PII.PERSON") && got.contains("PII.EMAIL"), "findings of both steps are there");
        assertTrue(trigger.calls.get() > 2 * 400, "both runs scanned every line: " + trigger.calls.get());
    }

    /** Lines of fresh people, addresses and numbers, some spaced out or base64-encoded (decoded views). */
    private static String generatedLines(java.util.Random r, int lines) {
        String[] first = {"Maren", "Oskar", "Ilse", "Teodor", "Ayla", "Ruben", "Sanna", "Mateo"};
        String[] last = {"Lindqvist", "Barros", "Okafor", "Hartmann", "Novak", "Ferreira", "Kowal", "Brandt"};
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String f = first[r.nextInt(first.length)];
            String l = last[r.nextInt(last.length)];
            String mail = f.toLowerCase() + "." + l.toLowerCase() + r.nextInt(100) + "@example.net";
            String text = switch (i % 4) {
                case 0 -> "Please ask " + f + " " + l + " (" + mail + ") about the invoice.";
                case 1 -> "Meeting notes: " + f + " " + l + " will call +44 20 7946 0" + (100 + r.nextInt(900)) + ".";
                case 2 -> "payload " + java.util.Base64.getEncoder().encodeToString(
                        ("contact " + mail).getBytes(StandardCharsets.UTF_8)) + " from " + f + " " + l;
                default -> "spaced: " + String.join(" ", mail.split("")) + " signed " + f + " " + l;
            };
            in.append("{\"id\":").append(i).append(",\"text\":").append(quoted(text)).append("}\n");
        }
        return in.toString();
    }

    private static String quoted(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBadLineStopsTheRunWithItsNumberAfterTheLinesBeforeIt() {
        String in = "{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"b\"}\nnot json\n{\"id\":4,\"text\":\"KEY\"}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JsonlScan(JSON,
                new Scanner(List.of(new Keys()), "t"), 3).run(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)), out));
        assertEquals("line 3: not a JSON object", e.getMessage());
        String written = out.toString(StandardCharsets.UTF_8);
        assertEquals(2, written.split("\n").length);
        assertFalse(written.contains("\"id\":4"));
    }
}
