package dev.hush.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The registered adapters ({@code META-INF/services/dev.hush.adapter.Adapter}, in file order) and the
 * choice of one per front door; the {@link GenericAdapter} answers for whatever no adapter claims.
 */
public final class Adapters {
    private static final Adapters DEFAULT = new Adapters(load());
    private final List<Adapter> all;
    private final GenericAdapter generic = GenericAdapter.INSTANCE;

    public Adapters(List<Adapter> adapters) {
        this.all = List.copyOf(adapters);
    }

    /** The adapters found on the class path. */
    public static Adapters registered() {
        return DEFAULT;
    }

    private static List<Adapter> load() {
        List<Adapter> l = new ArrayList<>();
        for (Adapter a : ServiceLoader.load(Adapter.class, Adapters.class.getClassLoader())) {
            l.add(a);
        }
        return l;
    }

    public List<Adapter> all() {
        return all;
    }

    /** The adapter with this name, or null. */
    public Adapter get(String name) {
        for (Adapter a : all) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return generic.name().equals(name) ? generic : null;
    }

    /** The fallback for hosts and requests nobody claims. */
    public Adapter generic() {
        return generic;
    }

    /** Gateway front door: the adapter owning this request URI, with its path, or null. */
    public GatewayMatch gateway(String uri) {
        for (Adapter a : all) {
            String p = a.gatewayPath(uri);
            if (p != null) {
                return new GatewayMatch(a, p);
            }
        }
        return null;
    }

    /** Intercepted front door: the first adapter that knows this host and path, else the generic one. */
    public Adapter intercepted(String host, String path) {
        String h = host.toLowerCase(Locale.ROOT);
        for (Adapter a : all) {
            if (a.intercepts(h, path)) {
                return a;
            }
        }
        return generic;
    }

    /** An adapter and the destination's own path for a gateway URI. */
    public record GatewayMatch(Adapter adapter, String path) {
    }
}
