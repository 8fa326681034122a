package dev.hush.pipeline;

import dev.hush.adapter.Adapter;

/**
 * Where a request goes, for either front door.
 *
 * @param adapter  the adapter that reads it and answers for it
 * @param host     the destination host for policy and audit (the upstream's, or the intercepted SNI host)
 * @param upstream the upstream base URL without trailing slash, or null when none is configured
 * @param path     path and query as the destination expects them
 */
public record Target(Adapter adapter, String host, String upstream, String path) {

    public String pathOnly() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
