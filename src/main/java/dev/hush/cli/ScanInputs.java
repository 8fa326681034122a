package dev.hush.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * What {@code hush scan} reads: files, directories (recursively, in name order, without {@code .git} and
 * other version-control folders) and {@code -} for standard input. A gzip file (by its magic bytes, not its
 * name) is read decompressed. Files that look binary (a NUL byte in their first 8 KB) are skipped, so a
 * pre-commit hook can pass every staged file.
 */
final class ScanInputs {
    static final String STDIN = "-";
    private static final List<String> SKIPPED_DIRS = List.of(".git", ".hg", ".svn");
    private static final int SNIFF = 8192;

    /** One input: its display name and how to open it. */
    record Input(String name, Path path) {
        boolean stdin() {
            return path == null;
        }
    }

    private ScanInputs() {
    }

    /** The inputs named on the command line, directories expanded; missing paths are an error naming them. */
    static List<Input> expand(List<String> args) throws IOException {
        List<Input> out = new ArrayList<>();
        for (String a : args.isEmpty() ? List.of(STDIN) : args) {
            if (a.equals(STDIN)) {
                out.add(new Input("<stdin>", null));
                continue;
            }
            Path p = Path.of(a);
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        return !d.equals(p) && SKIPPED_DIRS.contains(d.getFileName().toString())
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile()) {
                            found.add(f);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
                found.sort(null);
                found.forEach(f -> out.add(new Input(f.toString(), f)));
            } else if (Files.isRegularFile(p)) {
                out.add(new Input(a, p));
            } else {
                throw new IOException(a + ": no such file or directory");
            }
        }
        return out;
    }

    /** The input's bytes, decompressed when gzip; null when it looks binary (skipped). */
    static InputStream open(Input in, InputStream stdin) throws IOException {
        InputStream raw = new BufferedInputStream(in.stdin() ? stdin : Files.newInputStream(in.path()), 65536);
        try {
            raw.mark(4);
            int b1 = raw.read();
            int b2 = raw.read();
            raw.reset();
            InputStream s = b1 == 0x1f && b2 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 65536), 65536) : raw;
            s.mark(SNIFF);
            byte[] head = s.readNBytes(SNIFF);
            s.reset();
            for (byte b : head) {
                if (b == 0) {
                    s.close();
                    return null;
                }
            }
            return s;
        } catch (IOException | UncheckedIOException e) {
            raw.close();
            throw e;
        }
    }
}
