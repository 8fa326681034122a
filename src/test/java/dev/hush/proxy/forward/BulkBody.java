package dev.hush.proxy.forward;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** A large test download written chunk by chunk, respecting back-pressure (tests and the browser-mode benchmark). */
public final class BulkBody {
    private BulkBody() {
    }

    /** Writes {@code chunk} {@code count} times, waiting for the write queue to drain, then ends the response. */
    public static void write(HttpServerResponse resp, Buffer chunk, int count) {
        int[] left = {count};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            while (left[0] > 0 && !resp.writeQueueFull()) {
                left[0]--;
                resp.write(chunk);
            }
            if (left[0] == 0) {
                resp.end();
            } else {
                resp.drainHandler(v -> pump[0].run());
            }
        };
        pump[0].run();
    }
}
