package dev.hush.cli;

import dev.hush.config.GatewaySettings;
import dev.hush.proxy.NativeTransport;
import dev.hush.proxy.PassThroughProxy;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hush passthrough --port P --upstream URL}: a plain Vert.x reverse proxy with the gateway's server,
 * client and pool options and none of its work, the {@code vertx} leg of {@code bench/proxy-load.sh} (how much
 * of Hush's cost per request is Vert.x itself). Listens on 127.0.0.1 only. Hidden: a benchmark tool.
 */
@Command(name = "passthrough", hidden = true, mixinStandardHelpOptions = true,
        description = "Relay every request to one upstream with the gateway's Vert.x options (load-test floor).")
public final class PassThroughCommand implements Callable<Integer> {
    @Option(names = "--port", required = true, paramLabel = "P", description = "Port on 127.0.0.1.")
    int port;

    @Option(names = "--upstream", required = true, paramLabel = "URL", description = "http://host:port to relay to.")
    String upstream;

    @Override
    public Integer call() throws Exception {
        Vertx vertx = NativeTransport.vertx(new VertxOptions()); // as serve does
        int bound = new PassThroughProxy(vertx, new GatewaySettings(), upstream).start("127.0.0.1", port).await();
        System.err.println("passthrough: listening on 127.0.0.1:" + bound + ", relaying to " + upstream
                + ", transport " + NativeTransport.describe(vertx));
        new CountDownLatch(1).await(); // until the process is stopped
        return 0;
    }
}
