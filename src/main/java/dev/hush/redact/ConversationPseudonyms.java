package dev.hush.redact;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The placeholder map of one conversation: the same value always gets the same placeholder
 * ({@code <EMAIL_1>}), and a placeholder leads back to its value for restoring the answer.
 * Values live only here, in memory. Thread-safe without a conversation-wide lock (a conversation may have
 * parallel requests on several event loops): lookups of known values and placeholders read concurrent maps;
 * only the first sight of a value takes its map bin's lock, to number it exactly once.
 */
public final class ConversationPseudonyms {
    /** Labels per finding type: a handful of types, computed once instead of per placeholder. */
    private static final ConcurrentMap<String, String> LABELS = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> placeholderByValue = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> valueByPlaceholder = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    /** The placeholder for a value of a finding type, assigning the next number on first sight. */
    public String placeholder(String type, String value) {
        String label = LABELS.computeIfAbsent(type, ConversationPseudonyms::label);
        String key = label + '\u0000' + value;
        String p = placeholderByValue.get(key);
        if (p != null) {
            return p;
        }
        return placeholderByValue.computeIfAbsent(key, k -> {
            int n = counters.computeIfAbsent(label, l -> new AtomicInteger()).incrementAndGet();
            String fresh = "<" + label + "_" + n + ">";
            // published before the placeholder is handed out, so a restore can always find it
            valueByPlaceholder.put(fresh, value);
            return fresh;
        });
    }

    /** The original value behind a placeholder such as {@code <EMAIL_1>}, or null when this conversation never issued it. */
    public String original(String placeholder) {
        return valueByPlaceholder.get(placeholder);
    }

    public int size() {
        return valueByPlaceholder.size();
    }

    /** {@code PII.EMAIL} -> {@code EMAIL}; {@code CUSTOM.project-x} -> {@code PROJECT_X}. */
    static String label(String type) {
        String last = type.substring(type.lastIndexOf('.') + 1);
        StringBuilder b = new StringBuilder(last.length());
        for (int i = 0; i < last.length(); i++) {
            char c = Character.toUpperCase(last.charAt(i));
            b.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        if (b.length() == 0 || !(b.charAt(0) >= 'A' && b.charAt(0) <= 'Z')) {
            b.insert(0, 'V');
        }
        return b.toString();
    }
}
