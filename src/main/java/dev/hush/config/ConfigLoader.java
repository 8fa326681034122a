package dev.hush.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the YAML configuration and validates it; every error names the offending key. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Sections whose values are secrets: their mapping errors never quote a value. */
    private static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("virtualKeys", "adminToken", "hashKey");

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
            throw new ConfigException(file + (Files.isDirectory(file) ? ": is a directory, not a config file"
                    : ": no such config file"));
        }
        if (!Files.isReadable(file)) {
            throw new ConfigException(file + ": cannot read the config file (permissions)");
        }
        try {
            String text = Files.readString(file);
            HushConfig cfg = text.isBlank() ? new HushConfig() : YAML.readValue(text, HushConfig.class);
            if (cfg == null) {
                cfg = new HushConfig();
            }
            List<String> errors = cfg.resolveSecrets();
            errors.addAll(cfg.validate());
            if (!errors.isEmpty()) {
                throw new ConfigException(file + ": invalid configuration:\n  " + String.join("\n  ", errors));
            }
            return cfg;
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + keyPath(e) + ": " + shortMessage(e));
        } catch (JsonProcessingException e) {
            // the parser's own message quotes the offending line, which may hold a secret: position only
            JsonLocation at = e.getLocation();
            throw new ConfigException(file + ": not valid YAML"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static String keyPath(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < refs.size(); i++) {
            JsonMappingException.Reference r = refs.get(i);
            boolean secretKey = i > 0 && "virtualKeys".equals(refs.get(i - 1).getFieldName());
            if (r.getFieldName() == null) {
                p.append('[').append(r.getIndex()).append(']');
            } else {
                p.append(p.length() == 0 ? "" : ".").append(secretKey ? "<virtual key>" : r.getFieldName());
            }
        }
        return p.toString();
    }

    private static String shortMessage(JsonMappingException e) {
        String m = e.getOriginalMessage();
        if (m.startsWith("Unrecognized field")) {
            return "unknown key";
        }
        if (e.getPath().stream().anyMatch(r -> SECRET_KEYS.contains(r.getFieldName()))) {
            return "wrong type (a secret's section: the value is not repeated here)"; // Jackson quotes values
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
