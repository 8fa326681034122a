package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.hush.adapter.Adapters;
import dev.hush.config.GatewaySettings;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.http.impl.HttpClientConnectionInternal;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ForwarderTest {
    /**
     * Requests sent from two event loops, one after the other over keep-alive connections: each goes out on a
     * connection of its own loop. With one pool for all loops, the second loop's request would be handed the
     * first loop's idle connection (Vert.x picks the one used last), and its writes and answer would cross
     * threads.
     */
    @Test
    void eachEventLoopSendsOnItsOwnConnections() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        try {
            HttpServer upstream = vertx.createHttpServer()
                    .requestHandler(req -> req.body().onSuccess(b -> req.response().end("{}")))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            Forwarder forwarder = new Forwarder(vertx, new GatewaySettings());
            Target target = new Target(Adapters.registered().get("openai"), "127.0.0.1",
                    "http://127.0.0.1:" + upstream.actualPort(), "/v1/chat/completions");
            Caller caller = new Caller("ip:127.0.0.1", Set.of(), null, null, null, Caller.ADDRESS);
            // event-loop contexts are handed out round robin over the loops
            Context a = ((VertxInternal) vertx).createEventLoopContext();
            Context b = ((VertxInternal) vertx).createEventLoopContext();
            EventLoop loopA = ((ContextInternal) a).nettyEventLoop();
            EventLoop loopB = ((ContextInternal) b).nettyEventLoop();
            assertNotSame(loopA, loopB, "two contexts on two event loops");
            int sent = 0;
            for (int round = 0; round < 3; round++) {
                for (Context ctx : new Context[] {a, b}) {
                    CompletableFuture<EventLoop[]> loops = new CompletableFuture<>();
                    ctx.runOnContext(v -> {
                        EventLoop[] seen = new EventLoop[2];
                        seen[0] = ((ContextInternal) Vertx.currentContext()).nettyEventLoop();
                        forwarder.send(target, caller, HttpMethod.POST, MultiMap.caseInsensitiveMultiMap(),
                                Buffer.buffer("{\"messages\":[]}"), false,
                                creq -> seen[1] = ((HttpClientConnectionInternal) creq.connection()).channelHandlerContext().channel().eventLoop())
                                .compose(resp -> resp.body()).onComplete(ar -> {
                                    if (ar.succeeded()) {
                                        loops.complete(seen);
                                    } else {
                                        loops.completeExceptionally(ar.cause());
                                    }
                                });
                    });
                    EventLoop[] seen = loops.get(30, TimeUnit.SECONDS);
                    assertSame(seen[0], seen[1], "round " + round + ": the connection is on the sender's loop");
                    sent++;
                }
            }
            assertEquals(6, sent);
            forwarder.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
