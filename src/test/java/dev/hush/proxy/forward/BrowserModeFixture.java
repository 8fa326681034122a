package dev.hush.proxy.forward;

import dev.hush.cli.ServeCommand;
import dev.hush.proxy.tls.CertificateAuthority;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine;

/**
 * A real {@code hush serve} on 127.0.0.1 with browser mode on, the built-in rules, and a plain-HTTP stub
 * upstream that every intercepted test host is pointed at with {@code --upstream HOST=URL}.
 */
final class BrowserModeFixture implements AutoCloseable {
    static final List<String> STUBBED = List.of("api.openai.com", "chatgpt.com", "api.anthropic.com");

    record Received(String host, String method, String uri, String body) {
    }

    final Vertx vertx = Vertx.vertx();
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile BiConsumer<HttpServerRequest, String> responder = (req, body) ->
            req.response().putHeader("content-type", "application/json").end("{\"ok\":true}");
    final HttpServer stub;
    final Path dir;
    final ServeCommand.Running run;
    final Path caPem;

    BrowserModeFixture(Path dir, String extraYaml, String... extraArgs) throws Exception {
        this.dir = dir;
        stub = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
            received.add(new Received(req.authority() == null ? "" : req.authority().host(), req.method().name(), req.uri(), b.toString()));
            responder.accept(req, b.toString());
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        Path cfg = dir.resolve("hush.yaml");
        Files.writeString(cfg, "dataDir: " + dir.resolve("data") + "\n"
                + "gateway:\n  host: 127.0.0.1\n  eventLoops: 2\n"
                + "nlp:\n  person:\n    enabled: false\n"
                + "audit:\n  dir: " + dir.resolve("audit") + "\n" + extraYaml);
        List<String> args = new ArrayList<>(List.of("--port", "0", "--admin-port", "0", "--config", cfg.toString()));
        for (String h : STUBBED) {
            args.add("--upstream");
            args.add(h + "=http://127.0.0.1:" + stub.actualPort());
        }
        args.add("--upstream");
        args.add("openai=http://127.0.0.1:" + stub.actualPort()); // the gateway route on the same port
        args.addAll(List.of(extraArgs));
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs(args.toArray(new String[0]));
        run = cmd.start();
        caPem = CertificateAuthority.certFile(dir.resolve("data"));
    }

    int port() {
        return run.port();
    }

    String proxy() {
        return "http://127.0.0.1:" + run.port();
    }

    X509Certificate ca() throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(caPem)));
    }

    /** Trusts only the given certificates. */
    static SSLContext trusting(X509Certificate... roots) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < roots.length; i++) {
            ks.setCertificateEntry("root" + i, roots[i]);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A Java HTTP client that goes through Hush and trusts Hush's CA. */
    HttpClient javaClient(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10))
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", port())))
                .sslContext(trusting(ca())).build();
    }

    List<Received> receivedBy(String host) {
        return received.stream().filter(r -> r.host().equals("127.0.0.1") || r.host().equals(host)).toList();
    }

    /** Runs curl and returns [exit code, stdout, stderr]. */
    static String[] curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        int rc = p.waitFor();
        return new String[] {Integer.toString(rc), new String(out), new String(err)};
    }

    static boolean hasCurl() {
        try {
            return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static Map<String, String> none() {
        return Map.of();
    }

    @Override
    public void close() throws Exception {
        run.stop().run();
        stub.close().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
    }
}
