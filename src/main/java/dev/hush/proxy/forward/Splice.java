package dev.hush.proxy.forward;

import io.netty.channel.Channel;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * Relays two sockets both ways, byte for byte, with back-pressure. A side whose peer is slow stops reading
 * at the transport (Netty's auto-read) instead of {@code NetSocket.pause()}: in Vert.x 5.0.7 a socket whose
 * remote closes while paused reports its end before the bytes it still holds (eclipse-vertx/vert.x#5748,
 * fixed later by #5969), and a tunnel would lose the tail of a download. With auto-read off, the close is
 * only seen after everything before it has been read and forwarded.
 */
final class Splice {
    private Splice() {
    }

    static void between(NetSocket a, NetSocket b) {
        oneWay(a, b);
        oneWay(b, a);
    }

    private static void oneWay(NetSocket from, NetSocket to) {
        Channel source = channel(from);
        from.handler(buf -> {
            to.write(buf);
            if (to.writeQueueFull()) {
                source.config().setAutoRead(false);
                to.drainHandler(v -> source.config().setAutoRead(true));
            }
        });
        from.endHandler(v -> to.end());
        from.exceptionHandler(e -> to.close());
    }

    private static Channel channel(NetSocket s) {
        return ((NetSocketInternal) s).channelHandlerContext().channel();
    }
}
