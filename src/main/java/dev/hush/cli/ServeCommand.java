package dev.hush.cli;

import dev.hush.audit.AuditSink;
import dev.hush.audit.ChainedAuditLog;
import dev.hush.audit.KeyedHash;
import dev.hush.config.GatewaySettings;
import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Scanner;
import dev.hush.proxy.AdminServer;
import dev.hush.proxy.DemoUpstream;
import dev.hush.pipeline.ProxyMetrics;
import dev.hush.proxy.GatewayServer;
import dev.hush.proxy.NativeTransport;
import dev.hush.proxy.forward.BrowserMode;
import dev.hush.proxy.forward.BrowserPages;
import dev.hush.proxy.forward.ForwardProxy;
import dev.hush.proxy.tls.CertificateAuthority;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hush serve}: the API gateway that AI SDKs point their base URL at. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the API gateway: /openai (and /v1), /azure, /anthropic, /gemini.",
            "Flags override the config file; with no config the defaults work."})
public final class ServeCommand implements Callable<Integer> {
    private static final Set<String> PROVIDERS = Set.of("openai", "azure", "anthropic", "gemini");

    @Option(names = "--host", paramLabel = "ADDR", description = "Gateway address to bind (default: gateway.host, 0.0.0.0).")
    String host;

    @Option(names = "--admin-host", paramLabel = "ADDR", description = "Admin address to bind (default: gateway.adminHost, 127.0.0.1).")
    String adminHost;

    @Option(names = "--port", paramLabel = "PORT", description = "Gateway port (default: gateway.port, 8080).")
    Integer port;

    @Option(names = "--admin-port", paramLabel = "PORT", description = "Port of /healthz, /readyz, /metrics (default: gateway.adminPort, 8081).")
    Integer adminPort;

    @Option(names = "--upstream", paramLabel = "NAME=URL", description = "Upstream base URL (repeatable); NAME is openai, azure, anthropic, gemini or an intercepted host (chatgpt.com).")
    Map<String, String> upstreams = new LinkedHashMap<>();

    @Option(names = "--tunnel-ports", paramLabel = "PORTS", split = ",", description = "Ports CONNECT may reach (default: proxy.tunnelPorts, 443).")
    List<Integer> tunnelPorts;

    @Option(names = "--tunnel-private", description = "Let the proxy connect to loopback, private and link-local addresses (proxy.tunnelPrivate).")
    boolean tunnelPrivate;

    @Option(names = "--audit-dir", paramLabel = "DIR", description = "Audit log folder (default: audit.dir).")
    Path auditDir;

    @Option(names = "--demo", description = "Start an embedded stand-in model that echoes prompts and point every provider at it.")
    boolean demo;

    @Mixin
    ConfigOption config;

    /** A started gateway: its bound ports and how to stop it. */
    public record Running(int port, int adminPort, Runnable stop) {
    }

    /** The CA browser mode signs with: created on first start (where it is and how to export it is logged). */
    static CertificateAuthority caForServe(Path dataDir) throws java.io.IOException {
        if (CertificateAuthority.exists(dataDir)) {
            return CertificateAuthority.load(dataDir);
        }
        CertificateAuthority ca = CertificateAuthority.create(dataDir, null);
        System.out.println("hush: created a CA for browser mode in " + CertificateAuthority.certFile(dataDir).getParent()
                + " (key owner-only); install its certificate from `hush ca export` or http://ADMIN/ca.crt");
        return ca;
    }

    @Override
    public Integer call() throws Exception {
        Running r = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            r.stop().run();
            stopped.countDown();
        }, "hush-shutdown"));
        stopped.await();
        return 0;
    }

    /** Loads the configuration, applies the flags and starts everything; returns once listening. */
    public Running start() throws Exception {
        HushConfig cfg = config.load();
        if (host != null) {
            cfg.gateway.host = host;
        }
        if (adminHost != null) {
            cfg.gateway.adminHost = adminHost;
        }
        if (port != null) {
            cfg.gateway.port = port;
        }
        if (adminPort != null) {
            cfg.gateway.adminPort = adminPort;
        }
        for (Map.Entry<String, String> e : upstreams.entrySet()) {
            if (!PROVIDERS.contains(e.getKey()) && !GatewaySettings.isHostName(e.getKey())) {
                throw new IllegalArgumentException("--upstream " + e.getKey()
                        + ": NAME must be openai, azure, anthropic, gemini or an intercepted host name");
            }
            cfg.gateway.upstreams.put(e.getKey(), e.getValue());
        }
        if (tunnelPorts != null) {
            cfg.proxy.tunnelPorts = new java.util.ArrayList<>(tunnelPorts);
        }
        if (tunnelPrivate) {
            cfg.proxy.tunnelPrivate = true;
        }
        if (auditDir != null) {
            cfg.audit.dir = auditDir.toString();
        }
        List<String> errors = cfg.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid configuration:\n  " + String.join("\n  ", errors));
        }
        Scanner scanner = ScannerFactory.build(cfg);
        KeyedHash keyHash = new KeyedHash(dev.hush.config.HashKeyFile.loadOrCreate(cfg, Path.of(cfg.dataDir)));
        AuditSink audit = ChainedAuditLog.open(Path.of(cfg.audit.dir), cfg.audit);
        Vertx vertx = NativeTransport.vertx(new VertxOptions());
        DemoUpstream demoUpstream = null;
        try {
            if (demo) {
                demoUpstream = new DemoUpstream(vertx);
                int demoPort = demoUpstream.start().await();
                for (String p : PROVIDERS) {
                    cfg.gateway.upstreams.put(p, "http://127.0.0.1:" + demoPort);
                }
            }
            ProxyMetrics metrics = new ProxyMetrics();
            GatewayServer gateway = new GatewayServer(vertx, cfg, scanner, audit, keyHash, metrics);
            AdminServer admin = new AdminServer(vertx, gateway, metrics, cfg.gateway.adminToken);
            ForwardProxy forward = null;
            int[] gwPortRef = {0};
            if (cfg.proxy.enabled) {
                CertificateAuthority ca = caForServe(Path.of(cfg.dataDir));
                List<String> uncovered = ca.notCovered(cfg.proxy.intercept);
                if (!uncovered.isEmpty()) {
                    System.out.println("hush: warning: the CA is name-constrained and cannot sign for " + uncovered
                            + "; browsers will refuse those hosts until a new CA (hush ca init --name-constrained) is installed");
                }
                forward = BrowserMode.start(vertx, cfg.proxy, cfg.gateway.upstreams, ca, gateway.interceptedRequests(), gateway.interceptedWebSockets(),
                        cfg.gateway.upstreamCaFile, cfg.gateway.eventLoops > 0 ? cfg.gateway.eventLoops
                                : Runtime.getRuntime().availableProcessors(), cfg.gateway.connectTimeoutMs).await();
                gateway.forwardProxy(forward.auditRefusals(audit));
                admin.browserPages(new BrowserPages(ca, cfg.proxy, () -> gwPortRef[0]));
            }
            int gwPort = gateway.start(cfg.gateway.host, cfg.gateway.port).await();
            gwPortRef[0] = gwPort;
            int adPort = admin.start(cfg.gateway.adminHost, cfg.gateway.adminPort).await();
            System.out.println("hush: gateway on http://" + cfg.gateway.host + ":" + gwPort
                    + "  (/openai/v1, /v1, /azure, /anthropic, /gemini)");
            System.out.println("hush: admin on http://" + cfg.gateway.adminHost + ":" + adPort + "  (/healthz, /readyz, /metrics"
                    + (cfg.gateway.adminToken != null ? " with token" : "") + (forward != null ? ", /ca.crt, /ca, /proxy.pac" : "") + ")");
            if (forward != null) {
                System.out.println("hush: browser mode on the gateway port (CONNECT): " + cfg.proxy.intercept.size()
                        + " intercepted host pattern(s), everything else tunnelled unread");
            }
            System.out.println("hush: transport " + NativeTransport.describe(vertx));
            if (cfg.identity.jwt.enabled) {
                System.out.println("hush: JWT identity from " + cfg.identity.jwt.issuer + " (keys "
                        + (cfg.identity.jwt.jwksIsUrl() ? "fetched from " + withoutCredentials(cfg.identity.jwt.jwks)
                                : "read from " + cfg.identity.jwt.jwks)
                        + "; token in " + cfg.identity.jwt.header + " or Authorization)");
            }
            System.out.println("hush: " + scanner.detectors().size() + " detector(s), rule set " + scanner.version()
                    + ", audit in " + cfg.audit.dir);
            if (demo) {
                System.out.println("hush: demo mode: every provider is a local echo model. Try:");
                System.out.println("  curl -s localhost:" + gwPort + "/openai/v1/chat/completions -H 'content-type: application/json' \\");
                System.out.println("    -d '{\"model\":\"demo\",\"messages\":[{\"role\":\"user\",\"content\":\"Email jane.doe@example.com\"}]}'");
            }
            DemoUpstream demoRef = demoUpstream;
            ForwardProxy forwardRef = forward;
            return new Running(gwPort, adPort, () -> {
                try {
                    gateway.stop().await();
                    if (forwardRef != null) {
                        forwardRef.stop().await();
                    }
                    admin.stop().await();
                    if (demoRef != null) {
                        demoRef.stop().await();
                    }
                    vertx.close().await();
                } catch (Exception ignored) {
                    // stopping anyway
                } finally {
                    audit.close();
                }
            });
        } catch (Exception e) {
            vertx.close();
            audit.close();
            throw new IllegalStateException("cannot start: " + e.getMessage(), e);
        }
    }

    /** A URL as it may be printed: no user info, query or fragment (they can hold credentials). */
    static String withoutCredentials(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + u.getRawPath();
    }
}
