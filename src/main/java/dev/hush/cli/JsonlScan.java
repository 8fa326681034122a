package dev.hush.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code hush scan --format jsonl}: one result line per input record, in input order, with the records
 * parsed and scanned on every core. A bounded number of lines is in flight, so memory stays flat on any
 * input length; the first bad line stops the run with its line number, after the lines before it.
 */
final class JsonlScan {
    /** Lines in flight per core: enough to keep every core busy while the head line finishes. */
    private static final int IN_FLIGHT_PER_CORE = 16;

    private final ObjectMapper json;
    private final Scanner scanner;
    private final int threads;

    JsonlScan(ObjectMapper json, Scanner scanner, int threads) {
        this.json = json;
        this.scanner = scanner;
        this.threads = Math.max(1, threads);
    }

    private record Result(byte[] line, boolean found) {
    }

    /** Scans every record; returns true when any record had a finding. */
    boolean run(InputStream in, OutputStream out) throws Exception {
        return run(in, out, null);
    }

    /** As {@link #run(InputStream, OutputStream)}, each result naming its input file and line (when name is given). */
    boolean run(InputStream in, OutputStream out, String name) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hush-scan");
            t.setDaemon(true);
            return t;
        });
        boolean any = false;
        ArrayDeque<Future<Result>> inFlight = new ArrayDeque<>();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String record = line;
                int no = lineNo;
                inFlight.add(pool.submit(() -> scan(record, no, name)));
                if (inFlight.size() >= threads * IN_FLIGHT_PER_CORE) {
                    any |= write(inFlight.poll(), out);
                }
            }
            while (!inFlight.isEmpty()) {
                any |= write(inFlight.poll(), out);
            }
            out.flush();
            return any;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean write(Future<Result> f, OutputStream out) throws Exception {
        Result r;
        try {
            r = f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        out.write(r.line());
        return r.found();
    }

    private Result scan(String line, int lineNo, String name) throws Exception {
        String where = (name == null ? "" : name + ": ") + "line " + lineNo;
        JsonNode rec;
        try {
            rec = json.readTree(line);
        } catch (Exception e) {
            throw new IllegalArgumentException(where + ": not a JSON object");
        }
        JsonNode textNode = rec == null ? null : rec.get("text");
        if (textNode == null || !textNode.isTextual()) {
            throw new IllegalArgumentException(where + ": missing string field \"text\"");
        }
        String text = textNode.asText();
        List<Finding> findings = scanner.scan(text);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64 + findings.size() * 96);
        try (JsonGenerator g = json.getFactory().createGenerator(buf)) {
            g.writeStartObject();
            JsonNode id = rec.get("id");
            if (id != null) {
                g.writeFieldName("id");
                g.writeTree(id);
            }
            if (name != null) {
                g.writeStringField("file", name);
                g.writeNumberField("line", lineNo);
            }
            ScanCommand.writeFindings(g, findings, text, false);
            g.writeEndObject();
        }
        buf.write('\n');
        return new Result(buf.toByteArray(), !findings.isEmpty());
    }
}
