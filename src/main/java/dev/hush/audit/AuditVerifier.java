package dev.hush.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks every daily file in order and checks each record's own hash and its link to the one before
 * ({@code seq} one higher, {@code prev} equal to the previous hash). Stops at the first broken record.
 * <p>
 * What a hash chain cannot show on its own: records cut off the end (keep {@link Report#headHash()} somewhere
 * else to detect that) and whole files deleted from the start (reported as a chain not starting at genesis).
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /** Where the chain first breaks. {@code seq} is -1 when the line could not be read as a record. */
    public record Break(Path file, long line, long seq, String reason) {
        @Override
        public String toString() {
            return file.getFileName() + (line > 0 ? ":" + line : "") + (seq >= 0 ? " (seq " + seq + ")" : "") + ": " + reason;
        }
    }

    /**
     * @param files      daily files checked
     * @param records    records that passed
     * @param firstSeq   seq of the first record (1 when the chain starts at genesis), 0 when empty
     * @param genesis    whether the first record follows the genesis hash
     * @param headSeq    seq of the last good record
     * @param headHash   hash of the last good record
     * @param broken     the first broken record, or null when intact
     * @param notes      things worth knowing that do not break the chain (torn tail, quarantined lines)
     */
    public record Report(int files, long records, long firstSeq, boolean genesis, long headSeq, String headHash,
            Break broken, List<String> notes) {
        public boolean intact() {
            return broken == null;
        }
    }

    public static Report verify(Path dir) throws IOException {
        return verify(dir, null);
    }

    /**
     * A record noted elsewhere earlier (e.g. the head printed by a previous verify): the chain must still hold
     * it, with the same hash. This catches what the chain alone cannot: records cut off the end.
     */
    public record Anchor(long seq, String hash) {
        public static Anchor parse(String s) {
            int colon = s.indexOf(':');
            if (colon <= 0 || !s.substring(colon + 1).matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("anchor must be SEQ:HASH (64 lowercase hex digits)");
            }
            return new Anchor(Long.parseLong(s.substring(0, colon)), s.substring(colon + 1));
        }
    }

    public static Report verify(Path dir, Anchor anchor) throws IOException {
        boolean anchorSeen = false;
        List<Path> files = AuditFiles.list(dir);
        List<String> notes = new ArrayList<>();
        long records = 0;
        long firstSeq = 0;
        boolean genesis = true;
        long lastSeq = 0;
        String lastHash = null;
        // decision lines whose outcome (or closing record) has not come yet, by requestId, oldest first
        java.util.Map<String, Long> open = new java.util.LinkedHashMap<>();
        for (int fi = 0; fi < files.size(); fi++) {
            Path file = files.get(fi);
            boolean lastFile = fi == files.size() - 1;
            if (Files.exists(file.resolveSibling(file.getFileName() + AuditFiles.TORN_SUFFIX))) {
                notes.add(file.getFileName() + AuditFiles.TORN_SUFFIX
                        + ": a torn line cut off during crash recovery (never acknowledged)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                LineReader lines = new LineReader(in);
                long lineNo = 0;
                byte[] line;
                while ((line = lines.next()) != null) {
                    lineNo++;
                    if (!lines.lastHadNewline()) {
                        if (lastFile) {
                            notes.add(file.getFileName() + ":" + lineNo + ": torn final line (" + lines.length()
                                    + " bytes, a write cut short; cut off when the log next opens)");
                            break;
                        }
                        return broken(files.size(), records, firstSeq, genesis, lastSeq, lastHash, notes,
                                new Break(file, lineNo, -1, "line without newline before the end of the chain"));
                    }
                    AuditLine.Link link;
                    try {
                        link = AuditLine.parse(line, lines.length());
                    } catch (IllegalArgumentException e) {
                        return broken(files.size(), records, firstSeq, genesis, lastSeq, lastHash, notes,
                                new Break(file, lineNo, -1, e.getMessage()));
                    }
                    if (!link.hashValid()) {
                        return broken(files.size(), records, firstSeq, genesis, lastSeq, lastHash, notes,
                                new Break(file, lineNo, link.seq(), "content does not match its hash (modified)"));
                    }
                    if (lastHash == null) {
                        firstSeq = link.seq();
                        genesis = link.seq() == 1 && AuditLine.GENESIS.equals(link.prev());
                        if (!genesis) {
                            notes.add("chain starts at seq " + link.seq() + ", not at genesis: earlier records"
                                    + " are not here (archived or deleted)");
                        }
                    } else {
                        if (link.seq() != lastSeq + 1) {
                            return broken(files.size(), records, firstSeq, genesis, lastSeq, lastHash, notes,
                                    new Break(file, lineNo, link.seq(), "expected seq " + (lastSeq + 1)
                                            + " (records missing, inserted or reordered)"));
                        }
                        if (!link.prev().equals(lastHash)) {
                            return broken(files.size(), records, firstSeq, genesis, lastSeq, lastHash, notes,
                                    new Break(file, lineNo, link.seq(), "prev does not match the hash of seq "
                                            + lastSeq + " (chain relinked)"));
                        }
                    }
                    if (anchor != null && link.seq() == anchor.seq()) {
                        if (!link.hash().equals(anchor.hash())) {
                            return broken(files.size(), records, firstSeq, genesis, lastSeq, lastHash, notes,
                                    new Break(file, lineNo, link.seq(), "hash differs from the anchor"));
                        }
                        anchorSeen = true;
                    }
                    if (link.requestId() != null) {
                        if (AuditRecord.DECISION.equals(link.stage())) {
                            open.put(link.requestId(), link.seq());
                        } else {
                            open.remove(link.requestId()); // its outcome, or the error record that ended it
                        }
                    }
                    lastSeq = link.seq();
                    lastHash = link.hash();
                    records++;
                }
                if (lines.zeros) {
                    notes.add(file.getFileName() + ": zero bytes after the last record (written ahead by"
                            + " audit.preallocateBytes; cut off when the log closes or next opens)");
                }
            }
        }
        if (anchor != null && !anchorSeen) {
            Path where = files.isEmpty() ? dir : files.get(files.size() - 1);
            return broken(files.size(), records, firstSeq, genesis, lastSeq, lastHash, notes,
                    new Break(where, 0, anchor.seq(), "anchored record is gone (the log was cut"
                            + (anchor.seq() > lastSeq ? " short at seq " + lastSeq : " or rebuilt") + ")"));
        }
        if (!open.isEmpty()) {
            notes.add(open.size() + " decision line" + (open.size() == 1 ? "" : "s") + " without an outcome, first"
                    + " at seq " + open.values().iterator().next() + " (the process stopped between the two, the"
                    + " upstream never answered, or the request is still in flight)");
        }
        return new Report(files.size(), records, firstSeq, genesis, lastSeq, lastHash, null, notes);
    }

    private static Report broken(int files, long records, long firstSeq, boolean genesis, long lastSeq,
            String lastHash, List<String> notes, Break b) {
        return new Report(files, records, firstSeq, genesis, lastSeq, lastHash, b, notes);
    }

    /** Splits a stream into lines of bytes, remembering whether each ended with a newline. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private int pos;
        private int limit;
        private byte[] buf = new byte[8192];
        private int len;
        private boolean newline;
        private boolean eof;
        /** Whether the file went on with zero bytes (they are not read further). */
        boolean zeros;

        LineReader(InputStream in) {
            this.in = in;
        }

        byte[] next() throws IOException {
            len = 0;
            if (eof) {
                return null;
            }
            while (true) {
                if (pos == limit) {
                    limit = in.read(chunk, 0, chunk.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        newline = false;
                        return len == 0 ? null : buf;
                    }
                }
                int start = pos;
                while (pos < limit && chunk[pos] != '\n' && chunk[pos] != 0) {
                    pos++;
                }
                append(start, pos - start);
                if (pos < limit && chunk[pos] == 0) {
                    // zeros written ahead of the records (audit.preallocateBytes): the records end here
                    zeros = true;
                    pos = limit = 0;
                    newline = false;
                    eof = true;
                    return len == 0 ? null : buf;
                }
                if (pos < limit) {
                    pos++; // the newline
                    newline = true;
                    return buf;
                }
            }
        }

        private void append(int from, int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
            System.arraycopy(chunk, from, buf, len, n);
            len += n;
        }

        int length() {
            return len;
        }

        boolean lastHadNewline() {
            return newline;
        }
    }
}
