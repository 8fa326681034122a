package dev.hush.pipeline;

import dev.hush.adapter.Adapter;
import dev.hush.adapter.Adapters;
import dev.hush.adapter.ExtractedRequest;
import dev.hush.adapter.InboundRequest;
import dev.hush.audit.AuditLine;
import dev.hush.audit.AuditRecord;
import dev.hush.audit.KeyedHash;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.policy.Destination;
import dev.hush.policy.Policy;
import dev.hush.redact.PseudonymVault;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The request path's own stages without HTTP, in thread CPU time per request (a shared machine swings wall
 * clock tenfold): the cached prompt of the proxy harness ({@code bench/chat-4k.json}, the scan cache answers
 * after the first request) read and extracted by the OpenAI adapter, inspected, decided, rewritten and
 * encoded again, and its audit line encoded, as {@link RequestPipeline} runs them. One thread; medians
 * (and the fastest round) over rounds of {@code requests}. What the harness's CPU column holds beyond these
 * is HTTP (Vert.x, Netty, two codecs), the hand-offs and the audit write.
 *
 * <pre>mvn -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.pipeline.RequestPathCpuProbe [bench/chat-4k.json] [rounds] [requests]</pre>
 */
public final class RequestPathCpuProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** Bytes this thread allocated so far (HotSpot's thread bean), or -1 where the JVM does not count them. */
    private static long allocated() {
        return CPU instanceof com.sun.management.ThreadMXBean b ? b.getCurrentThreadAllocatedBytes() : -1;
    }

    private RequestPathCpuProbe() {
    }

    /**
     * The embedded-document check as the build on the class path runs it in {@code RequestPipeline.extract}: on
     * the body's bytes where {@code EmbeddedFile.mayEmbedDocument(Buffer)} exists (twelfth round on), else on
     * the body's ISO-8859-1 copy, so the probe runs either build's own path.
     */
    private record EmbedCheck(String name, java.lang.invoke.MethodHandle h, boolean bytes) {
        static EmbedCheck of() throws ReflectiveOperationException {
            var lookup = java.lang.invoke.MethodHandles.publicLookup();
            Class<?> c = Class.forName("dev.hush.adapter.EmbeddedFile");
            try {
                return new EmbedCheck("body's bytes", lookup.findStatic(c, "mayEmbedDocument",
                        java.lang.invoke.MethodType.methodType(boolean.class, Buffer.class)), true);
            } catch (NoSuchMethodException e) {
                return new EmbedCheck("body's ISO-8859-1 copy", lookup.findStatic(c, "mayEmbedDocument",
                        java.lang.invoke.MethodType.methodType(boolean.class, String.class)), false);
            }
        }

        boolean check(Buffer body) {
            try {
                return bytes ? (boolean) h.invokeExact(body)
                        : (boolean) h.invokeExact(body.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        byte[] body = Files.readAllBytes(Path.of(args.length > 0 ? args[0] : "bench/chat-4k.json"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        HushConfig config = new HushConfig();
        KeyedHash keyHash = new KeyedHash(new byte[32]);
        ScanCache cache = new ScanCache(ScannerFactory.build(config), 1024);
        Inspector inspector = new Inspector(cache, new Policy(config.policy.rules), 10_000);
        Decider decider = new Decider(keyHash, false);
        Rewriter rewriter = new Rewriter(new PseudonymVault(Duration.ofMinutes(60), 10_000));
        Auditor auditor = new Auditor(null, null, null, cache, keyHash, config.audit.maxFindingsPerRecord);
        Adapter openai = Adapters.registered().get("openai");
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("content-type", "application/json");
        Caller caller = new Caller("key:hmac:0123456789abcdef0123456789abcdef", Set.of(), "hmac:fedcba9876543210",
                null, null, Caller.KEY);
        Destination dest = new Destination("openai", "gpt-4o-mini", "127.0.0.1", caller.user(), caller.groups());
        String[] stages = {"extract (parse, slots)", "inspect (cache hits, crossings, policy)",
            "decide (keyed hashes, previews)", "rewrite and encode the body", "audit record and line", "all"};
        long[][] perRound = new long[stages.length][rounds];
        long sink = 0;
        long[] allocPerRound = new long[rounds];
        long[][] bytesPerRound = new long[stages.length][rounds];
        EmbedCheck embedCheck = EmbedCheck.of();
        int findings = 0;
        int lineBytes = 0;
        for (int round = -3; round < rounds; round++) { // three rounds of warm-up
            long[] ns = new long[stages.length];
            long[] bytes = new long[stages.length];
            long a0 = allocated();
            long[] tm = new long[6]; // CPU time and bytes allocated at the six marks of one request
            long[] bm = new long[6];
            for (int i = 0; i < requests; i++) {
                bm[0] = allocated();
                tm[0] = CPU.getCurrentThreadCpuTime();
                InboundRequest in = new InboundRequest(HttpMethod.POST, "127.0.0.1", "/v1/chat/completions", headers,
                        Buffer.buffer(body), "127.0.0.1");
                if (embedCheck.check(in.body())) { // RequestPipeline asks it of every body before extracting
                    throw new IllegalStateException("the probe's body would be read on a worker");
                }
                ExtractedRequest er = openai.extract(in, "/v1/chat/completions");
                tm[1] = CPU.getCurrentThreadCpuTime();
                bm[1] = allocated();
                Inspection inspection = inspector.inspect(er, dest);
                tm[2] = CPU.getCurrentThreadCpuTime();
                bm[2] = allocated();
                Outcome out = decider.decide(inspection, null, config.policy, "openai");
                tm[3] = CPU.getCurrentThreadCpuTime();
                bm[3] = allocated();
                String conv = Rewriter.conversationId(caller, null, er.seed(), inspection.digestOf(er.seed()));
                Rewriter.Rewritten rw = rewriter.rewrite(in.body(), er, inspection, out, conv);
                tm[4] = CPU.getCurrentThreadCpuTime();
                bm[4] = allocated();
                Trail t = Trail.start("openai", "127.0.0.1", "/v1/chat/completions", caller)
                        .extracted(er.model(), er.notScanned()).decided(inspection, out);
                AuditRecord r = auditor.toRecord(t, 200, 1);
                AuditLine.Encoded line = AuditLine.encode(r, i, AuditLine.GENESIS);
                tm[5] = CPU.getCurrentThreadCpuTime();
                bm[5] = allocated();
                sink += rw.body().length() + line.line().length;
                findings = out.findings().size();
                lineBytes = line.line().length;
                for (int s = 0; s < 5; s++) { // stage s runs from mark s to mark s + 1; [5] is the whole request
                    ns[s] += tm[s + 1] - tm[s];
                    bytes[s] += bm[s + 1] - bm[s];
                }
                ns[5] += tm[5] - tm[0];
                bytes[5] += bm[5] - bm[0];
            }
            if (round >= 0) {
                allocPerRound[round] = allocated() - a0;
                for (int s = 0; s < stages.length; s++) {
                    perRound[s][round] = ns[s];
                    bytesPerRound[s][round] = bytes[s];
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d rounds x %d requests, thread CPU µs per request (median, fastest round),"
                + " bytes allocated per request (median round); embedded-document check on the %s%n",
                args.length > 0 ? args[0] : "bench/chat-4k.json", rounds, requests, embedCheck.name());
        for (int s = 0; s < stages.length; s++) {
            long[] v = perRound[s].clone();
            Arrays.sort(v);
            long[] b = bytesPerRound[s].clone();
            Arrays.sort(b);
            System.out.printf(Locale.ROOT, "  %-42s %8.2f %8.2f %9d B%n", stages[s], v[rounds / 2] / 1000.0 / requests,
                    v[0] / 1000.0 / requests, b[rounds / 2] / requests);
        }
        long[] a = allocPerRound.clone();
        Arrays.sort(a);
        System.out.printf(Locale.ROOT, "  %-42s %8d %8d%n", "allocated bytes per request (all stages)",
                a[rounds / 2] / requests, a[0] / requests);
        System.out.println("  " + findings + " findings per request, audit line " + lineBytes + " bytes (checksum " + sink + ")");
    }
}
