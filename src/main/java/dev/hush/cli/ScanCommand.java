package dev.hush.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Finding;
import dev.hush.detect.MaskedPreview;
import dev.hush.detect.Scanner;
import dev.hush.detect.StartupTrace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hush scan [FILE|DIR|-]...}: exit 1 when anything is found, 0 when clean, 2 on error. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan files, directories (recursively, without .git) or standard input for secrets, PII and markers.",
            "Gzip files are read decompressed; binary files are skipped. Every finding names its file.",
            "Exit code: 0 clean, 1 findings, 2 error (an unreadable input; the others are still scanned). "
                + "Never prints a whole value."})
public final class ScanCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    enum Format { text, json, jsonl }

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Files or directories to scan, or - for standard input (default).")
    List<String> files = new ArrayList<>();

    @Option(names = "--format", description = "text, json, or jsonl (JSON Lines in, one result line out). Default: ${DEFAULT-VALUE}.")
    Format format = Format.text;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        StartupTrace t = StartupTrace.begin("config (hush.yaml)");
        HushConfig loaded = config.load();
        StartupTrace.end(t);
        t = StartupTrace.begin("scanner (every plug-in, joined)");
        Scanner scanner = ScannerFactory.build(loaded);
        StartupTrace.end(t);
        List<ScanInputs.Input> inputs = ScanInputs.expand(files);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        boolean found = false;
        boolean failed = false;
        int findingCount = 0;
        JsonGenerator doc = null;
        if (format == Format.json) {
            // one document for the whole run: {"file" (one input only), "files": [...], "findings": [... each with "file"]}
            doc = JSON.getFactory().createGenerator((OutputStream) out);
            doc.useDefaultPrettyPrinter();
            doc.writeStartObject();
            if (inputs.size() == 1) {
                doc.writeStringField("file", inputs.get(0).name());
            }
            doc.writeArrayFieldStart("files");
            for (ScanInputs.Input in : inputs) {
                doc.writeString(in.name());
            }
            doc.writeEndArray();
            doc.writeArrayFieldStart("findings");
        }
        for (ScanInputs.Input input : inputs) {
            InputStream in;
            try {
                in = ScanInputs.open(input, System.in);
            } catch (IOException e) {
                System.err.println("hush: " + input.name() + ": cannot read (" + e.getMessage() + ")");
                failed = true;
                continue;
            }
            if (in == null) {
                System.err.println("hush: " + input.name() + ": binary, skipped");
                continue;
            }
            try {
                if (format == Format.jsonl) {
                    found |= scanLines(scanner, in, out, input.name());
                } else {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    List<Finding> findings = scanner.scan(text);
                    findingCount += findings.size();
                    found |= !findings.isEmpty();
                    if (doc != null) {
                        writeFindingList(doc, findings, text, true, input.name());
                    } else {
                        printText(out, input.name(), text, findings);
                    }
                }
            } catch (IOException e) {
                System.err.println("hush: " + input.name() + ": cannot read (" + e.getMessage() + ")");
                failed = true;
            } finally {
                if (!input.stdin()) {
                    in.close();
                }
            }
        }
        if (doc != null) {
            doc.writeEndArray();
            doc.writeEndObject();
            doc.close();
            out.println();
        } else if (format == Format.text) {
            System.err.println(findingCount == 0 ? "hush: no findings"
                    : "hush: " + findingCount + " finding(s) in " + inputs.size() + " input(s)");
        }
        out.flush();
        return failed ? 2 : found ? 1 : 0;
    }

    private static void printText(PrintStream out, String name, String text, List<Finding> findings) {
        LineIndex lines = new LineIndex(text);
        for (Finding f : findings) {
            out.printf("%s:%d:%d  %-28s %-34s %s%n", name, lines.line(f.start()), lines.column(f.start()),
                    f.type(), f.rule(), MaskedPreview.of(text.substring(f.start(), f.end())));
        }
    }

    private boolean scanLines(Scanner scanner, InputStream in, PrintStream out, String name) throws Exception {
        // results leave in 64 KiB writes, not one flushed write per line (System.out flushes every write)
        java.io.BufferedOutputStream buffered = new java.io.BufferedOutputStream(out, 1 << 16);
        return new JsonlScan(JSON, scanner, Runtime.getRuntime().availableProcessors()).run(in, buffered, name);
    }

    static void writeFindings(JsonGenerator g, List<Finding> findings, String text, boolean preview)
            throws Exception {
        g.writeArrayFieldStart("findings");
        writeFindingList(g, findings, text, preview, null);
        g.writeEndArray();
    }

    private static void writeFindingList(JsonGenerator g, List<Finding> findings, String text, boolean preview,
            String file) throws IOException {
        for (Finding f : findings) {
            g.writeStartObject();
            if (file != null) {
                g.writeStringField("file", file);
            }
            g.writeNumberField("start", f.start());
            g.writeNumberField("end", f.end());
            g.writeStringField("type", f.type());
            g.writeStringField("rule", f.rule());
            g.writeNumberField("confidence", f.confidence());
            if (preview) {
                g.writeStringField("preview", MaskedPreview.of(text.substring(f.start(), f.end())));
            }
            g.writeEndObject();
        }
    }

    /** Line and column (1-based) of an offset: line starts found once, then a binary search per finding. */
    static final class LineIndex {
        private final int[] starts;

        LineIndex(String text) {
            int n = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    n++;
                }
            }
            starts = new int[n];
            int k = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[k++] = i + 1;
                }
            }
        }

        int line(int offset) {
            int i = Arrays.binarySearch(starts, offset);
            return i >= 0 ? i + 1 : -i - 1;
        }

        int column(int offset) {
            return offset - starts[line(offset) - 1] + 1;
        }
    }
}
