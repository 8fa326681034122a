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
