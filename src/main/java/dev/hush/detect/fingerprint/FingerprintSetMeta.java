package dev.hush.detect.fingerprint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code meta.json} of a fingerprint set: its documents (by file name, the only thing a finding tells about
 * them) and the shingling parameters, which must match the detector's.
 */
public record FingerprintSetMeta(int format, String name, int k, int window, String keyCheck, String created,
        List<Document> documents) {

    public static final int FORMAT = 1;
    public static final String FILE = "meta.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One registered document: its name, its size in words, its stored fingerprints. */
    public record Document(String name, int words, int fingerprints, String added) {
    }

    public static FingerprintSetMeta read(Path dir) throws IOException {
        FingerprintSetMeta m = JSON.readValue(dir.resolve(FILE).toFile(), FingerprintSetMeta.class);
        if (m.format() != FORMAT || m.k() != Shingles.K || m.window() != Shingles.WINDOW) {
            throw new IOException(dir + ": fingerprint set made with other parameters; add its documents again");
        }
        return m;
    }

    public void write(Path dir) throws IOException {
        Files.write(dir.resolve(FILE), JSON.writeValueAsBytes(this));
    }
}
