package dev.hush.proxy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.hush.audit.AuditRecord;
import dev.hush.audit.AuditSink;
import dev.hush.audit.KeyedHash;
import dev.hush.config.HushConfig;
import dev.hush.detect.Detector;
import dev.hush.detect.FindingSink;
import dev.hush.detect.ScanStoppedException;
import dev.hush.detect.ScanText;
import dev.hush.detect.Scanner;
import dev.hush.pipeline.ProxyMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The fault suite's rig: a real gateway whose OpenAI upstream is WireMock (fault injection) and whose other
 * providers go to an in-test Vert.x server (stream faults), on a Vert.x that checks for blocked threads every
 * 10 ms, with the blocked-thread checker's logger, every log record with an exception, and System.err captured.
 */
final class FaultRig implements AutoCloseable {
    /** An event-loop task longer than this is reported by Vert.x's checker (default 2 s). */
    static final long MAX_LOOP_MILLIS = 1000;
    /** The upstream idle timeout: a silent upstream is a 504 (or a cut stream) after this. */
    static final int UPSTREAM_IDLE_MS = 2000; // above the hiccups of a loaded CI machine
    static final int SCAN_BUDGET_MS = 2000; // generous: on a loaded machine a tiny scan can wait long for a core

    final Vertx vertx;
    final WireMockServer wire;
    final StubUpstream stub;
    final MemoryAuditSink memory = new MemoryAuditSink();
    final ProxyMetrics metrics = new ProxyMetrics();
    final FaultDetector faults = new FaultDetector();
    final GatewayServer gateway;
    final int port;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** What Vert.x's blocked-thread checker said, and every other log record that carried a stack trace. */
    final List<LogRecord> blocked = new CopyOnWriteArrayList<>();
    final List<LogRecord> thrown = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream originalErr = System.err;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLoggerName() != null && r.getLoggerName().contains("BlockedThreadChecker")) {
                blocked.add(r);
            } else if (r.getThrown() != null) {
                thrown.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    FaultRig(Consumer<HushConfig> tweak) throws Exception {
        this(tweak, null);
    }

    /** @param sink the audit sink, or null for an in-memory one ({@link #memory}) */
    FaultRig(Consumer<HushConfig> tweak, AuditSink sink) throws Exception {
        Logger.getLogger("").addHandler(capture);
        System.setErr(new PrintStream(new TeeStream(err, originalErr), true, StandardCharsets.UTF_8));
        vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(MAX_LOOP_MILLIS).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        wire = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .notifier(new ConsoleNotifier(false)));
        wire.start();
        stub = new StubUpstream(vertx);
        HushConfig cfg = new HushConfig();
        cfg.gateway.upstreams.put("openai", "http://127.0.0.1:" + wire.port());
        for (String p : new String[] {"azure", "anthropic", "gemini"}) {
            cfg.gateway.upstreams.put(p, stub.url());
        }
        cfg.gateway.idleTimeoutMs = UPSTREAM_IDLE_MS;
        cfg.gateway.scanBudgetMs = SCAN_BUDGET_MS;
        cfg.gateway.eventLoops = 2;
        tweak.accept(cfg);
        Scanner scanner = new Scanner(List.of(
                TestScanners.regex("test-aws", "AKIA[0-9A-Z]{16}", "SECRET.AWS_ACCESS_KEY_ID"),
                TestScanners.regex("test-email", "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", "PII.EMAIL"),
                faults), "fault-1");
        gateway = new GatewayServer(vertx, cfg, scanner, sink == null ? memory : sink,
                new KeyedHash("0123456789abcdef0123456789abcdef".getBytes()), metrics);
        port = gateway.start("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        return postBytes(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    HttpResponse<String> postBytes(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first audit record (in memory) that matches, once it is there (polled; bounded by a generous cap). */
    AuditRecord awaitRecord(Predicate<AuditRecord> p) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            for (AuditRecord r : memory.records) {
                if (p.test(r)) {
                    return r;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        throw new AssertionError("no such audit record among " + memory.records.size() + ": " + reasons());
    }

    List<String> reasons() {
        List<String> out = new ArrayList<>();
        for (AuditRecord r : memory.records) {
            out.add(r.action() + ":" + r.reason());
        }
        return out;
    }

    /** What was written to System.err since the rig started. */
    String stderr() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            gateway.stop().toCompletionStage().toCompletableFuture().get();
            stub.close();
            wire.stop();
            vertx.close().toCompletionStage().toCompletableFuture().get();
        } finally {
            System.setErr(originalErr);
            Logger.getLogger("").removeHandler(capture);
        }
    }

    /**
     * A detector the tests steer by markers in the text: {@code fault-scan-spin} works until the scan is
     * stopped (the budget); {@code fault-scan-wait} says it started, waits until its scan is cancelled (the
     * client left), then counts the units it could still charge before the scan stopped.
     */
    static final class FaultDetector implements Detector {
        volatile CompletableFuture<Void> waiting = new CompletableFuture<>();
        volatile CompletableFuture<Long> chargedAfterCancel = new CompletableFuture<>();
        volatile CompletableFuture<Long> spun = new CompletableFuture<>();

        @Override
        public String id() {
            return "test-faults";
        }

        @Override
        public void detect(ScanText text, FindingSink sink) {
            String s = text.normalized();
            if (s.contains("fault-scan-spin")) {
                long n = 0;
                try {
                    while (true) {
                        text.charge(1);
                        n++;
                    }
                } catch (ScanStoppedException e) {
                    spun.complete(n);
                    throw e;
                }
            }
            if (s.contains("fault-scan-wait")) {
                waiting.complete(null);
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!text.context().cancelled() && System.nanoTime() < until) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                long n = 0;
                try {
                    while (n < Long.MAX_VALUE) {
                        text.charge(1);
                        n++;
                    }
                } finally {
                    chargedAfterCancel.complete(n);
                }
            }
        }
    }

    /** Writes to both streams (the captured copy and the console). */
    private static final class TeeStream extends java.io.OutputStream {
        private final ByteArrayOutputStream copy;
        private final PrintStream console;

        TeeStream(ByteArrayOutputStream copy, PrintStream console) {
            this.copy = copy;
            this.console = console;
        }

        @Override
        public void write(int b) {
            synchronized (copy) {
                copy.write(b);
            }
            console.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            console.write(b, off, len);
        }
    }
}
