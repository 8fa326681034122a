package dev.hush.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Naming and listing of the daily audit files; their names sort in chain order. */
public final class AuditFiles {
    private static final Pattern NAME = Pattern.compile("audit-\\d{4}-\\d{2}-\\d{2}\\.jsonl");
    /** Suffix of the file that keeps a torn final line cut off during recovery. */
    public static final String TORN_SUFFIX = ".torn";

    private AuditFiles() {
    }

    public static Path forDay(Path dir, LocalDate day) {
        return dir.resolve("audit-" + day + ".jsonl");
    }

    /** The day in a daily file's name. */
    static LocalDate dayOf(Path file) {
        String n = file.getFileName().toString();
        return LocalDate.parse(n.substring("audit-".length(), n.length() - ".jsonl".length()));
    }

    /** The daily files in {@code dir}, oldest first; empty when the folder does not exist. */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * The last complete line of a file ending at {@code end} (the position just after its newline), without
     * the newline; null when there is none. Reads backwards in growing blocks, so only the tail is read.
     */
    static byte[] lastLine(FileChannel ch, long end) throws IOException {
        if (end <= 0) {
            return null;
        }
        long lineEnd = end - 1; // position of the newline
        int block = 8192;
        while (true) {
            long from = Math.max(0, lineEnd - block);
            ByteBuffer buf = ByteBuffer.allocate((int) (lineEnd - from));
            readFully(ch, buf, from);
            byte[] a = buf.array();
            for (int i = a.length - 1; i >= 0; i--) {
                if (a[i] == '\n') {
                    return java.util.Arrays.copyOfRange(a, i + 1, a.length);
                }
            }
            if (from == 0) {
                return a;
            }
            block *= 4;
        }
    }

    /** Position just after the last newline in the file (0 when it holds none). */
    static long endOfLastCompleteLine(FileChannel ch) throws IOException {
        return endOfLastCompleteLine(ch, ch.size());
    }

    /** Position just after the last newline before {@code limit} (0 when there is none). */
    static long endOfLastCompleteLine(FileChannel ch, long limit) throws IOException {
        long pos = limit;
        ByteBuffer buf = ByteBuffer.allocate(8192);
        while (pos > 0) {
            long from = Math.max(0, pos - buf.capacity());
            buf.clear().limit((int) (pos - from));
            readFully(ch, buf, from);
            for (int i = buf.limit() - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return from + i + 1;
                }
            }
            pos = from;
        }
        return 0;
    }

    /**
     * Position just after the last byte that is not zero (the file's size when it does not end in zeros).
     * Zeros at the end were written ahead of the records ({@code audit.preallocateBytes}); reads backwards
     * over them only.
     */
    public static long dataEnd(FileChannel ch) throws IOException {
        long pos = ch.size();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (pos > 0) {
            long from = Math.max(0, pos - buf.capacity());
            buf.clear().limit((int) (pos - from));
            readFully(ch, buf, from);
            for (int i = buf.limit() - 1; i >= 0; i--) {
                if (buf.get(i) != 0) {
                    return from + i + 1;
                }
            }
            pos = from;
        }
        return 0;
    }

    /**
     * Position of the first zero byte before {@code limit}, or {@code limit} when there is none: where the
     * records end. A record never holds a zero byte (JSON escapes control characters). Reads from the start.
     */
    static long firstZero(FileChannel ch, long limit) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        long pos = 0;
        while (pos < limit) {
            buf.clear().limit((int) Math.min(buf.capacity(), limit - pos));
            readFully(ch, buf, pos);
            for (int i = 0; i < buf.limit(); i++) {
                if (buf.get(i) == 0) {
                    return pos + i;
                }
            }
            pos += buf.limit();
        }
        return limit;
    }

    static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            p += n;
        }
    }
}
