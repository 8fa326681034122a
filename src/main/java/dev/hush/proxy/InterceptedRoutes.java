package dev.hush.proxy;

import dev.hush.policy.Glob;
import dev.hush.provider.ProviderAdapters;
import java.util.Map;

/**
 * Which provider adapter reads a request the forward proxy decrypted: the API hosts map to their provider;
 * the web apps get the OpenAI adapter, whose fallback for paths it does not know scans every string of the
 * body (web-app adapters replace this when the request pipeline lands).
 */
final class InterceptedRoutes {
    private static final Map<String, String> API_HOSTS = Map.of(
            "api.openai.com", "openai",
            "*.openai.azure.com", "azure",
            "api.anthropic.com", "anthropic",
            "generativelanguage.googleapis.com", "gemini");

    private InterceptedRoutes() {
    }

    static Route route(String host, String uri) {
        String provider = "openai";
        for (Map.Entry<String, String> e : API_HOSTS.entrySet()) {
            if (Glob.matches(e.getKey(), host)) {
                provider = e.getValue();
            }
        }
        String path = uri;
        if (path.regionMatches(true, 0, "http://", 0, 7)) {
            // absolute-form: keep path and query only
            int slash = path.indexOf('/', 7);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        return new Route(ProviderAdapters.get(provider), path.isEmpty() ? "/" : path);
    }
}
