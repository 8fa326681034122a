package dev.hush.bench;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code text} field of every line of a labelled JSON Lines file (the dev corpus, a peer suite), in order. */
public final class JsonlTexts {
    private JsonlTexts() {
    }

    public static List<String> read(Path jsonl) throws IOException {
        List<String> texts = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    texts.add(json.readTree(line).path("text").asText());
                }
            }
        }
        return texts;
    }

    /** Total chars of {@code texts}. */
    public static long chars(List<String> texts) {
        long n = 0;
        for (String t : texts) {
            n += t.length();
        }
        return n;
    }
}
