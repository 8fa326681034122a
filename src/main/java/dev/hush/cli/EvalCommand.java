package dev.hush.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Scanner;
import dev.hush.report.CorpusEvaluation;
import dev.hush.report.NameDevEvaluation;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hush eval --corpus FILE}: recall, precision and F1 per family against a labeled corpus. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score the detectors against a labeled JSON Lines corpus.",
            "Span-labeled records (\"spans\") are scored per family: a secret is caught when SECRET findings",
            "cover >= 90%% of it, any other value when its family covers >= 50%%; a finding overlapping no label",
            "of its family is a false positive. Case-labeled records (\"expect\": secret|clean, the gitleaks",
            "and Nosey Parker peer suites) are scored per case; a clean case that another peer rule reports or",
            "lists as a positive is no false alarm, and Nosey Parker's np.assets ruleset (identifiers) is skipped."})
public final class EvalCommand implements Callable<Integer> {
    enum Format { text, json }

    @Option(names = "--corpus", paramLabel = "FILE", description = "Labeled JSON Lines corpus.")
    Path corpus;

    @Option(names = "--ner-dev", paramLabel = "DIR", description = {"Instead of --corpus: person names on the dev splits",
        "of the annotated corpora in DIR (../shared/ner-train): P, R, F1, person-free texts flagged;",
        "--errors N lists misses and false findings by id and offsets."})
    Path nerDev;

    @Option(names = "--format", description = "text or json. Default: ${DEFAULT-VALUE}.")
    Format format = Format.text;

    @Option(names = "--errors", paramLabel = "N", description = "Print up to N missed and false findings (ids and types only).")
    int errors = 0;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        if ((corpus == null) == (nerDev == null)) {
            System.err.println("hush eval: give exactly one of --corpus FILE or --ner-dev DIR");
            return 2;
        }
        Scanner scanner = ScannerFactory.build(config.load());
        if (nerDev != null) {
            List<String> errs = errors > 0 ? new ArrayList<>() : null;
            Map<String, NameDevEvaluation.Score> scores = NameDevEvaluation.run(scanner, nerDev, errs);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(NameDevEvaluation.toText(scores));
            if (errs != null) {
                errs.stream().limit(errors).forEach(out::println);
            }
            return 0;
        }
        CorpusEvaluation.Result result = CorpusEvaluation.run(scanner, corpus);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (format == Format.json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            m.writeValue(out, result.toJson());
            out.println();
        } else {
            out.print(result.toText());
            if (errors > 0) {
                int n = 0;
                for (Map.Entry<String, String> e : result.errors()) {
                    if (n++ >= errors) {
                        break;
                    }
                    out.println(e.getKey() + "  " + e.getValue());
                }
            }
        }
        return 0;
    }
}
