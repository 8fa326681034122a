package dev.hush.cli;

import dev.hush.proxy.NativeTransport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hush stub-upstream --port P}: a minimal, fast stand-in for a model provider, for the load harness
 * ({@code bench/proxy-load.sh}). Every request is read to its end and answered with the same small OpenAI
 * chat completion, so what is measured is the proxy in front of it. Listens on 127.0.0.1 only. Hidden: it is
 * a benchmark tool, not a feature ({@code serve --demo} is the one for people).
 */
@Command(name = "stub-upstream", hidden = true, mixinStandardHelpOptions = true,
        description = "Serve a fixed OpenAI-style chat completion on 127.0.0.1 (load-test upstream).")
public final class StubUpstreamCommand implements Callable<Integer> {
    static final String COMPLETION = "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1764288000,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Thanks, I have summarised the ticket: the customer asked for a refund of the duplicate"
            + " charge and the team will follow up by email within two business days.\"},"
            + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1021,"
            + "\"completion_tokens\":32,\"total_tokens\":1053}}";

    @Option(names = "--port", required = true, paramLabel = "P", description = "Port on 127.0.0.1.")
    int port;

    @Option(names = "--event-loops", paramLabel = "N", description = "Event-loop threads. Default: ${DEFAULT-VALUE}.")
    int eventLoops = 1;

    @Override
    public Integer call() throws Exception {
        Vertx vertx = NativeTransport.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        byte[] body = COMPLETION.getBytes(StandardCharsets.UTF_8);
        String length = Integer.toString(body.length);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                .requestHandler(req -> {
                    req.handler(chunk -> { }); // discard the prompt, but only answer once all of it arrived
                    req.endHandler(v -> req.response()
                            .putHeader("content-type", "application/json")
                            .putHeader("content-length", length)
                            .end(Buffer.buffer(body)));
                });
        server.listen().toCompletionStage().toCompletableFuture().get();
        System.err.println("stub-upstream: listening on 127.0.0.1:" + server.actualPort() + ", transport "
                + NativeTransport.describe(vertx));
        new CountDownLatch(1).await(); // until the process is stopped
        return 0;
    }
}
