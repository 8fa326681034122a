package dev.hush.audit;

import static dev.hush.audit.AuditFixtures.record;
import static dev.hush.audit.AuditFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hush.cli.HushMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A forwarded request's two lines (docs/audit.md, "Overlapping the sync with the upstream call"). */
class DecisionOutcomeLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode json(AuditLine.Encoded e) throws Exception {
        return JSON.readTree(new String(e.line(), StandardCharsets.UTF_8));
    }

    @Test
    void decisionLineHasNoUpstreamMembersAndOutcomeLineOnlyThose() throws Exception {
        AuditRecord full = record(3);
        AuditRecord d = full.asDecision();
        AuditRecord o = d.outcome(429, 17);
        JsonNode dj = json(AuditLine.encode(d, 5, AuditLine.GENESIS));
        assertEquals("decision", dj.get("stage").asText());
        assertFalse(dj.has("upstreamStatus"));
        assertFalse(dj.has("upstreamMillis"));
        assertEquals("pseudonymize", dj.get("action").asText());
        assertEquals(1, dj.get("findings").size());
        AuditLine.Encoded oe = AuditLine.encode(o, 6, "a".repeat(64));
        JsonNode oj = json(oe);
        List<String> names = new java.util.ArrayList<>();
        oj.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("v", "seq", "prev", "time", "requestId", "stage", "upstreamStatus", "upstreamMillis", "hash"),
                names);
        assertEquals(429, oj.get("upstreamStatus").asInt());
        assertEquals(17, oj.get("upstreamMillis").asLong());
        // a request's one record is as before: no stage, upstream members present
        JsonNode one = json(AuditLine.encode(full, 1, AuditLine.GENESIS));
        assertFalse(one.has("stage"));
        assertEquals(200, one.get("upstreamStatus").asInt());
        AuditLine.Link link = AuditLine.parse(oe.line(), oe.line().length - 1);
        assertTrue(link.hashValid());
        assertEquals("req-3", link.requestId());
        assertEquals("outcome", link.stage());
        AuditLine.Encoded fe = AuditLine.encode(full, 1, AuditLine.GENESIS);
        AuditLine.Link plain = AuditLine.parse(fe.line(), fe.line().length - 1);
        assertEquals("req-3", plain.requestId());
        assertNull(plain.stage());
    }

    @Test
    void verifyNotesDecisionsWithoutOutcomeAndTailJoinsThePair() throws Exception {
        try (ChainedAuditLog log = ChainedAuditLog.open(dir, settings())) {
            AuditRecord d1 = record(1).asDecision();
            log.append(d1).toCompletableFuture().join();
            log.append(record(2)).toCompletableFuture().join(); // a refusal: one record
            log.append(d1.outcome(200, 40)).toCompletableFuture().join();
            log.append(record(4).asDecision()).toCompletableFuture().join(); // its process stopped here
        }
        AuditVerifier.Report r = AuditVerifier.verify(dir);
        assertTrue(r.intact(), String.valueOf(r.broken()));
        assertEquals(4, r.records());
        assertEquals(1, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("1 decision line without an outcome, first at seq 4"), r.notes().get(0));

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, HushMain.run("audit", "tail", "-n", "3", "--audit-dir", dir.toString()));
            List<String> joined = buf.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(3, joined.size(), joined.toString());
            JsonNode first = JSON.readTree(joined.get(0));
            assertEquals("req-1", first.get("requestId").asText());
            assertFalse(first.has("stage"));
            assertEquals(200, first.get("upstreamStatus").asInt());
            assertEquals(40, first.get("upstreamMillis").asLong());
            assertEquals(3, first.get("outcomeSeq").asLong());
            assertEquals("req-2", JSON.readTree(joined.get(1)).get("requestId").asText());
            assertEquals("decision", JSON.readTree(joined.get(2)).get("stage").asText());
            buf.reset();
            assertEquals(0, HushMain.run("audit", "tail", "-n", "1", "--audit-dir", dir.toString()));
            assertEquals("req-4", JSON.readTree(buf.toString(StandardCharsets.UTF_8).strip()).get("requestId").asText());
            buf.reset();
            assertEquals(0, HushMain.run("audit", "tail", "--raw", "-n", "4", "--audit-dir", dir.toString()));
            List<String> raw = buf.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(Files.readAllLines(AuditFiles.list(dir).get(0)), raw);
        } finally {
            System.setOut(old);
        }
    }
}
