package dev.hush.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hush.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configuration loader on arbitrary bytes: it accepts the file or throws a {@link ConfigLoader.ConfigException}
 * naming the problem; nothing else escapes (no NullPointerException from a section set to null, no raw
 * Jackson exception).
 */
@org.junit.jupiter.api.Tag("fuzz")
class ConfigLoaderFuzzTest {
    private static Path file;

    private static synchronized Path file() throws Exception {
        if (file == null) {
            file = Files.createTempFile("hush-fuzz", ".yaml");
            file.toFile().deleteOnExit();
        }
        return file;
    }

    @FuzzTest(maxDuration = "5m")
    void loadAnyYaml(byte[] yaml) throws Exception {
        Path f = file();
        Files.write(f, yaml);
        try {
            ConfigLoader.load(f);
        } catch (ConfigLoader.ConfigException expected) {
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("a config error must say what is wrong");
            }
        }
    }
}
