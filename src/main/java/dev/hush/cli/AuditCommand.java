package dev.hush.cli;

import dev.hush.audit.AuditFiles;
import dev.hush.audit.AuditJoin;
import dev.hush.audit.AuditVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hush audit verify|tail}: check the hash chain, or show the latest records. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Inspect the hash-chained audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Tail.class})
public final class AuditCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The audit folder: {@code --audit-dir}, else {@code audit.dir} from the configuration. */
    static final class AuditDirOption {
        @Option(names = "--audit-dir", paramLabel = "DIR", description = "Audit folder (default: audit.dir from the config, data/audit).")
        Path dir;

        @Mixin
        ConfigOption config;

        Path resolve() throws Exception {
            Path d = dir != null ? dir : Path.of(config.load().audit.dir);
            if (!Files.isDirectory(d)) {
                throw new IOException(d + ": no such audit folder");
            }
            return d;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check every record's hash and its link to the one before, across all daily files.",
                "Prints the head (SEQ:HASH); keep it elsewhere and pass it later as --anchor to detect records cut",
                "off the end, which a hash chain alone cannot show.",
                "Exit code: 0 intact, 1 broken (the first broken record is named), 2 error."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        AuditDirOption audit;

        @Option(names = "--anchor", paramLabel = "SEQ:HASH", description = "A head printed by an earlier verify; it must still be in the chain.")
        String anchor;

        @Override
        public Integer call() throws Exception {
            AuditVerifier.Anchor a = anchor == null ? null : AuditVerifier.Anchor.parse(anchor);
            AuditVerifier.Report r = AuditVerifier.verify(audit.resolve(), a);
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            for (String note : r.notes()) {
                out.println("note: " + note);
            }
            if (r.intact()) {
                if (r.records() == 0) {
                    out.printf("intact: no records in %d file(s)%n", r.files());
                } else {
                    out.printf("intact: %d record(s) in %d file(s), seq %d..%d, head %d:%s%n",
                            r.records(), r.files(), r.firstSeq(), r.headSeq(), r.headSeq(), r.headHash());
                }
                return 0;
            }
            out.printf("BROKEN at %s%n", r.broken());
            out.printf("%d record(s) before it are intact (last good seq %d)%n", r.records(), r.headSeq());
            return 1;
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true,
            description = {"Print the last N records (they hold hashes and masked previews, never values).",
                "A forwarded request's decision line and its outcome line are joined into one record (--raw: the",
                "lines as stored)."})
    static final class Tail implements Callable<Integer> {
        @Option(names = {"-n", "--lines"}, paramLabel = "N", description = "How many records. Default: ${DEFAULT-VALUE}.")
        int n = 10;

        @Option(names = "--raw", description = "Print the last N lines as stored, without joining decision and outcome.")
        boolean raw;

        @Mixin
        AuditDirOption audit;

        @Override
        public Integer call() throws Exception {
            List<Path> files = AuditFiles.list(audit.resolve());
            List<String> shown;
            if (raw) {
                shown = lastLines(files, n);
            } else {
                // outcome lines fold into their decisions: read until N lines that are not outcomes are in hand
                int want = n;
                List<String> lines;
                while (true) {
                    lines = lastLines(files, want);
                    long records = lines.stream().filter(l -> !AuditJoin.isOutcome(l)).count();
                    if (records >= n || lines.size() < want) {
                        break;
                    }
                    want = want * 2 + 16;
                }
                int start = 0;
                for (int seen = 0, i = lines.size() - 1; i >= 0; i--) {
                    if (!AuditJoin.isOutcome(lines.get(i)) && ++seen == n) {
                        start = i;
                        break;
                    }
                }
                // outcomes before the first shown record belong to older requests
                shown = AuditJoin.join(lines.subList(start, lines.size()));
                if (shown.size() > n) {
                    shown = shown.subList(shown.size() - n, shown.size());
                }
            }
            PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            shown.forEach(out::println);
            out.flush();
            return 0;
        }

        private static List<String> lastLines(List<Path> files, int k) throws IOException {
            Deque<String> last = new ArrayDeque<>();
            for (int i = files.size() - 1; i >= 0 && last.size() < k; i--) {
                List<String> lines = tailOf(files.get(i), k - last.size());
                for (int j = lines.size() - 1; j >= 0; j--) {
                    last.addFirst(lines.get(j));
                }
            }
            return new java.util.ArrayList<>(last);
        }

        /** Up to {@code k} complete lines from the end of a file, oldest first, reading only the tail. */
        private static List<String> tailOf(Path file, int k) throws IOException {
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long size = AuditFiles.dataEnd(f.getChannel()); // zeros written ahead are not records
                long block = 64 * 1024;
                while (true) {
                    long from = Math.max(0, size - block);
                    byte[] b = new byte[(int) (size - from)];
                    f.seek(from);
                    f.readFully(b);
                    String text = new String(b, StandardCharsets.UTF_8);
                    int zero = text.indexOf('\0');
                    if (zero >= 0) {
                        text = text.substring(0, zero); // the records end at the first zero byte
                    }
                    if (from > 0) {
                        text = text.substring(text.indexOf('\n') + 1); // drop a partial first line
                    }
                    if (!text.endsWith("\n")) {
                        int cut = text.lastIndexOf('\n');
                        text = cut < 0 ? "" : text.substring(0, cut + 1); // a torn last line is not a record
                    }
                    List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n"));
                    if (lines.size() >= k || from == 0) {
                        return lines.subList(Math.max(0, lines.size() - k), lines.size());
                    }
                    block *= 4;
                }
            }
        }
    }
}
