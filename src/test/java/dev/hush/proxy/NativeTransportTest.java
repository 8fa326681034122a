package dev.hush.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NativeTransportTest {
    /** On Linux x86_64 the epoll jar ships its native library: NIO there means the dependency went missing. */
    @Test
    void epollRunsOnLinuxX8664() throws Exception {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && ("amd64".equals(arch) || "x86_64".equals(arch)),
                "native epoll is bundled for Linux x86_64 only; this is " + os + "/" + arch);
        Vertx vertx = NativeTransport.vertx(new VertxOptions());
        try {
            String d = NativeTransport.describe(vertx);
            assertTrue(vertx.isNativeTransportEnabled(), d);
            assertTrue(d.contains("epoll"), d);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
