package dev.hush.detect.edm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code meta.json} of an EDM set says: its shape and build statistics. Column names are kept (they
 * name the fields a finding came from); cell values never are.
 *
 * @param format       on-disk format version
 * @param name         set name, the {@code NAME} of {@code EDM.NAME}
 * @param columns      indexed columns, in column-id order
 * @param unique       columns whose value alone identifies a record
 * @param minFields    fields of one record a prompt must hold (set at build time; config may override)
 * @param rows         data rows read
 * @param entries      (hash, row, column) entries stored
 * @param skippedCells cells left out (empty, too short, placeholders, too long)
 * @param repeatedUniqueValues values of unique columns that occur in more than one row
 * @param bucketBits   directory size is 2^bucketBits
 * @param prefixBits   size of the first-token filter is 2^prefixBits bits
 * @param maxTokens    most word tokens of an indexed value that holds a letter
 * @param maxKeyLength longest key indexed
 * @param keyCheck     check value of the hash key the set was built with
 * @param created      ISO-8601 build time
 * @param buildMillis  build time
 */
public record EdmSetMeta(int format, String name, List<String> columns, List<String> unique, int minFields,
        long rows, long entries, long skippedCells, long repeatedUniqueValues, int bucketBits, int prefixBits, int maxTokens,
        int maxKeyLength, String keyCheck, String created, long buildMillis) {

    public static final int FORMAT = 1;
    public static final String FILE = "meta.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static EdmSetMeta read(Path setDir) throws IOException {
        EdmSetMeta m = JSON.readValue(setDir.resolve(FILE).toFile(), EdmSetMeta.class);
        if (m.format() != FORMAT) {
            throw new IOException(setDir + ": EDM index format " + m.format() + " is not supported; rebuild it");
        }
        return m;
    }

    public void write(Path setDir) throws IOException {
        Files.write(setDir.resolve(FILE), JSON.writeValueAsBytes(this));
    }

    /** Bit mask of the unique columns by column id. */
    public int uniqueMask() {
        int mask = 0;
        for (String u : unique) {
            int i = columns.indexOf(u);
            if (i >= 0) {
                mask |= 1 << i;
            }
        }
        return mask;
    }
}
