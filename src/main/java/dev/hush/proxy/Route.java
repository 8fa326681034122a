package dev.hush.proxy;

import dev.hush.provider.ProviderAdapter;
import dev.hush.provider.ProviderAdapters;

/**
 * Where a gateway path goes: {@code /openai/v1/...} and bare {@code /v1/...} to OpenAI, {@code /azure/...},
 * {@code /anthropic/...} and {@code /gemini/...} to theirs, with the prefix removed. The rest of the path and
 * the query pass through unchanged, so an SDK's base URL is all a client changes.
 *
 * @param adapter      the provider API
 * @param upstreamPath path and query as the provider expects them
 */
record Route(ProviderAdapter adapter, String upstreamPath) {

    static Route of(String uri) {
        for (String name : ProviderAdapters.all().keySet()) {
            String prefix = "/" + name;
            if (uri.startsWith(prefix) && (uri.length() == prefix.length() || uri.charAt(prefix.length()) == '/'
                    || uri.charAt(prefix.length()) == '?')) {
                String rest = uri.substring(prefix.length());
                return new Route(ProviderAdapters.get(name), rest.isEmpty() || rest.charAt(0) == '?' ? "/" + rest : rest);
            }
        }
        if (uri.startsWith("/v1/") || uri.equals("/v1")) {
            return new Route(ProviderAdapters.get("openai"), uri);
        }
        return null;
    }

    String pathOnly() {
        int q = upstreamPath.indexOf('?');
        return q < 0 ? upstreamPath : upstreamPath.substring(0, q);
    }
}
