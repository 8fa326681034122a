package dev.hush.policy;

import java.util.Set;

/**
 * Where a request goes and who sends it: what a rule may match besides the finding type.
 *
 * @param provider openai, azure, anthropic, gemini
 * @param model    model or deployment name, or null when unknown
 * @param host     upstream host name
 * @param user     caller identity (never a raw key)
 * @param groups   caller groups (from the proxy identity), possibly empty
 */
public record Destination(String provider, String model, String host, String user, Set<String> groups) {
    public Destination {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }
}
