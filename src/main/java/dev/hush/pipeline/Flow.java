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

    Flow(HttpServerRequest req) {
        this.req = req;
        this.resp = req.response();
        resp.closeHandler(v -> clientClosed());
        resp.exceptionHandler(e -> clientClosed());
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
        if (clientGone) {
            r.reset();
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
            cancelUpstream();
        }
    }
}
