package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.audit.AuditFiles;
import dev.hush.audit.ChainedAuditLog;
import dev.hush.config.AuditSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real audit log on a disk that fails: every request is refused with 503 in the provider's format (fail
 * closed: nothing is released unaudited), the failure is counted in /metrics (the log itself cannot say it),
 * the gateway keeps answering, and nothing prints a stack trace. Disk full is {@code /dev/full} (ENOSPC on
 * write); a file that cannot be opened for writing is a directory in its place (tests run as root, where a
 * read-only mode would not stop the write).
 */
class GatewayAuditFaultsTest {
    @TempDir
    Path dir;

    void failsClosed(java.util.function.Consumer<Path> breakTodaysFile) throws Exception {
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, new AuditSettings());
                FaultRig rig = new FaultRig(c -> { }, log)) {
            breakTodaysFile.accept(AuditFiles.forDay(dir, LocalDate.now(ZoneOffset.UTC)));
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = rig.post("/openai/v1/chat/completions", GatewayChatTest.chat("hello " + i));
                assertEquals(503, r.statusCode(), r.body());
                assertEquals("hush_audit_unavailable", Echo.JSON.readTree(r.body()).at("/error/code").asText());
                assertFalse(r.body().contains("fine"), "the answer is not released");
                HttpResponse<String> a = rig.post("/anthropic/v1/messages",
                        GatewayFaultSuiteTest.anthropic("hello " + i));
                assertEquals(503, a.statusCode(), a.body());
                assertTrue(a.body().contains("\"type\":\"error\""), a.body());
            }
            assertTrue(rig.metrics.scrape().contains("hush_audit_failures_total 6.0"), rig.metrics.scrape());
            assertTrue(rig.blocked.isEmpty(), "blocked-thread checker quiet");
            assertTrue(rig.thrown.isEmpty(), () -> "no log record with a stack trace: " + rig.thrown.stream().map(t -> t.getLoggerName() + " " + t.getMessage() + " " + t.getThrown()).toList());
            assertFalse(rig.stderr().contains("\tat "), rig.stderr());
        }
    }

    @Test
    void diskFullFailsClosed() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full (Linux)");
        failsClosed(file -> {
            try {
                Files.createSymbolicLink(file, Path.of("/dev/full"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void unwritableAuditFileFailsClosed() throws Exception {
        failsClosed(file -> {
            try {
                Files.createDirectory(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
