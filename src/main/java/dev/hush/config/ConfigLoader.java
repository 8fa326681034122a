package dev.hush.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the YAML configuration and validates it; every error names the offending key. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    /** The defaults, as used when no file is given. */
    public static HushConfig defaults() {
        return new HushConfig();
    }

    public static HushConfig load(Path file) throws ConfigException {
        if (file == null) {
            return defaults();
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such config file");
        }
        try {
            String text = Files.readString(file);
            HushConfig cfg = text.isBlank() ? new HushConfig() : YAML.readValue(text, HushConfig.class);
            if (cfg == null) {
                cfg = new HushConfig();
            }
            List<String> errors = cfg.validate();
            if (!errors.isEmpty()) {
                throw new ConfigException(file + ": invalid configuration:\n  " + String.join("\n  ", errors));
            }
            return cfg;
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + keyPath(e) + ": " + shortMessage(e));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static String keyPath(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.replace(".[", "[");
    }

    private static String shortMessage(JsonMappingException e) {
        String m = e.getOriginalMessage();
        if (m.startsWith("Unrecognized field")) {
            return "unknown key";
        }
        int cut = m.indexOf(" at [Source");
        return cut > 0 ? m.substring(0, cut) : m;
    }

    /** A configuration problem; the message is meant for the operator. */
    public static final class ConfigException extends Exception {
        public ConfigException(String message) {
            super(message);
        }
    }
}
