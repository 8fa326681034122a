package dev.hush.proxy;

import dev.hush.config.GatewaySettings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Time limits for what a client sends, against slow-loris clients that open connections and trickle bytes
 * (each byte resets an idle timer, so an idle timeout alone never fires):
 * <ul>
 * <li>{@code gateway.headerTimeoutMs}: a connection must deliver a complete request head within this time of
 * opening, or of its previous exchange ending (so an idle keep-alive connection is closed after it too);
 * <li>{@code gateway.bodyTimeoutMs}: a request's whole body must arrive within this time of its head;
 * <li>{@code gateway.maxConnections}: connections beyond it are closed as they open.
 * </ul>
 * One guard per connection, living on the connection's event loop (its handlers and its timer all run there,
 * so it needs no locking). A periodic check at a quarter of the shorter limit keeps one timer per connection.
 *
 * <p>With h2c enabled, Vert.x makes the HTTP connection (and calls the connection handler) only once the first
 * request head is complete. Until then the server's write-idle timeout, set to {@code headerTimeoutMs}, closes
 * the connection: the server writes nothing before that head, so the timeout runs from the opening and bytes
 * trickled in do not restart it. When the connection appears the guard lifts that timeout (a long completion
 * may legitimately write nothing for minutes) and takes over.
 */
final class ConnectionGuard {
    private final Vertx vertx;
    private final HttpConnection conn;
    private final long headerTimeoutMs;
    private final long bodyTimeoutMs;
    private final AtomicInteger open;
    private final Runnable onClose;
    private final List<Active> active = new ArrayList<>(1);
    private long idleSince = System.nanoTime();
    private long timer = -1;
    private boolean closed;

    private record Active(HttpServerRequest req, long since) {
    }

    private ConnectionGuard(Vertx vertx, HttpConnection conn, GatewaySettings s, AtomicInteger open, Runnable onClose) {
        this.vertx = vertx;
        this.conn = conn;
        this.headerTimeoutMs = s.headerTimeoutMs;
        this.bodyTimeoutMs = s.bodyTimeoutMs;
        this.open = open;
        this.onClose = onClose;
    }

    /**
     * Registers a new connection, or closes it when {@code maxConnections} are already open ({@code open}
     * counts them across event loops). {@code onClose} runs once when the connection goes.
     */
    static ConnectionGuard attach(Vertx vertx, HttpConnection conn, GatewaySettings s, AtomicInteger open,
            Runnable onClose) {
        ConnectionGuard g = new ConnectionGuard(vertx, conn, s, open, onClose);
        if (open.incrementAndGet() > s.maxConnections) {
            open.decrementAndGet();
            g.closed = true;
            conn.closeHandler(v -> onClose.run());
            conn.close();
            return g;
        }
        conn.closeHandler(v -> g.closed());
        liftIdleTimeout(conn);
        long tick = Math.max(10, Math.min(g.headerTimeoutMs, g.bodyTimeoutMs) / 4);
        g.timer = vertx.setPeriodic(tick, id -> g.check());
        return g;
    }

    /** Whether the server may use its idle timeout for the first head: the guard can lift it later. */
    static boolean canLiftIdleTimeout() {
        try {
            return io.vertx.core.net.impl.ConnectionBase.class.getMethod("channel") != null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    /** Removes the server's idle-timeout handler from this connection (Vert.x names it "idle"). */
    private static void liftIdleTimeout(HttpConnection conn) {
        if (conn instanceof io.vertx.core.net.impl.ConnectionBase base && base.channel().pipeline().get("idle") != null) {
            base.channel().pipeline().remove("idle");
        }
    }

    /**
     * A request head arrived on this connection: false when the guard has closed (or refused) the connection,
     * and the request must not be served. A CONNECT or an upgrade turns the connection into a tunnel
     * or a WebSocket whose lifetime is its handler's business: the guard steps aside.
     */
    boolean admit(HttpServerRequest req) {
        if (closed) {
            return false; // refused or timed out: its requests are not served, whatever the close's timing
        }
        if (req.method() == io.vertx.core.http.HttpMethod.CONNECT || req.headers().contains("Upgrade")) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
                timer = -1;
            }
            return true;
        }
        // finished exchanges go now, not only at the next check: a keep-alive connection serves thousands of
        // requests between checks, and each one held here keeps its whole exchange (bodies, scan, record) alive
        // past young collections (promoted garbage: long pauses, a heap that grows until a mixed collection)
        active.removeIf(a -> a.req.response().ended() || a.req.response().closed());
        active.add(new Active(req, System.nanoTime()));
        return true;
    }

    /** Requests this guard still holds (for tests: bounded by those in flight, plus the last one). */
    int tracked() {
        return active.size();
    }

    private void check() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        boolean removed = active.removeIf(a -> a.req.response().ended() || a.req.response().closed());
        if (removed && active.isEmpty()) {
            idleSince = now;
        }
        for (Active a : active) {
            if (!a.req.isEnded() && now - a.since > bodyTimeoutMs * 1_000_000L) {
                close(); // the body stalled: the exchange sees the close and answers or audits it
                return;
            }
        }
        if (active.isEmpty() && now - idleSince > headerTimeoutMs * 1_000_000L) {
            close();
        }
    }

    private void close() {
        closed();
        conn.close();
    }

    private void closed() {
        if (!closed) {
            closed = true;
            open.decrementAndGet();
            onClose.run();
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
