package dev.hush.config;

import java.util.List;

/**
 * The {@code audit} section: where the hash-chained audit log lives and how its writes are made durable.
 * Defaults are the safe ones: every record is fsynced before the request it describes is released.
 */
public final class AuditSettings {
    /** Folder of the daily {@code audit-YYYY-MM-DD.jsonl} files; relative paths resolve against the working dir. */
    public String dir = "data/audit";
    /** Sync every batch to disk before completing its appends. Off only for throwaway benchmarks. */
    public boolean fsync = true;
    /**
     * How a batch is made durable when {@code fsync} is on: {@code fdatasync} (FileChannel.force(false): the
     * data and the file length, not the timestamps), {@code fsync} (force(true): every inode field too), or
     * {@code dsync} (the file opened with O_DSYNC: the write call itself returns once durable).
     */
    public String syncMethod = "fdatasync";
    /**
     * How long the writer waits for more records before syncing a batch. 0 (default) syncs as soon as the
     * writer is free; records that arrive during an fsync already share the next one.
     */
    public int syncIntervalMillis = 0;
    /** Most records written and synced as one batch. */
    public int batchMax = 1024;
    /** Appends waiting for the writer beyond this are refused at once (the disk is not keeping up). */
    public int queueCapacity = 65_536;
    /**
     * Bytes of zeros written ahead of the last record (0: off), so a batch's sync does not change the file's
     * size (no journal commit for it). The zeros are written and synced once per this many bytes; readers stop
     * at the first zero byte, and a file is cut back to its last record when the log closes it. Default 1 MiB:
     * measured against 0 and 16 MiB in docs/audit.md (16 MiB stalls a batch for the zeros' own write).
     */
    public long preallocateBytes = 1 << 20;
    /** Findings listed in one record; the rest are counted ({@code findingsOmitted}) so a record stays bounded. */
    public int maxFindingsPerRecord = 1000;

    void validate(String path, List<String> errors) {
        if (dir == null || dir.isBlank()) {
            errors.add(path + ".dir: must name a folder");
        }
        if (!List.of("fdatasync", "fsync", "dsync").contains(syncMethod)) {
            errors.add(path + ".syncMethod: must be fdatasync, fsync or dsync");
        }
        if (syncIntervalMillis < 0 || syncIntervalMillis > 1000) {
            errors.add(path + ".syncIntervalMillis: must be between 0 and 1000");
        }
        if (batchMax < 1 || batchMax > 65_536) {
            errors.add(path + ".batchMax: must be between 1 and 65536");
        }
        if (maxFindingsPerRecord < 1 || maxFindingsPerRecord > 100_000) {
            errors.add(path + ".maxFindingsPerRecord: must be between 1 and 100000");
        }
        if (preallocateBytes != 0 && (preallocateBytes < 65_536 || preallocateBytes > (1L << 30))) {
            errors.add(path + ".preallocateBytes: must be 0 (off) or between 65536 and 1073741824");
        }
        if (queueCapacity < batchMax) {
            errors.add(path + ".queueCapacity: must be at least batchMax");
        }
    }
}
