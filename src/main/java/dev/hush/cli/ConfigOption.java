package dev.hush.cli;

import dev.hush.config.ConfigLoader;
import dev.hush.config.HushConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --config FILE} option; without it, {@code config/hush.yaml} when present, else defaults. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (default: config/hush.yaml if present).")
    Path file;

    public HushConfig load() throws ConfigLoader.ConfigException {
        if (file != null) {
            return ConfigLoader.load(file);
        }
        Path dflt = Path.of("config", "hush.yaml");
        return Files.isRegularFile(dflt) ? ConfigLoader.load(dflt) : ConfigLoader.defaults();
    }

    public Path file() {
        return file;
    }
}
