package dev.hush.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code proxy} section: browser mode on the {@code serve} port ({@code CONNECT host:port} and
 * absolute-form {@code http://} requests). Hosts on the intercept list are decrypted with a leaf from Hush's
 * CA and inspected; every other host is tunnelled byte for byte.
 */
public final class ProxySettings {
    /** Answer CONNECT and absolute-form requests on the serve port. */
    public boolean enabled = true;
    /** Host globs whose TLS is terminated and whose requests are inspected ({@code *.x.com} = any subdomain). */
    public List<String> intercept = new ArrayList<>(List.of(
            "chatgpt.com", "chat.openai.com", "*.oaiusercontent.com", "claude.ai", "gemini.google.com",
            "content-push.googleapis.com", "copilot.microsoft.com", "www.perplexity.ai", "chat.deepseek.com",
            "chat.mistral.ai", "www.meta.ai", "poe.com", "api.individual.githubcopilot.com",
            "api.business.githubcopilot.com", "api.openai.com", "*.openai.azure.com", "api.anthropic.com",
            "generativelanguage.googleapis.com"));
    /** Host globs never intercepted, even when on the intercept list (tunnelled blind). */
    public List<String> bypass = new ArrayList<>();
    /** Host globs refused with a page that says why (unsanctioned AI tools). */
    public List<String> deny = new ArrayList<>();
    /** Ports CONNECT may reach (anything else: 403). */
    public List<Integer> tunnelPorts = new ArrayList<>(List.of(443));
    /** Allow targets in loopback, private, link-local and the proxy's own addresses (tests, labs). */
    public boolean tunnelPrivate = false;
    /** File of {@code name:bcrypt-hash} lines ({@code hush proxy user add NAME}); set = proxy authentication required. */
    public String usersFile = null;
    /** The proxy address /proxy.pac names ({@code host:port}); empty = the serve port on the request's host. */
    public String pacAddress = "";
    /** Leaf certificates kept in memory (one per intercepted host name). */
    public long leafCacheEntries = 10_000;

    void validate(String path, List<String> errors) {
        globs(path + ".intercept", intercept, errors);
        globs(path + ".bypass", bypass, errors);
        globs(path + ".deny", deny, errors);
        if (tunnelPorts == null) {
            errors.add(path + ".tunnelPorts: must be a list of ports");
        } else {
            for (Integer p : tunnelPorts) {
                if (p == null || p < 1 || p > 65535) {
                    errors.add(path + ".tunnelPorts: " + p + " is not a port (1..65535)");
                }
            }
        }
        if (pacAddress == null || (!pacAddress.isEmpty() && !pacAddress.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}"))) {
            errors.add(path + ".pacAddress: must be empty or host:port");
        }
        if (leafCacheEntries < 16) {
            errors.add(path + ".leafCacheEntries: must be at least 16");
        }
    }

    private static void globs(String path, List<String> l, List<String> errors) {
        if (l == null) {
            errors.add(path + ": must be a list of host globs");
            return;
        }
        for (String g : l) {
            if (g == null || g.isBlank() || !g.matches("[A-Za-z0-9*.\\-]+")) {
                errors.add(path + ": '" + g + "' is not a host glob (letters, digits, '.', '-', '*')");
            }
        }
    }
}
