package dev.hush.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hush.adapter.Adapters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adapter choice and upstream resolution for both front doors. */
class TargetsTest {
    final Targets targets = new Targets(Adapters.registered(), Map.of("anthropic", "http://127.0.0.1:9/",
            "chatgpt.com", "http://127.0.0.1:9000"));

    @Test
    void providersAreRegisteredThroughTheServiceFile() {
        assertEquals(List.of("openai", "azure", "anthropic", "gemini", "chatgpt", "claude", "gemini-web", "copilot",
                "perplexity", "deepseek", "mistral", "metaai", "poe", "github-copilot"),
                Adapters.registered().all().stream().map(a -> a.name()).toList());
    }

    @Test
    void gatewayChoosesByPathPrefix() {
        Target t = targets.gateway("/anthropic/v1/messages?beta=1");
        assertEquals("anthropic", t.adapter().name());
        assertEquals("http://127.0.0.1:9", t.upstream());
        assertEquals("127.0.0.1", t.host());
        assertEquals("/v1/messages?beta=1", t.path());
        assertEquals("/v1/messages", t.pathOnly());
        Target bare = targets.gateway("/v1/chat/completions");
        assertEquals("openai", bare.adapter().name());
        assertEquals("/v1/chat/completions", bare.path());
        assertEquals("https://api.openai.com", bare.upstream());
        assertEquals("/", targets.gateway("/gemini").path());
        assertNull(targets.gateway("/azure/openai/deployments/x/chat/completions").upstream(), "azure must be configured");
        assertNull(targets.gateway("/nowhere"));
        assertNull(targets.gateway("/openaiX/v1"));
    }

    @Test
    void interceptedChoosesByHostWithTheGenericFallback() {
        Target chat = targets.intercepted("ChatGPT.com", "/backend-api/conversation?x=1");
        assertEquals("chatgpt", chat.adapter().name());
        assertEquals("chatgpt.com", chat.host());
        assertEquals("http://127.0.0.1:9000", chat.upstream(), "--upstream HOST=URL overrides");
        assertEquals("/backend-api/conversation?x=1", chat.path());
        Target api = targets.intercepted("api.anthropic.com", "/v1/messages");
        assertEquals("anthropic", api.adapter().name());
        assertEquals("https://api.anthropic.com", api.upstream());
        assertEquals("generic", targets.intercepted("chat.example.org", "/api").adapter().name(), "nobody claims it");
        assertEquals("chatgpt", targets.intercepted("files.oaiusercontent.com", "/file-x").adapter().name());
        Target azure = targets.intercepted("myres.openai.azure.com", "/openai/deployments/d/chat/completions");
        assertEquals("azure", azure.adapter().name());
        assertEquals("https://myres.openai.azure.com:8443", targets.intercepted("myres.openai.azure.com:8443", "/").upstream());
        assertEquals("myres.openai.azure.com", targets.intercepted("myres.openai.azure.com:8443", "/").host());
    }
}
