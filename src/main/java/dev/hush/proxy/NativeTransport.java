package dev.hush.proxy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * Creates Vert.x on Netty's native epoll transport where it loads (Linux x86_64: the
 * {@code netty-transport-native-epoll} jar is on the class path), on NIO elsewhere. Epoll saves a
 * selector wake-up and a copy per read; the fallback is silent in behaviour but named by {@link #describe}.
 */
public final class NativeTransport {
    private NativeTransport() {
    }

    public static Vertx vertx(VertxOptions options) {
        return Vertx.vertx(options.setPreferNativeTransport(true));
    }

    /** Which transport runs, and why not the native one when it could not load. */
    public static String describe(Vertx vertx) {
        if (vertx.isNativeTransportEnabled()) {
            return "native (epoll)";
        }
        Throwable cause = vertx.unavailableNativeTransportCause();
        return "nio (native transport unavailable: "
                + (cause == null ? "not requested" : cause.getClass().getSimpleName() + ": " + cause.getMessage()) + ")";
    }
}
