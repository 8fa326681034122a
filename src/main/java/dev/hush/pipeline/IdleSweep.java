package dev.hush.pipeline;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The answer relay's idle look: one periodic timer per event-loop context over all the answers that context
 * relays, instead of a timer armed and cancelled per answer (a scheduled task and a timer-map entry each time).
 * The timer stops on a tick that finds nothing to watch and starts again with the next answer. Used only on
 * its context's thread; a watch ended from another thread is removed there.
 */
final class IdleSweep {
    /** One relayed answer: its last sign of life and what to do when it has been silent too long. */
    static final class Watch {
        long lastData = System.nanoTime();
        boolean paused;
        private final BooleanSupplier gone;
        private final Runnable onIdle;
        private IdleSweep sweep;

        Watch(BooleanSupplier gone, Runnable onIdle) {
            this.gone = gone;
            this.onIdle = onIdle;
        }

        /** Stops watching (the answer ended, broke or was cut); idempotent. */
        void end() {
            IdleSweep s = sweep;
            if (s == null) {
                return;
            }
            sweep = null;
            if (Vertx.currentContext() == s.context) {
                s.watches.remove(this);
            } else {
                s.context.runOnContext(v -> s.watches.remove(this));
            }
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final long tickMs;
    private final long idleNanos;
    private final LinkedHashSet<Watch> watches = new LinkedHashSet<>();
    private long timer = -1;

    private IdleSweep(Vertx vertx, Context context, long tickMs, long idleNanos) {
        this.vertx = vertx;
        this.context = context;
        this.tickMs = tickMs;
        this.idleNanos = idleNanos;
    }

    /**
     * Watches an answer on the calling context (the relay's), with the sweep of {@code owner} for that context.
     * Call on the context's thread.
     */
    static Watch watch(Vertx vertx, Object owner, long tickMs, long idleNanos, BooleanSupplier gone, Runnable onIdle) {
        Context ctx = vertx.getOrCreateContext();
        IdleSweep s = ctx.get(owner);
        if (s == null) {
            s = new IdleSweep(vertx, ctx, tickMs, idleNanos);
            ctx.put(owner, s);
        }
        Watch w = new Watch(gone, onIdle);
        w.sweep = s;
        s.watches.add(w);
        if (s.timer < 0) {
            IdleSweep sweep = s;
            s.timer = vertx.setPeriodic(tickMs, id -> sweep.tick());
        }
        return w;
    }

    private void tick() {
        if (watches.isEmpty()) {
            vertx.cancelTimer(timer);
            timer = -1;
            return;
        }
        long now = System.nanoTime();
        List<Watch> fire = null;
        for (var it = watches.iterator(); it.hasNext(); ) {
            Watch w = it.next();
            if (w.gone.getAsBoolean()) {
                it.remove();
                w.sweep = null;
            } else if (!w.paused && now - w.lastData > idleNanos) {
                it.remove();
                w.sweep = null;
                if (fire == null) {
                    fire = new ArrayList<>();
                }
                fire.add(w);
            }
        }
        if (fire != null) {
            fire.forEach(w -> w.onIdle.run()); // after the loop: a cut may end other watches
        }
    }
}
