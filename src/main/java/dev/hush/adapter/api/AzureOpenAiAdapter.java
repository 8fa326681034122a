package dev.hush.adapter.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Azure OpenAI: the OpenAI bodies and error format, but the model is the deployment in the path
 * ({@code /openai/deployments/{deployment}/chat/completions?api-version=}) and the key travels in {@code api-key}.
 */
public final class AzureOpenAiAdapter extends OpenAiAdapter {
    private static final Pattern DEPLOYMENT = Pattern.compile("/deployments/([^/?]+)");

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public String defaultUpstream() {
        return null; // a resource of the customer's own: must be configured
    }

    @Override
    public String gatewayPath(String uri) {
        return stripPrefix(uri, "/azure");
    }

    @Override
    protected boolean apiHost(String host) {
        return host.endsWith(".openai.azure.com");
    }

    @Override
    protected String model(ObjectNode body, String path) {
        Matcher m = DEPLOYMENT.matcher(path);
        return m.find() ? m.group(1) : super.model(body, path);
    }

    @Override
    protected java.util.List<String> headerPrefixes() {
        return java.util.List.of("openai-", "x-ms-");
    }

    @Override
    public String keyHeader() {
        return "api-key";
    }

    @Override
    public String keyHeaderValue(String key) {
        return key;
    }

    @Override
    public String keyFromHeader(String value) {
        return value;
    }
}
