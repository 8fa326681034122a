package dev.hush.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hush <edm|fingerprint> remove NAME}: the same for every kind of named set in the data dir. */
abstract class RemoveSetCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Mixin
    DataDirOption data;

    /** What a set is called in messages, e.g. {@code EDM set}. */
    abstract String kind();

    /** Removes the set; false when there is none of that name. */
    abstract boolean remove(Path dataDir, String name) throws IOException;

    @Override
    public Integer call() throws Exception {
        if (!remove(data.resolve(), name)) {
            throw new IllegalArgumentException("no " + kind() + " '" + name + "'");
        }
        EdmCommand.out().println("removed " + kind() + " '" + name + "'");
        return 0;
    }
}
