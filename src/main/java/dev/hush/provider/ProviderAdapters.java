package dev.hush.provider;

import java.util.LinkedHashMap;
import java.util.Map;

/** The known provider APIs by name: the one place a new provider is registered. */
public final class ProviderAdapters {
    private static final Map<String, ProviderAdapter> ALL = new LinkedHashMap<>();

    static {
        for (ProviderAdapter a : new ProviderAdapter[] {
            new OpenAiAdapter(), new AzureOpenAiAdapter(), new AnthropicAdapter(), new GeminiAdapter()}) {
            ALL.put(a.name(), a);
        }
    }

    private ProviderAdapters() {
    }

    public static Map<String, ProviderAdapter> all() {
        return ALL;
    }

    public static ProviderAdapter get(String name) {
        return ALL.get(name);
    }
}
