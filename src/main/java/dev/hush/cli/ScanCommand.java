package dev.hush.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Finding;
import dev.hush.detect.MaskedPreview;
import dev.hush.detect.Scanner;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hush scan [FILE|-]}: exit 1 when anything is found, 0 when clean, 2 on error. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Scan a file or standard input for secrets, PII and markers.",
            "Exit code: 0 clean, 1 findings, 2 error. Never prints a whole value."})
public final class ScanCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    enum Format { text, json, jsonl }

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "File to scan, or - for standard input (default).")
    String file = "-";

    @Option(names = "--format", description = "text, json, or jsonl (JSON Lines in, one result line out). Default: ${DEFAULT-VALUE}.")
    Format format = Format.text;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        Scanner scanner = ScannerFactory.build(config.load());
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            boolean found = format == Format.jsonl ? scanLines(scanner, in, out) : scanWhole(scanner, in, out);
            out.flush();
            return found ? 1 : 0;
        }
    }

    private boolean scanWhole(Scanner scanner, InputStream in, PrintStream out) throws Exception {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        List<Finding> findings = scanner.scan(text);
        if (format == Format.json) {
            try (JsonGenerator g = JSON.getFactory().createGenerator((OutputStream) out)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("file", file);
                writeFindings(g, findings, text, true);
                g.writeEndObject();
            }
            out.println();
        } else {
            LineIndex lines = new LineIndex(text);
            for (Finding f : findings) {
                out.printf("%s:%d:%d  %-28s %-34s %s%n", "-".equals(file) ? "<stdin>" : file,
                        lines.line(f.start()), lines.column(f.start()), f.type(), f.rule(),
                        MaskedPreview.of(text.substring(f.start(), f.end())));
            }
            if (findings.isEmpty()) {
                System.err.println("hush: no findings");
            } else {
                System.err.println("hush: " + findings.size() + " finding(s)");
            }
        }
        return !findings.isEmpty();
    }

    private boolean scanLines(Scanner scanner, InputStream in, PrintStream out) throws Exception {
        return new JsonlScan(JSON, scanner, Runtime.getRuntime().availableProcessors()).run(in, out);
    }

    static void writeFindings(JsonGenerator g, List<Finding> findings, String text, boolean preview)
            throws Exception {
        g.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            g.writeStartObject();
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
        g.writeEndArray();
    }

    /** Line and column (1-based) of an offset. */
    static final class LineIndex {
        private final String text;

        LineIndex(String text) {
            this.text = text;
        }

        int line(int offset) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        int column(int offset) {
            int nl = text.lastIndexOf('\n', offset - 1);
            return offset - nl;
        }
    }
}
