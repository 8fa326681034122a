package dev.hush.redact;

import java.util.HashMap;
import java.util.Map;

/**
 * The placeholder map of one conversation: the same value always gets the same placeholder
 * ({@code <EMAIL_1>}), and a placeholder leads back to its value for restoring the answer.
 * Values live only here, in memory. Thread-safe (a conversation may have parallel requests).
 */
public final class ConversationPseudonyms {
    private final Map<String, String> placeholderByValue = new HashMap<>();
    private final Map<String, String> valueByPlaceholder = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    /** The placeholder for a value of a finding type, assigning the next number on first sight. */
    public synchronized String placeholder(String type, String value) {
        String label = label(type);
        String key = label + '\u0000' + value;
        String p = placeholderByValue.get(key);
        if (p == null) {
            int n = counters.merge(label, 1, Integer::sum);
            p = "<" + label + "_" + n + ">";
            placeholderByValue.put(key, p);
            valueByPlaceholder.put(p, value);
        }
        return p;
    }

    /** The original value behind a placeholder such as {@code <EMAIL_1>}, or null when this conversation never issued it. */
    public synchronized String original(String placeholder) {
        return valueByPlaceholder.get(placeholder);
    }

    public synchronized int size() {
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
