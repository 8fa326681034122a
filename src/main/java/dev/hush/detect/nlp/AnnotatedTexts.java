package dev.hush.detect.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;

/**
 * Human-annotated texts with person spans, in the {@code ner-train} JSON Lines layout
 * ({@code {"id": "<corpus>-<split>-<n>", "text": …, "spans": [{"start", "end"}]}}, UTF-16 offsets).
 * Training reads only the {@code train} splits; the {@code dev} splits are for reporting; anything
 * called {@code test} is never read by training.
 */
public final class AnnotatedTexts {
    /** Corpora the shipped model is trained on (English web/news/social, Spanish forms); see models/README.md. */
    public static final List<String> TRAIN_CORPORA = List.of("gum", "btc", "wnut17", "wikigold", "uner-en-ewt", "meddocan");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One text: its id, the text and its person spans as {start, end} character offsets. */
    public record Text(String id, String text, List<int[]> persons) {
        /** The corpus's own split: the second-to-last part of the id. */
        public String split() {
            String[] p = id.split("-");
            return p.length >= 3 ? p[p.length - 2] : "";
        }
    }

    private AnnotatedTexts() {
    }

    /** Reads {@code <corpus>.jsonl} from {@code dir}, keeping the texts whose split is in {@code splits}. */
    public static List<Text> read(Path dir, String corpus, Set<String> splits) throws IOException {
        if (splits.contains("test")) {
            throw new IllegalArgumentException("test splits are held out: never read them");
        }
        List<Text> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve(corpus + ".jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode rec = JSON.readTree(line);
                List<int[]> spans = new ArrayList<>();
                for (JsonNode s : rec.path("spans")) {
                    spans.add(new int[] {s.path("start").asInt(), s.path("end").asInt()});
                }
                Text t = new Text(rec.path("id").asText(), rec.path("text").asText(), spans);
                if (splits.contains(t.split())) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /**
     * The text cut into sentences ({@link Sentences}) as name-finder samples, tokenised with the
     * detector's tokenizer; a token belongs to a name when it overlaps a labelled span.
     */
    public static List<NameSample> samples(Text text) {
        Tokens t = Tokens.of(text.text());
        int[] cuts = Sentences.cuts(t);
        List<NameSample> out = new ArrayList<>();
        boolean first = true;
        for (int c = 0; c + 1 < cuts.length; c++) {
            int from = cuts[c];
            int to = cuts[c + 1];
            List<Span> spans = new ArrayList<>();
            int open = -1;
            int openEnd = -1;
            for (int k = from; k < to; k++) {
                int[] p = spanOf(text.persons(), t.start(k), t.end(k));
                if (p == null) {
                    if (open >= 0) {
                        spans.add(new Span(open - from, k - from, NameFinderModels.PERSON));
                        open = -1;
                    }
                    continue;
                }
                if (open >= 0 && p[1] != openEnd) {
                    spans.add(new Span(open - from, k - from, NameFinderModels.PERSON)); // a new, adjacent name
                    open = -1;
                }
                if (open < 0) {
                    open = k;
                    openEnd = p[1];
                }
            }
            if (open >= 0) {
                spans.add(new Span(open - from, to - from, NameFinderModels.PERSON));
            }
            out.add(new NameSample(t.texts(from, to), spans.toArray(new Span[0]), first));
            first = false;
        }
        return out;
    }

    private static int[] spanOf(List<int[]> persons, int start, int end) {
        for (int[] p : persons) {
            if (start < p[1] && p[0] < end) {
                return p;
            }
        }
        return null;
    }
}
