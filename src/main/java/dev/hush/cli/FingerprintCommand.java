package dev.hush.cli;

import dev.hush.config.HashKeyFile;
import dev.hush.detect.SipHash;
import dev.hush.detect.fingerprint.FingerprintSetMeta;
import dev.hush.detect.fingerprint.FingerprintStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hush fingerprint add|list|remove}: confidential documents recognised in prompts. */
@Command(name = "fingerprint", mixinStandardHelpOptions = true,
        description = {"Document fingerprints: register confidential documents so prompts that paste them (whole, in part or reformatted) are reported as CONFIDENTIAL.DOCUMENT.",
            "Only winnowed keyed hashes of word shingles are stored, never text."},
        subcommands = {FingerprintCommand.Add.class, FingerprintCommand.ListSets.class, FingerprintCommand.Remove.class})
public final class FingerprintCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add documents to a fingerprint set (made when missing); a document of the same file name is replaced.",
                "Text, markdown and code as UTF-8; .docx .pptx .xlsx .odt .odp .ods .html .pdf through their text."})
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "Set name; rules read fingerprint:<NAME>/<file name>.")
        String name;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Documents to register.")
        List<Path> files;

        @Mixin
        DataDirOption data;

        @Override
        public Integer call() throws Exception {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new IllegalArgumentException(f + ": no such file");
                }
            }
            Path dir = data.resolve();
            byte[] key = data.hashKey();
            FingerprintSetMeta m = new FingerprintStore(dir).add(name, files,
                    new SipHash(HashKeyFile.derive(key, FingerprintStore.KEY_PURPOSE)), HashKeyFile.checkValue(key));
            PrintStream out = EdmCommand.out();
            out.printf(Locale.ROOT, "fingerprint set '%s': %d document(s)%n", m.name(), m.documents().size());
            for (FingerprintSetMeta.Document d : m.documents()) {
                out.printf(Locale.ROOT, "  %-40s %8d words %7d fingerprints%n", d.name(), d.words(), d.fingerprints());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List fingerprint sets and their documents.")
    static final class ListSets implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Override
        public Integer call() throws Exception {
            FingerprintStore store = new FingerprintStore(data.resolve());
            List<FingerprintSetMeta> sets = store.list();
            if (sets.isEmpty()) {
                System.err.println("hush: no fingerprint sets in " + store.root());
            }
            PrintStream out = EdmCommand.out();
            for (FingerprintSetMeta m : sets) {
                out.printf(Locale.ROOT, "%s: %d document(s), updated %s%n", m.name(), m.documents().size(), m.created());
                for (FingerprintSetMeta.Document d : m.documents()) {
                    out.printf(Locale.ROOT, "  %-40s %8d words %7d fingerprints  %s%n", d.name(), d.words(), d.fingerprints(), d.added());
                }
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete a fingerprint set.")
    static final class Remove extends RemoveSetCommand {
        @Override
        String kind() {
            return "fingerprint set";
        }

        @Override
        boolean remove(Path dataDir, String name) throws java.io.IOException {
            return new FingerprintStore(dataDir).remove(name);
        }
    }
}
