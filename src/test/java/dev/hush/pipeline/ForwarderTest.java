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
    /**
     * The upstream parsed once gives the request exactly what {@code setAbsoluteURI(upstream + path)} gives it
     * (host, port, TLS, URI), for plain paths and for those that take the slow way (fragments, dot segments,
     * spaces, non-ASCII, backslashes), random ones included.
     */
    @Test
    void upstreamOptionsMatchTheParsedAbsoluteUri() {
        String[] upstreams = {"http://127.0.0.1:18480", "https://api.openai.com", "http://localhost", "https://h:8443/base",
            "http://[::1]:9000", "https://myres.openai.azure.com/", "HTTPS://Api.Example.com", "http://h/a/b"};
        java.util.List<String> paths = new java.util.ArrayList<>(java.util.List.of("/v1/chat/completions",
                "/v1/models?limit=5&x=%20y", "/", "//double", "/a/./b", "/a/../b", "/a#frag", "/a b", "/caf\u00e9",
                "/a\\b", "/v1beta/models/gemini:generateContent?alt=sse&key=k", "/.hidden", "/a/.", "/x?q=/.", ""));
        java.util.Random rnd = new java.util.Random(7);
        String alphabet = "/abc.?#&=%:@!$'()*+,;~-_\\ \u00e9Z09";
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder("/");
            for (int n = rnd.nextInt(12); n > 0; n--) {
                b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            paths.add(b.toString());
        }
        for (String up : upstreams) {
            for (String path : paths) {
                io.vertx.core.http.RequestOptions expected;
                try {
                    expected = new io.vertx.core.http.RequestOptions().setAbsoluteURI(up + path);
                } catch (RuntimeException e) {
                    continue; // not a URL at all: the request fails either way
                }
                io.vertx.core.http.RequestOptions got = Forwarder.upstreamOptions(up, path);
                String what = up + " + " + path;
                assertEquals(expected.getHost(), got.getHost(), what);
                assertEquals(expected.getPort(), got.getPort(), what);
                assertEquals(expected.isSsl(), got.isSsl(), what);
                assertEquals(expected.getURI(), got.getURI(), what);
            }
        }
    }
}
