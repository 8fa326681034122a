package dev.hush.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** Canonical bytes of a configuration, for versioning the rule set. */
final class ConfigDigest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ConfigDigest() {
    }

    static byte[] of(HushConfig config) {
        try {
            return JSON.writeValueAsBytes(config);
        } catch (Exception e) {
            return new byte[0];
        }
    }
}
