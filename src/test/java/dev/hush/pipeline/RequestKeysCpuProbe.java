package dev.hush.pipeline;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
/**
 * The per-request work the seventh round's proxy changes replaced, old and new way alternated in every round of one
 * JVM (thread CPU time, so a loaded machine's scheduling counts little): (1) a long text's UTF-8 byte count, scan-cache
 * key and conversation id (per-char count and two SHA-256 over the text, against one encoding, one SHA-256 over it
 * and two over its 32-byte digest); (2) the upstream URL parsed per request against {@link Forwarder#upstreamOptions};
 * (3) the rewritten body copied into a Buffer against wrapped. On the user message of {@code bench/chat-4k.json}.
 *
 * <pre>java -cp "target/test-classes:target/classes:$(cat target/bench.cp)" dev.hush.pipeline.RequestKeysCpuProbe [bench/chat-4k.json] [rounds]</pre>
 */
public final class RequestKeysCpuProbe {
    private RequestKeysCpuProbe() {
    }

    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    public static void main(String[] a) throws Exception {
        String body = Files.readString(Path.of(a.length > 0 ? a[0] : "bench/chat-4k.json"));
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        String text = n.get("messages").get(1).get("content").asText();
        byte[] version = "v1".getBytes(StandardCharsets.UTF_8);
        byte[] enc = body.getBytes(StandardCharsets.UTF_8);
        long sink = 0; int rounds = a.length > 1 ? Integer.parseInt(a[1]) : 15, reps = 20000;
        double[][] r = new double[6][rounds];
        for (int round = -3; round < rounds; round++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) { // before: count bytes per char, key = SHA(version,0,0,text), conversation SHA(..., text)
                sink += Inspector.utf8Length(text);
                MessageDigest md = Sha256.digest(); md.update(version); md.update((byte) 0); md.update((byte) 0);
                md.update(text.getBytes(StandardCharsets.UTF_8)); sink += md.digest()[0];
                md = Sha256.digest(); md.update("key:hmac:0123".getBytes(StandardCharsets.UTF_8)); md.update((byte) 0);
                md.update((byte) 'd'); md.update((byte) ':'); md.update(text.getBytes(StandardCharsets.UTF_8)); sink += md.digest()[0];
            }
            long t1 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) { // after: one encoding, one digest of the text, two short outer digests
                byte[] u = text.getBytes(StandardCharsets.UTF_8);
                sink += u.length == text.length() ? u.length : Inspector.utf8Length(text);
                byte[] d = ScanCache.utf8Digest(u);
                MessageDigest md = Sha256.digest(); md.update(version); md.update((byte) 0); md.update((byte) 0); md.update(d); sink += md.digest()[0];
                md = Sha256.digest(); md.update("key:hmac:0123".getBytes(StandardCharsets.UTF_8)); md.update((byte) 0);
                md.update((byte) 'd'); md.update((byte) ':'); md.update(d); sink += md.digest()[0];
            }
            long t2 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) { sink += new io.vertx.core.http.RequestOptions().setAbsoluteURI("http://127.0.0.1:18480" + "/v1/chat/completions").getURI().length(); }
            long t3 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) { sink += Forwarder.upstreamOptions("http://127.0.0.1:18480", "/v1/chat/completions").getURI().length(); }
            long t4 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) { sink += io.vertx.core.buffer.Buffer.buffer(enc.clone()).length(); }
            long t5 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) { sink += io.vertx.core.internal.buffer.BufferInternal.buffer(io.netty.buffer.Unpooled.wrappedBuffer(enc.clone())).length(); }
            long t6 = CPU.getCurrentThreadCpuTime();
            if (round >= 0) { long[] t = {t0, t1, t2, t3, t4, t5, t6}; for (int k = 0; k < 6; k++) r[k][round] = (t[k + 1] - t[k]) / 1e3 / reps; }
        }
        String[] names = {"hash+count before", "hash+count after", "URI parse", "URI origin", "body copied", "body wrapped"};
        for (int k = 0; k < 6; k++) { double[] v = r[k].clone(); java.util.Arrays.sort(v); System.out.printf("%-18s median %.2f fastest %.2f us%n", names[k], v[rounds / 2], v[0]); }
        System.out.println("(" + sink + ")");
    }
}
