package dev.hush.pipeline;

import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The lifecycle of one client exchange, shared by the stages that touch the connection: whether an answer
 * was decided, whether the client left, and the upstream request to cancel when it does. Event loop only.
 */
final class Flow {
    final HttpServerRequest req;
    final HttpServerResponse resp;
    private boolean done;
    private boolean clientGone;
    private HttpClientRequest upstream;
    private dev.hush.detect.ScanContext scan;
    private Runnable onEnd;
    private Runnable onGone;

    Flow(HttpServerRequest req) {
        this.req = req;
        this.resp = req.response();
        resp.closeHandler(v -> clientClosed());
        resp.exceptionHandler(e -> clientClosed());
        resp.endHandler(v -> ended());
    }

    /** Runs {@code r} once, when the response has ended or the client has gone (e.g. to give back a budget). */
    void onEnd(Runnable r) {
        onEnd = r;
    }

    private void ended() {
        Runnable r = onEnd;
        onEnd = null;
        if (r != null) {
            r.run();
        }
    }

    /** Runs {@code r} if the client goes away before the response has ended. */
    void onClientGone(Runnable r) {
        onGone = r;
    }

    /** Marks the answer as decided; false when it already was (only the first answer counts). */
    boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }

    boolean done() {
        return done;
    }

    /** The client went away, or its response was already ended: nothing more should be written. */
    boolean gone() {
        return clientGone || resp.ended();
    }

    boolean clientGone() {
        return clientGone;
    }

    void upstream(HttpClientRequest r) {
        upstream = r;
        if (clientGone || done) {
            r.reset(); // the client left, or was answered (e.g. its audit decision failed) before this request began
        }
    }

    /** The scan of this request: cancelled when the client goes away, so the scan stops mid-text. */
    void scan(dev.hush.detect.ScanContext context) {
        scan = context;
        if (clientGone) {
            context.cancel();
        }
    }

    /** Stops paying for an answer nobody reads. */
    void cancelUpstream() {
        if (upstream != null) {
            upstream.reset();
        }
    }

    private void clientClosed() {
        if (!resp.ended()) {
            clientGone = true;
            if (scan != null) {
                scan.cancel(); // a scan still running for this request stops at its next check
            }
            cancelUpstream();
            Runnable g = onGone;
            onGone = null;
            if (g != null) {
                g.run();
            }
        }
        ended();
    }
}
