package dev.hush.bench;

import dev.hush.cli.ServeCommand;
import dev.hush.proxy.tls.CertificateAuthority;
import dev.hush.proxy.tls.LeafMinter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine;

/**
 * Browser-mode targets of issue 7, in one JVM on 127.0.0.1 (bench/browser-mode.sh runs it): TLS handshakes
 * through Hush (pre-minted and unseen hosts, against a direct handshake to a local TLS server), 2,000 held
 * tunnels and the heap they cost, a 100 MB download direct / blind tunnel / intercepted, and an intercepted
 * chat request against the same request on the gateway route. Every leg runs ROUNDS times, interleaved, and
 * the medians are reported, so ratios come from the same run.
 */
public final class BrowserModeBenchmark {
    static final int ROUNDS = Integer.getInteger("rounds", 3);
    static final int HANDSHAKES = Integer.getInteger("handshakes", 500);
    static final int UNSEEN = Integer.getInteger("unseen", 100);
    static final int TUNNELS = Integer.getInteger("tunnels", 2000);
    static final int DOWNLOAD_MB = Integer.getInteger("downloadMb", 100);
    static final int CHATS = Integer.getInteger("chats", 1000);
    static final int DOWNLOADS = Integer.getInteger("downloads", 3);
    static final int MINTS = Integer.getInteger("mints", 200);

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("hush-browser-bench");
        Vertx vertx = Vertx.vertx();
        // upstreams: a TLS site with its own CA (download and tunnel target), a TCP echo, a JSON chat stub
        CertificateAuthority siteCa = CertificateAuthority.create(dir.resolve("site"), null);
        Files.writeString(dir.resolve("site-ca.pem"), siteCa.certificatePem());
        Buffer chunk = Buffer.buffer(new byte[1 << 20]);
        // the site's TLS uses BoringSSL too, so the direct baseline has the same engine as Hush's TLS server
        HttpServer site = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setSslEngineOptions(io.vertx.core.net.OpenSSLEngineOptions.isAvailable()
                                ? new io.vertx.core.net.OpenSSLEngineOptions() : new io.vertx.core.net.JdkSSLEngineOptions())
                        .setKeyCertOptions(KeyCertOptions.wrap(new LeafMinter(siteCa).keyManagerFactory("localhost"))))
                .requestHandler(req -> {
                    var resp = req.response().putHeader("content-type", "application/octet-stream")
                            .putHeader("content-length", Long.toString((long) DOWNLOAD_MB << 20));
                    dev.hush.proxy.forward.BulkBody.write(resp, chunk, DOWNLOAD_MB);
                }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        NetServer echo = vertx.createNetServer().connectHandler(s -> s.handler(s::write))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        String answer = "{\"id\":\"x\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}";
        HttpServer chat = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b ->
                        req.response().putHeader("content-type", "application/json").end(answer)))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();

        Path cfg = dir.resolve("hush.yaml");
        Files.writeString(cfg, "dataDir: " + dir.resolve("data") + "\n"
                + "gateway:\n  host: 127.0.0.1\n  scanBudgetMs: 10000\n  upstreamCaFile: " + dir.resolve("site-ca.pem") + "\n"
                + "nlp:\n  person:\n    enabled: false\n"
                + "audit:\n  dir: " + dir.resolve("audit") + "\n  fsync: false\n"
                + "proxy:\n  intercept: [api.openai.com, chatgpt.com, \"*.unseen.test\"]\n");
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--port", "0", "--admin-port", "0", "--config", cfg.toString(), "--tunnel-private",
                "--tunnel-ports", "443," + site.actualPort() + "," + echo.actualPort(),
                "--upstream", "api.openai.com=http://127.0.0.1:" + chat.actualPort(),
                "--upstream", "openai=http://127.0.0.1:" + chat.actualPort(),
                "--upstream", "chatgpt.com=https://localhost:" + site.actualPort());
        ServeCommand.Running run = cmd.start();
        int proxy = run.port();
        X509Certificate hushCa = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(CertificateAuthority.certFile(dir.resolve("data")))));
        SSLContext trustHush = trusting(hushCa);
        SSLContext trustSite = trusting(siteCa.certificate());
        byte[] chatBody = Files.readAllBytes(Path.of("bench", "chat-4k.json"));

        List<double[]> hsDirect = new ArrayList<>(), hsHush = new ArrayList<>(), hsHushOpen = new ArrayList<>(), hsUnseen = new ArrayList<>();
        List<Double> dlDirect = new ArrayList<>(), dlTunnel = new ArrayList<>(), dlIntercept = new ArrayList<>();
        List<Double> chatGateway = new ArrayList<>(), chatIntercept = new ArrayList<>();
        int unseenSeq = 0;
        // warm-up (JIT, pools, the intercepted leaf cache), not reported
        handshakes(200, () -> direct(site.actualPort()), trustSite, "localhost");
        handshakes(200, () -> connect(proxy, "api.openai.com:443"), trustHush, "api.openai.com");
        for (int w = 0; w < 20; w++) {
            String host = "warm" + w + ".unseen.test";
            handshakes(1, () -> connect(proxy, host + ":443"), trustHush, host);
        }
        download(() -> direct(site.actualPort()), trustSite, "localhost");
        download(() -> connect(proxy, "localhost:" + site.actualPort()), trustSite, "localhost");
        download(() -> connect(proxy, "chatgpt.com:443"), trustHush, "chatgpt.com");
        for (int r = 0; r < ROUNDS; r++) {
            hsDirect.add(handshakes(HANDSHAKES, () -> direct(site.actualPort()), trustSite, "localhost"));
            double[] open = new double[HANDSHAKES];
            hsHush.add(handshakes(HANDSHAKES, () -> connect(proxy, "api.openai.com:443"), trustHush, "api.openai.com", open));
            hsHushOpen.add(open);
            double[] u = new double[UNSEEN];
            for (int i = 0; i < UNSEEN; i++) {
                String host = "h" + (unseenSeq++) + ".unseen.test";
                u[i] = handshakes(1, () -> connect(proxy, host + ":443"), trustHush, host)[0];
            }
            Arrays.sort(u);
            hsUnseen.add(u);
            for (int k = 0; k < DOWNLOADS; k++) { // interleaved, so load changes hit every leg alike
                dlDirect.add(download(() -> direct(site.actualPort()), trustSite, "localhost"));
                dlTunnel.add(download(() -> connect(proxy, "localhost:" + site.actualPort()), trustSite, "localhost"));
                dlIntercept.add(download(() -> connect(proxy, "chatgpt.com:443"), trustHush, "chatgpt.com"));
            }
            double[] c = chats(proxy, chatBody, trustHush);
            chatGateway.add(c[0]);
            chatIntercept.add(c[1]);
            System.err.printf(Locale.ROOT, "round %d done%n", r + 1);
        }
        long[] tunnels = holdTunnels(proxy, echo.actualPort(), TUNNELS);
        // the CPU cost of one mint alone (sign + key manager), for the unseen-host handshake above
        LeafMinter minter = new LeafMinter(siteCa);
        double[] mint = new double[MINTS];
        for (int k = 0; k < MINTS; k++) {
            long t0 = System.nanoTime();
            minter.keyManagerFactory("m" + k + ".unseen.test");
            mint[k] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(mint);

        System.out.println("## Browser mode results (medians of " + ROUNDS + " rounds)");
        System.out.printf(Locale.ROOT, "TLS handshake, direct to a local TLS server: p50 %.2f ms, p99 %.2f ms%n",
                median(hsDirect, 0.50), median(hsDirect, 0.99));
        System.out.printf(Locale.ROOT, "TLS handshake through Hush, pre-minted host: p50 %.2f ms, p99 %.2f ms (with CONNECT: p50 %.2f ms, p99 %.2f ms)%n",
                median(hsHush, 0.50), median(hsHush, 0.99), median(hsHushOpen, 0.50), median(hsHushOpen, 0.99));
        System.out.printf(Locale.ROOT, "TLS handshake through Hush, unseen host (first, minting included): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                median(hsUnseen, 0.50), median(hsUnseen, 0.99), median(hsUnseen, 1.0));
        System.out.printf(Locale.ROOT, "leaf mint alone (sign + key manager): p50 %.2f ms, p99 %.2f ms%n",
                mint[MINTS / 2], mint[(int) Math.ceil(0.99 * MINTS) - 1]);
        double d = median(dlDirect), t = median(dlTunnel), i = median(dlIntercept);
        System.out.printf(Locale.ROOT, "%d downloads per leg; %d MB download: direct %.0f MB/s, blind tunnel %.0f MB/s (%.0f%%), intercepted %.0f MB/s (%.0f%%)%n",
                dlDirect.size(), DOWNLOAD_MB, d, t, 100 * t / d, i, 100 * i / d);
        double g = median(chatGateway), ic = median(chatIntercept);
        System.out.printf(Locale.ROOT, "chat request (4 KiB), p50: gateway route %.3f ms, intercepted %.3f ms, difference %+.3f ms%n",
                g, ic, ic - g);
        System.out.printf(Locale.ROOT, "%d tunnels held: %d alive, heap used after GC %d MB (whole JVM: proxy, clients and upstreams)%n",
                TUNNELS, tunnels[0], tunnels[1]);
        run.stop().run();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }

    interface Opener {
        Socket open() throws Exception;
    }

    static Socket direct(int port) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        return s;
    }

    /** A socket through Hush with CONNECT answered 200. */
    static Socket connect(int proxy, String target) throws Exception {
        Socket s = new Socket("127.0.0.1", proxy);
        s.setTcpNoDelay(true);
        s.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        int state = 0;
        StringBuilder head = new StringBuilder();
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IllegalStateException("proxy closed: " + head);
            }
            head.append((char) c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        if (!head.toString().startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException(head.toString());
        }
        return s;
    }

    /** Milliseconds of the TLS handshake alone (after the tunnel is open), sorted; the open time goes to {@code opens}. */
    static double[] handshakes(int n, Opener open, SSLContext ctx, String sni) throws Exception {
        return handshakes(n, open, ctx, sni, null);
    }

    static double[] handshakes(int n, Opener open, SSLContext ctx, String sni, double[] withOpen) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            Socket raw = open.open();
            long t1 = System.nanoTime();
            SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, sni, 443, true);
            tls.startHandshake();
            long t2 = System.nanoTime();
            ms[i] = (t2 - t1) / 1e6;
            if (withOpen != null) {
                withOpen[i] = (t2 - t0) / 1e6;
            }
            tls.getSession().invalidate(); // no resumption: every handshake is a full one
            tls.close();
        }
        Arrays.sort(ms);
        if (withOpen != null) {
            Arrays.sort(withOpen);
        }
        return ms;
    }

    /** MB/s of one GET of the whole download over TLS. */
    static double download(Opener open, SSLContext ctx, String host) throws Exception {
        try (Socket raw = open.open(); SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, 443, true)) {
            tls.startHandshake();
            long t0 = System.nanoTime();
            OutputStream out = tls.getOutputStream();
            out.write(("GET /big HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = tls.getInputStream();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int r;
            while ((r = in.read(buf)) >= 0) {
                total += r;
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            if (total < ((long) DOWNLOAD_MB << 20)) {
                throw new IllegalStateException("download cut short: " + total + " bytes");
            }
            return total / 1048576.0 / secs;
        }
    }

    /** p50 ms of the same chat request on the gateway route and through an intercepted tunnel, interleaved. */
    static double[] chats(int proxy, byte[] body, SSLContext trustHush) throws Exception {
        HttpClient gw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpClient via = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy))).sslContext(trustHush).build();
        HttpRequest g = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy + "/openai/v1/chat/completions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpRequest i = HttpRequest.newBuilder(URI.create("https://api.openai.com/v1/chat/completions"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        for (int w = 0; w < 200; w++) {
            check(gw.send(g, HttpResponse.BodyHandlers.ofString()));
            check(via.send(i, HttpResponse.BodyHandlers.ofString()));
        }
        double[] a = new double[CHATS], b = new double[CHATS];
        for (int k = 0; k < CHATS; k++) {
            long t0 = System.nanoTime();
            check(gw.send(g, HttpResponse.BodyHandlers.ofString()));
            long t1 = System.nanoTime();
            check(via.send(i, HttpResponse.BodyHandlers.ofString()));
            long t2 = System.nanoTime();
            a[k] = (t1 - t0) / 1e6;
            b[k] = (t2 - t1) / 1e6;
        }
        Arrays.sort(a);
        Arrays.sort(b);
        return new double[] {a[CHATS / 2], b[CHATS / 2]};
    }

    static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(r.statusCode() + " " + r.body());
        }
    }

    /** Opens n blind tunnels to the echo server, proves each with one round trip, holds them all; [alive, heap MB]. */
    static long[] holdTunnels(int proxy, int echoPort, int n) throws Exception {
        List<Socket> held = new ArrayList<>(n);
        long alive = 0;
        try {
            for (int k = 0; k < n; k++) {
                Socket s = connect(proxy, "127.0.0.1:" + echoPort);
                s.getOutputStream().write('x');
                if (s.getInputStream().read() == 'x') {
                    alive++;
                }
                held.add(s);
            }
            for (Socket s : held) { // still alive once all are open
                s.getOutputStream().write('y');
            }
            long stillAlive = 0;
            for (Socket s : held) {
                if (s.getInputStream().read() == 'y') {
                    stillAlive++;
                }
            }
            alive = Math.min(alive, stillAlive);
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            return new long[] {alive, heap};
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    static double median(List<Double> l) {
        double[] a = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    /** The median over rounds of each round's quantile q. */
    static double median(List<double[]> rounds, double q) {
        List<Double> qs = new ArrayList<>();
        for (double[] r : rounds) {
            qs.add(r[Math.min(r.length - 1, (int) Math.ceil(q * r.length) - 1 < 0 ? 0 : (int) Math.ceil(q * r.length) - 1)]);
        }
        return median(qs);
    }

    static SSLContext trusting(X509Certificate root) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
