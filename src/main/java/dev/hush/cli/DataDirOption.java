package dev.hush.cli;

import dev.hush.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --data-dir DIR}, else the configuration's {@code dataDir}. */
public final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: dataDir of the configuration).")
    Path dir;

    @Mixin
    ConfigOption config;

    public Path resolve() throws ConfigLoader.ConfigException {
        return dir != null ? dir : Path.of(config.load().dataDir);
    }

    /** The hash key: the configuration's {@code hashKey} when set, else the data dir's file (made when absent). */
    public byte[] hashKey() throws ConfigLoader.ConfigException, java.io.IOException {
        return dev.hush.config.HashKeyFile.loadOrCreate(config.load(), resolve());
    }
}
