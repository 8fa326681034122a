package dev.hush.detect.edm;

import dev.hush.config.EdmSettings;
import dev.hush.config.HashKeyFile;
import dev.hush.detect.Detector;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import dev.hush.detect.SipHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small customer CSV with one common value (the city) and helpers to build and scan it. */
final class EdmTestData {
    static final String HEADER = "id,name,email,phone,account,city\n";

    private EdmTestData() {
    }

    static Path customers(Path dir) throws IOException {
        StringBuilder b = new StringBuilder(HEADER);
        b.append("1,John Smith,john.smith@example.com,+1 (555) 123-4567,ACC-0012-3456,Springfield\n");
        b.append("2,Maria Garcia,maria.g@example.org,020 7946 0958,ACC-0098-7654,Springfield\n");
        b.append("3,\"O'Brien, Liam\",liam@obrien.example,+353 1 234 5678,ACC-0055-1212,Dublin\n");
        for (int i = 4; i < 200; i++) {
            b.append(i).append(",Person Number").append(i).append(",p").append(i).append("@example.net,,ACC-9")
                    .append(String.format("%03d", i)).append("-0000,Springfield\n");
        }
        Path csv = dir.resolve("customers.csv");
        Files.writeString(csv, b);
        return csv;
    }

    static EdmSetMeta build(Path dataDir, Path csv, String name, List<String> columns, List<String> unique, int minFields)
            throws IOException {
        byte[] key = HashKeyFile.loadOrCreate(dataDir);
        return new EdmStore(dataDir).add(csv, new EdmIndexWriter.Options(name, columns, unique, minFields, ','),
                new SipHash(HashKeyFile.derive(key, EdmStore.KEY_PURPOSE)), HashKeyFile.checkValue(key), true);
    }

    static Scanner scanner(Path dataDir, EdmSettings settings) throws IOException {
        List<Detector> d = EdmPlugin.create(dataDir, settings);
        return new Scanner(d, "test");
    }

    static List<Finding> scan(Scanner s, String text) {
        return s.scan(text);
    }
}
