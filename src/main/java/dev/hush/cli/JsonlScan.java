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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code hush scan --format jsonl}: one result line per input record, in input order, with the records
 * parsed and scanned on every core. A bounded number of lines is in flight, so memory stays flat on any
 * input length; the first bad line stops the run with its line number, after the lines before it.
 */
final class JsonlScan {
    /** Lines in flight per core: enough to keep every core busy while the head line finishes. */
    private static final int IN_FLIGHT_PER_CORE = 16;
    /**
     * While the whole scanner is still being built, lines scanned ahead by the early one wait for it: up to this
     * many lines, and {@link #EARLY_CHARS} chars, so memory stays bounded.
     */
    private static final int EARLY_LINES = 4096;
    private static final long EARLY_CHARS = 1L << 25;

    private final ObjectMapper json;
    private final Scanner early;
    private final CompletableFuture<Scanner> whole;
    private final int threads;

    JsonlScan(ObjectMapper json, Scanner scanner, int threads) {
        this(json, scanner, CompletableFuture.completedFuture(scanner), threads);
    }

    /**
     * Scans with {@code whole}; until it is built, each line's first step runs on {@code early} (every detector
     * but the slowest plug-in's) and is finished once {@code whole} is there ({@link Scanner#finish}), so the
     * cores scan while the name model loads. Results still leave in input order, and are the same.
     */
    JsonlScan(ObjectMapper json, Scanner early, CompletableFuture<Scanner> whole, int threads) {
        this.json = json;
        this.early = early;
        this.whole = whole;
        this.threads = Math.max(1, threads);
    }

    private record Result(byte[] line, boolean found) {
    }

    /** A parsed record and, when it was scanned before the whole scanner was built, its first step. */
    private record Scanned(JsonNode rec, String text, int lineNo, List<Finding> findings, Scanner.Pending pending) {
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
        ArrayDeque<CompletableFuture<Result>> inFlight = new ArrayDeque<>();
        ArrayDeque<Integer> lengths = new ArrayDeque<>();
        long chars = 0;
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
                inFlight.add(CompletableFuture.supplyAsync(() -> firstStep(record, no, name), pool)
                        .thenCombineAsync(whole, (scanned, scanner) -> result(scanned, scanner, name), pool));
                lengths.add(line.length());
                chars += line.length();
                while (inFlight.size() >= threads * IN_FLIGHT_PER_CORE && (whole.isDone()
                        || inFlight.size() >= EARLY_LINES || chars >= EARLY_CHARS)) {
                    chars -= lengths.poll();
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

    private static boolean write(CompletableFuture<Result> f, OutputStream out) throws Exception {
        Result r = await(f);
        out.write(r.line());
        return r.found();
    }

    /** The future's value, or the failure it completed with, as it was thrown. */
    static <T> T await(java.util.concurrent.Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            throw cause instanceof Exception ex ? ex : e;
        }
    }

    /** Parses the record and scans it: with the whole scanner when it is built, else the early one's first step. */
    private Scanned firstStep(String line, int lineNo, String name) {
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
        Scanner done = whole.getNow(null);
        if (done != null) {
            return new Scanned(rec, text, lineNo, done.scan(text), null);
        }
        return new Scanned(rec, text, lineNo, null, early.scanPending(text));
    }

    private Result result(Scanned scanned, Scanner scanner, String name) {
        List<Finding> findings = scanned.findings();
        if (findings == null) {
            // the whole scanner is the early one plus the name detectors: finish; anything else: scan again
            findings = scanner.extendsWithMainViewOnly(early) ? scanner.finish(scanned.pending(), early)
                    : scanner.scan(scanned.text());
        }
        try {
            return render(scanned.rec(), scanned.text(), scanned.lineNo(), findings, name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Result render(JsonNode rec, String text, int lineNo, List<Finding> findings, String name)
            throws java.io.IOException {
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
