package dev.hush.audit;

import static dev.hush.audit.AuditFixtures.record;
import static dev.hush.audit.AuditFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.AuditSettings;
import dev.hush.detect.MaskedPreview;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainedAuditLogTest {
    @TempDir
    Path dir;

    private static void appendAll(ChainedAuditLog log, int from, int to) {
        for (int i = from; i < to; i++) {
            log.append(record(i)).toCompletableFuture().join();
        }
    }

    private List<String> lines() throws IOException {
        List<String> all = new ArrayList<>();
        for (Path f : AuditFiles.list(dir)) {
            all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
        }
        return all;
    }

    private static AuditLine.Link link(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return AuditLine.parse(b, b.length);
    }

    @Test
    void aLazyAppendRidesOnTheNextBatchOrTheWritersNextLook() throws Exception {
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            appendAll(log, 0, 1);
            long batches = log.batches();
            CompletableFuture<Void> lazy = log.appendLazily(record(1)).toCompletableFuture();
            CompletableFuture<Void> woken = log.append(record(2)).toCompletableFuture();
            woken.get(10, TimeUnit.SECONDS);
            // queued first, so written no later than the append that woke the writer
            assertTrue(lazy.isDone() && !lazy.isCompletedExceptionally(), "the lazy record went with that batch");
            assertTrue(log.batches() - batches <= 2, "no sync of its own beyond the woken one");
            // alone, it is still written: the writer looks at its queue again after its idle park
            CompletableFuture<Void> alone = log.appendLazily(record(3)).toCompletableFuture();
            alone.get(10, TimeUnit.SECONDS);
            assertEquals(4, log.durableSeq());
            CompletableFuture<Void> atClose = log.appendLazily(record(4)).toCompletableFuture();
            log.close();
            assertTrue(atClose.isDone() && !atClose.isCompletedExceptionally(), "close() writes what is queued");
        }
        List<String> lines = lines();
        assertEquals(5, lines.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(lines.get(i).contains("\"requestId\":\"req-" + i + "\""), "line " + (i + 1) + " in order");
        }
        assertTrue(AuditVerifier.verify(dir).intact());
    }

    @Test
    void recordsAreChainedFromGenesis() throws Exception {
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            appendAll(log, 0, 30);
            assertEquals(30, log.durableSeq());
        }
        List<String> lines = lines();
        assertEquals(30, lines.size());
        String prev = AuditLine.GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            AuditLine.Link l = link(lines.get(i));
            assertTrue(l.hashValid(), "line " + (i + 1));
            assertEquals(i + 1, l.seq());
            assertEquals(prev, l.prev());
            prev = l.hash();
        }
        assertTrue(lines.get(3).contains("\"requestId\":\"req-3\""));
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact(), String.valueOf(r.broken()));
        assertEquals(30, r.records());
        assertTrue(r.genesis());
        assertEquals(prev, r.headHash());
    }

    @Test
    void filesAreOwnerOnly() throws Exception {
        Path sub = dir.resolve("new-audit");
        try (ChainedAuditLog log = ChainedAuditLog.open(sub, settings())) {
            appendAll(log, 0, 1);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sub)));
        Path f = AuditFiles.list(sub).get(0);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void concurrentAppendsAllCompleteWithContiguousSeqAndShareSyncs() throws Exception {
        int threads = 16;
        int each = 400;
        ConcurrentLinkedQueue<CompletableFuture<Void>> stages = new ConcurrentLinkedQueue<>();
        ChainedAuditLog log = ChainedAuditLog.open(dir, settings());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            pool.execute(() -> {
                for (int i = 0; i < each; i++) {
                    stages.add(log.append(record(base + i)).toCompletableFuture());
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long batches = log.batches();
        log.close();

        assertEquals(threads * each, stages.size());
        assertEquals(threads * each, log.durableSeq());
        List<String> lines = lines();
        assertEquals(threads * each, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(i + 1, link(lines.get(i)).seq());
        }
        // every request id exactly once
        assertEquals(threads * each, lines.stream().map(l -> l.replaceAll(".*\"requestId\":\"([^\"]+)\".*", "$1"))
                .distinct().count());
        assertTrue(batches < threads * each, "group commit: " + batches + " batches for " + threads * each);
        assertTrue(AuditVerifier.verify(dir).intact());
    }

    @Test
    void stageCompletesOnlyOnceTheRecordIsInTheFile() throws Exception {
        ConcurrentLinkedQueue<String> missing = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            for (int i = 0; i < 200; i++) {
                String id = "\"requestId\":\"req-" + i + "\"";
                checks.add(log.append(record(i)).toCompletableFuture().thenRun(() -> {
                    try {
                        String text = Files.readString(AuditFiles.list(dir).get(0));
                        if (!text.contains(id)) {
                            missing.add(id);
                        }
                    } catch (IOException e) {
                        missing.add(id + " " + e);
                    }
                }));
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
        assertTrue(missing.isEmpty(), "completed before visible: " + missing);
    }

    @Test
    void restartContinuesTheChain() throws Exception {
        String headBefore;
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            appendAll(log, 0, 10);
        }
        headBefore = AuditVerifier.verify(dir).headHash();
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            assertEquals(10, log.durableSeq());
            appendAll(log, 10, 15);
        }
        List<String> lines = lines();
        assertEquals(15, lines.size());
        AuditLine.Link eleventh = link(lines.get(10));
        assertEquals(11, eleventh.seq());
        assertEquals(headBefore, eleventh.prev());
        assertTrue(AuditVerifier.verify(dir).intact());
    }

    @Test
    void chainCrossesDailyFiles() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T23:59:59Z"));
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings(), clock)) {
            appendAll(log, 0, 3);
            clock.now = Instant.parse("2026-11-28T00:00:01Z");
            appendAll(log, 3, 5);
        }
        List<Path> files = AuditFiles.list(dir);
        assertEquals(List.of("audit-2026-11-27.jsonl", "audit-2026-11-28.jsonl"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        List<String> day1 = Files.readAllLines(files.get(0));
        List<String> day2 = Files.readAllLines(files.get(1));
        assertEquals(3, day1.size());
        assertEquals(link(day1.get(2)).hash(), link(day2.get(0)).prev());
        assertEquals(4, link(day2.get(0)).seq());
        // restart on day 2 continues from the newest file
        clock.now = Instant.parse("2026-11-28T10:00:00Z");
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings(), clock)) {
            appendAll(log, 5, 6);
        }
        assertEquals(6, AuditVerifier.verify(dir).headSeq());
        assertTrue(AuditVerifier.verify(dir).intact());
    }

    @Test
    void clockSteppingBackKeepsWritingTheNewestFile() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-28T00:00:05Z"));
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings(), clock)) {
            appendAll(log, 0, 2);
            clock.now = Instant.parse("2026-11-27T23:59:58Z"); // NTP correction
            appendAll(log, 2, 4);
        }
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings(), clock)) {
            appendAll(log, 4, 5);
        }
        assertEquals(List.of(AuditFiles.forDay(dir, java.time.LocalDate.of(2026, 11, 28))), AuditFiles.list(dir));
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact(), String.valueOf(r.broken()));
        assertEquals(5, r.records());
    }

    @Test
    void tornLastLineIsQuarantinedAndTheChainContinues() throws Exception {
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            appendAll(log, 0, 5);
        }
        Path file = AuditFiles.list(dir).get(0);
        long goodSize = Files.size(file);
        String torn = "{\"v\":1,\"seq\":6,\"prev\":\"ab";
        Files.writeString(file, torn, StandardOpenOption.APPEND);

        AuditVerifier.Report before = AuditVerifier.verify(dir);
        assertTrue(before.intact(), "a torn tail is an unacknowledged write, not tampering");
        assertEquals(5, before.records());
        assertTrue(before.notes().stream().anyMatch(n -> n.contains("torn final line")), before.notes().toString());

        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            assertEquals(5, log.durableSeq());
            assertEquals(goodSize, Files.size(file));
            appendAll(log, 5, 7);
        }
        Path kept = file.resolveSibling(file.getFileName() + AuditFiles.TORN_SUFFIX);
        assertEquals(torn, Files.readString(kept));
        AuditVerifier.Report after = AuditVerifier.verify(dir);
        assertTrue(after.intact(), String.valueOf(after.broken()));
        assertEquals(7, after.headSeq());
        assertEquals(7, after.records());
    }

    @Test
    void fileHoldingOnlyATornLineFallsBackToThePreviousDay() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T12:00:00Z"));
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings(), clock)) {
            appendAll(log, 0, 4);
        }
        Files.writeString(AuditFiles.forDay(dir, java.time.LocalDate.of(2026, 11, 28)), "{\"v\":1,\"se");
        clock.now = Instant.parse("2026-11-28T12:00:00Z");
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings(), clock)) {
            assertEquals(4, log.durableSeq());
            appendAll(log, 4, 6);
        }
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact(), String.valueOf(r.broken()));
        assertEquals(6, r.headSeq());
    }

    @Test
    void damagedCompleteLastRecordRefusesToOpen() throws Exception {
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            appendAll(log, 0, 3);
        }
        Path file = AuditFiles.list(dir).get(0);
        Files.writeString(file, Files.readString(file).replace("req-2", "req-9"));
        IOException e = assertThrows(IOException.class, () -> ChainedAuditLog.open(dir, settings()));
        assertTrue(e.getMessage().contains("does not match its hash"), e.getMessage());
    }

    @Test
    void recordsLongerThanTheReadBuffersVerify() throws Exception {
        List<AuditFinding> many = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            many.add(new AuditFinding("PII.EMAIL", "pii.email", "messages[" + i + "].content", i, i + 20,
                    "hmac:" + "%032x".formatted(i), "a…z (20 chars)", "redact"));
        }
        AuditRecord big = new AuditRecord(Instant.now(), "req-big", "u", "openai", "/v1/chat/completions", null,
                "redact", null, null, many, List.of("messages[3].content[1]: image"), 1, 1, 200, 1);
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            appendAll(log, 0, 3);
            log.append(big).toCompletableFuture().join();
            appendAll(log, 3, 6);
        }
        assertTrue(lines().get(3).length() > 100_000);
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact(), String.valueOf(r.broken()));
        assertEquals(7, r.records());
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            assertEquals(7, log.durableSeq());
        }
    }

    @Test
    void appendAfterCloseFails() throws Exception {
        ChainedAuditLog log = ChainedAuditLog.open(dir, settings());
        log.close();
        CompletionException e = assertThrows(CompletionException.class,
                () -> log.append(record(1)).toCompletableFuture().join());
        assertTrue(e.getCause() instanceof ChainedAuditLog.AuditLogException);
    }

    @Test
    void closeWritesEverythingAlreadyQueued() throws Exception {
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        ChainedAuditLog log = ChainedAuditLog.open(dir, settings());
        for (int i = 0; i < 500; i++) {
            stages.add(log.append(record(i)).toCompletableFuture());
        }
        log.close();
        for (CompletableFuture<Void> s : stages) {
            assertTrue(s.isDone() && !s.isCompletedExceptionally());
        }
        assertEquals(500, lines().size());
    }

    @Test
    void fullQueueRefusesAtOnceInsteadOfBlocking() throws Exception {
        AuditSettings s = settings();
        s.batchMax = 1;
        s.queueCapacity = 1;
        List<CompletableFuture<Void>> stages = new ArrayList<>();
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, s)) {
            for (int i = 0; i < 2000; i++) {
                stages.add(log.append(record(i)).toCompletableFuture());
            }
            CompletableFuture.allOf(stages.toArray(CompletableFuture[]::new)).exceptionally(t -> null)
                    .get(60, TimeUnit.SECONDS);
        }
        long refused = stages.stream().filter(CompletableFuture::isCompletedExceptionally).count();
        long written = stages.size() - refused;
        assertTrue(refused > 0, "2000 appends against a one-slot queue with a sync per record");
        assertEquals(written, lines().size());
        assertTrue(AuditVerifier.verify(dir).intact());
    }

    @Test
    void logHoldsHashAndPreviewButNeverTheValue() throws Exception {
        String secret = "AKIAZ7QX3P5JKLMN2RST";
        String email = "jane.roe@example.org";
        KeyedHash kh = HashKeyStore.loadOrCreate(dir.resolve("data"));
        AuditFinding f1 = new AuditFinding("SECRET.AWS_ACCESS_KEY_ID", "aws-access-key-id", "messages[1].content",
                14, 34, kh.of(secret), MaskedPreview.of(secret), "block");
        AuditFinding f2 = new AuditFinding("PII.EMAIL", "pii.email", "messages[1].content", 40, 60, kh.of(email),
                MaskedPreview.of(email), "pseudonymize");
        AuditRecord r = new AuditRecord(Instant.now(), "req-1", "key:3f2a", "openai", "/v1/chat/completions",
                "gpt-4o", "block", "policy:credentials", null, List.of(f1, f2), List.of(), 120, 80, 0, -1);
        Path audit = dir.resolve("audit");
        try (ChainedAuditLog log = ChainedAuditLog.open(audit, settings())) {
            log.append(r).toCompletableFuture().join();
        }
        String text = Files.readString(AuditFiles.list(audit).get(0));
        assertFalse(text.contains(secret));
        assertFalse(text.contains(email));
        assertFalse(text.contains(secret.substring(4, 16)), "no long fragment of the secret either");
        assertTrue(text.contains(kh.of(secret)));
        assertTrue(text.contains(MaskedPreview.of(email)));
    }

    /** A clock the test moves across midnight. */
    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void encodedLineNamesItsFields() {
        AuditLine.Encoded e = AuditLine.encode(record(7), 42, AuditLine.GENESIS);
        String line = new String(e.line(), StandardCharsets.UTF_8);
        assertTrue(line.startsWith("{\"v\":1,\"seq\":42,\"prev\":\"" + AuditLine.GENESIS + "\""), line);
        assertTrue(line.endsWith(",\"hash\":\"" + e.hash() + "\"}\n"), line);
        assertNull(link(line.strip()).hashValid() ? null : "bad");
        assertNotNull(e.hash());
    }

    /** Every sync method keeps the chain, across a restart, and batches concurrent appends. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"fdatasync", "fsync", "dsync"})
    void everySyncMethodKeepsTheChain(String method) throws Exception {
        AuditSettings s = settings();
        s.syncMethod = method;
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, s)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(log.append(record(i)).toCompletableFuture());
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertEquals(200, log.durableSeq());
            assertTrue(log.batches() <= 200);
        }
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, s)) {
            appendAll(log, 200, 210);
        }
        assertEquals(210, lines().size());
        assertTrue(AuditVerifier.verify(dir).intact());
    }
}
