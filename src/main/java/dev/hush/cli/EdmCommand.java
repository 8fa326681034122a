package dev.hush.cli;

import dev.hush.config.HashKeyFile;
import dev.hush.detect.SipHash;
import dev.hush.detect.edm.EdmIndexWriter;
import dev.hush.detect.edm.EdmSetMeta;
import dev.hush.detect.edm.EdmStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hush edm add|list|remove}: exact-data-match sets built from CSV exports. */
@Command(name = "edm", mixinStandardHelpOptions = true,
        description = {"Exact data match: index records of a CSV export so prompts holding values of one record are reported as EDM.<NAME>.",
            "Only keyed hashes of normalised values are stored, never the values."},
        subcommands = {EdmCommand.Add.class, EdmCommand.ListSets.class, EdmCommand.Remove.class})
public final class EdmCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static PrintStream out() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Build (or with --replace rebuild) an EDM set from a CSV file with a header row."})
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "Set name; findings are typed EDM.<NAME>.")
        String name;

        @Parameters(index = "1", paramLabel = "FILE.csv", description = "CSV export with a header row.")
        Path csv;

        @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Columns to index (default: all).")
        List<String> columns = new ArrayList<>();

        @Option(names = "--unique", split = ",", paramLabel = "COL",
                description = "Columns whose value alone identifies a record (account numbers).")
        List<String> unique = new ArrayList<>();

        @Option(names = "--min-fields", paramLabel = "N", description = "Fields of one record a prompt must hold. Default: ${DEFAULT-VALUE}.")
        int minFields = 2;

        @Option(names = "--delimiter", paramLabel = "C", description = "Field delimiter. Default: ','.")
        char delimiter = ',';

        @Option(names = "--replace", description = "Rebuild an existing set.")
        boolean replace;

        @Mixin
        DataDirOption data;

        @Override
        public Integer call() throws Exception {
            if (minFields < 1 || minFields > 32) {
                throw new IllegalArgumentException("--min-fields must be between 1 and 32");
            }
            if (!Files.isRegularFile(csv)) {
                throw new IllegalArgumentException(csv + ": no such file");
            }
            Path dir = data.resolve();
            byte[] key = data.hashKey();
            EdmStore store = new EdmStore(dir);
            EdmSetMeta m = store.add(csv, new EdmIndexWriter.Options(name, columns, unique, minFields, delimiter),
                    new SipHash(HashKeyFile.derive(key, EdmStore.KEY_PURPOSE)), HashKeyFile.checkValue(key), replace);
            PrintStream out = out();
            out.printf(Locale.ROOT, "edm set '%s': %d rows, columns %s%s, %d entries, %d cells skipped, index %s, built in %.1f s%n",
                    m.name(), m.rows(), m.columns(), m.unique().isEmpty() ? "" : " (unique: " + m.unique() + ")",
                    m.entries(), m.skippedCells(), megabytes(store.size(m.name())), m.buildMillis() / 1000.0);
            if (m.repeatedUniqueValues() > 0) {
                System.err.printf(Locale.ROOT, "hush: warning: %d values of unique columns occur in more than one row%n",
                        m.repeatedUniqueValues());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the EDM sets.")
    static final class ListSets implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Override
        public Integer call() throws Exception {
            EdmStore store = new EdmStore(data.resolve());
            PrintStream out = out();
            List<EdmSetMeta> sets = store.list();
            if (sets.isEmpty()) {
                System.err.println("hush: no EDM sets in " + store.root());
            }
            for (EdmSetMeta m : sets) {
                out.printf(Locale.ROOT, "%-20s %10d rows  min-fields %d  columns %s%s  %s  %s%n", m.name(), m.rows(),
                        m.minFields(), m.columns(), m.unique().isEmpty() ? "" : " unique " + m.unique(),
                        megabytes(store.size(m.name())), m.created());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete an EDM set.")
    static final class Remove extends RemoveSetCommand {
        @Override
        String kind() {
            return "EDM set";
        }

        @Override
        boolean remove(Path dataDir, String name) throws java.io.IOException {
            return new EdmStore(dataDir).remove(name);
        }
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
