package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No leak after many faulty requests: a mix of the fault suite's faults (upstream reset, malformed JSON, cut
 * stream, stalled stream, slow upstream, undecodable body, compression bomb, client leaving mid-upload and
 * mid-stream, scan budget) run against a local stub; heap after GC, the server's open-connection gauge,
 * threads and open file descriptors must come back within a small bound of where they were after a warm-up.
 * Bounded by counting requests, not by time. 1,000 in {@code mvn verify}; the 10,000 run is a bench:
 * {@code mvn -B -o test -Dtest=FaultLeakTest -Dhush.leak.requests=10000} (docs/benchmarks.md).
 */
class FaultLeakTest {
    static final int REQUESTS = Integer.getInteger("hush.leak.requests", 1000);
    static final String CHAT = "/openai/v1/chat/completions";
    static final String MESSAGES = "/anthropic/v1/messages";

    record Gauges(long heap, int connections, int threads, long fds) {
    }

    @Test
    void resourcesAreFlatAfterManyFaultyRequests() throws Exception {
        // the mix uses the Anthropic route (the in-test stub) only; stalls and slow answers, which last the
        // upstream timeout, are one in 200
        try (FaultRig rig = new FaultRig(c -> { })) {
            rig.stub.responder = (req, rec) -> respond(req, rec.body());
            byte[] bomb = GatewayFeaturesTest.gzip(GatewayFaultSuiteTest.anthropic(" ".repeat(4 * 1024 * 1024))
                    .getBytes(StandardCharsets.UTF_8));
            int warm = Math.max(100, REQUESTS / 10);
            for (int i = 0; i < warm; i++) {
                fault(rig, i, bomb);
            }
            Gauges before = settle(rig, -1);
            int blockedInRun = 0;
            for (int i = 0; i < REQUESTS; i++) {
                if (i == 10) {
                    // settle()'s full GCs stop every thread, which the checker reports as blocked event loops:
                    // those reports (in by now) are the measurement's, not the server's
                    rig.blocked.clear();
                }
                fault(rig, i, bomb);
            }
            blockedInRun = rig.blocked.size();
            Gauges after = settle(rig, before.connections());
            String report = "before " + before + ", after " + after + " (" + REQUESTS + " faulty requests)";
            System.out.println("fault-leak: " + report);
            assertTrue(after.connections() <= before.connections(), report);
            assertTrue(after.threads() <= before.threads() + 4, report);
            assertTrue(after.fds() <= before.fds() + 16, report);
            assertTrue(after.heap() <= before.heap() + 48L * 1024 * 1024, report);
            assertEquals(0, blockedInRun, "blocked-thread checker quiet during the faults");
            assertEquals(200, rig.post(MESSAGES, GatewayFaultSuiteTest.anthropic("ok")).statusCode());
        }
    }

    /** The stub's side of each fault, chosen by a marker in the prompt. */
    static void respond(io.vertx.core.http.HttpServerRequest req, String body) {
        var resp = req.response();
        if (body.contains("f-reset")) {
            req.connection().close();
        } else if (body.contains("f-json")) {
            resp.putHeader("content-type", "application/json").end("{\"content\":[{\"text\":\"cut");
        } else if (body.contains("f-cut")) {
            resp.setChunked(true).putHeader("content-type", "text/event-stream");
            resp.write(Buffer.buffer("event: content_block_delta\ndata: {\"delta\":{\"text\":\"par"))
                    .onComplete(v -> req.connection().close());
        } else if (body.contains("f-stall") || body.contains("f-leave")) {
            resp.setChunked(true).putHeader("content-type", "text/event-stream");
            resp.write("event: message_start\ndata: {\"type\":\"message_start\"}\n\n");
        } else if (body.contains("f-slow")) {
            // never answers: the gateway's upstream timeout ends it
        } else {
            resp.putHeader("content-type", "application/json").end("{\"content\":[{\"type\":\"text\",\"text\":\"fine\"}]}");
        }
    }

    static void fault(FaultRig rig, int i, byte[] bomb) throws Exception {
        String stream = "{\"stream\":true,\"model\"";
        switch (i % 10) {
            case 0 -> expect(rig.post(MESSAGES, GatewayFaultSuiteTest.anthropic("f-reset " + i)), 502);
            case 1 -> expect(rig.post(MESSAGES, GatewayFaultSuiteTest.anthropic("f-json " + i)), 200);
            case 2 -> cutOff(rig, GatewayFaultSuiteTest.anthropic("f-cut " + i).replace("{\"model\"", stream));
            case 3 -> expect(rig.postBytes(MESSAGES, ("not brotli " + i).getBytes(StandardCharsets.UTF_8),
                    "content-encoding", "br"), 400);
            case 4 -> expect(rig.postBytes(MESSAGES, bomb, "content-encoding", "gzip"), 413);
            case 5 -> leaveMidUpload(rig, i);
            case 6 -> leaveMidStream(rig, GatewayFaultSuiteTest.anthropic("f-leave " + i).replace("{\"model\"", stream));
            case 7 -> {
                if (i % 200 == 7) {
                    cutOff(rig, GatewayFaultSuiteTest.anthropic("f-stall " + i).replace("{\"model\"", stream));
                } else {
                    expect(rig.post(MESSAGES, GatewayFaultSuiteTest.anthropic("mail " + i + "@example.org")), 200);
                }
            }
            case 8 -> {
                if (i % 200 == 8) {
                    expect(rig.post(MESSAGES, GatewayFaultSuiteTest.anthropic("f-slow " + i)), 504);
                } else {
                    expect(rig.post(MESSAGES, "{\"messages\":[" + i), 400); // malformed request JSON
                }
            }
            default -> {
                if (i % 500 == 9) {
                    expect(rig.post(MESSAGES, GatewayFaultSuiteTest.anthropic("fault-scan-spin " + i + " "
                            + "words ".repeat(4000))), 400);
                } else {
                    expect(rig.post(MESSAGES, GatewayFaultSuiteTest.anthropic("hello " + i)), 200);
                }
            }
        }
    }

    static void expect(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
    }

    static void cutOff(FaultRig rig, String body) {
        try {
            HttpResponse<String> r = rig.post(MESSAGES, body);
            throw new AssertionError("a cut stream must not end cleanly: " + r.statusCode());
        } catch (IOException expected) {
            // the gateway reset the client's stream: the answer is incomplete
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void leaveMidUpload(FaultRig rig, int i) throws IOException {
        try (Socket s = new Socket("127.0.0.1", rig.port)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + MESSAGES + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000\r\n\r\n{\"messages\":[{\"role\":\"user\",\"content\":\"up " + i)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    static void leaveMidStream(FaultRig rig, String body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", rig.port)) {
            s.getOutputStream().write(("POST " + MESSAGES + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            String seen = GatewayFaultSuiteTest.readUntil(s.getInputStream(), "message_start");
            assertTrue(seen.contains("message_start"), seen);
        }
    }

    /**
     * The gauges once the server has let go of the departed clients: waits (polling, capped) until its
     * connection gauge is back to {@code connections}, then collects garbage and reads.
     */
    static Gauges settle(FaultRig rig, int connections) {
        rig.memory.records.clear(); // what the test itself keeps is not the server's
        rig.stub.received.clear();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (connections >= 0 && rig.gateway.openConnections() > connections && System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Gauges(heap, rig.gateway.openConnections(), ManagementFactory.getThreadMXBean().getThreadCount(), fds());
    }

    static long fds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1; // not Linux: the bound on file descriptors is skipped (-1 <= -1 + 16)
        }
    }
}
