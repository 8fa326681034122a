package dev.hush.detect.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Loads Hush-format YAML rule files: the built-in catalogue from the jar, and extra files or folders. */
public final class RuleCatalogue {
    /** Where the build puts {@code config/rules/*.yaml} inside the jar. */
    public static final String BUILTIN_FOLDER = "hush-rules";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RuleCatalogue() {
    }

    /** A parsed rule with the file it came from. */
    public record SourcedSpec(RuleSpec spec, String source) {
    }

    /** The built-in rule specs, in file-name order. */
    public static List<SourcedSpec> builtinSpecs() {
        URL url = RuleCatalogue.class.getClassLoader().getResource(BUILTIN_FOLDER);
        if (url == null) {
            throw new IllegalStateException("built-in rule catalogue missing from the class path (" + BUILTIN_FOLDER + ")");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return loadFolder(fs.getPath(BUILTIN_FOLDER));
            }
            return loadFolder(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Specs from a YAML file, or from every {@code *.yaml}/{@code *.yml} file in a folder. */
    public static List<SourcedSpec> load(Path fileOrFolder) throws IOException {
        if (Files.isDirectory(fileOrFolder)) {
            return loadFolder(fileOrFolder);
        }
        try (InputStream in = Files.newInputStream(fileOrFolder)) {
            return parse(in, fileOrFolder.toString());
        }
    }

    private static List<SourcedSpec> loadFolder(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml");
            }).sorted().collect(Collectors.toList());
        }
        List<SourcedSpec> all = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                all.addAll(parse(in, f.getFileName().toString()));
            }
        }
        return all;
    }

    static List<SourcedSpec> parse(InputStream in, String source) throws IOException {
        RuleSpec.RuleFile file;
        try {
            file = YAML.readValue(in, RuleSpec.RuleFile.class);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining());
            String msg = e.getOriginalMessage();
            if (msg.startsWith("Unrecognized field")) {
                msg = "unknown key";
            }
            throw new RuleCompiler.RuleException(source + ": " + (path.startsWith(".") ? path.substring(1) : path) + ": " + msg);
        }
        if (file == null || file.rules == null) {
            return List.of();
        }
        List<SourcedSpec> out = new ArrayList<>();
        for (RuleSpec r : file.rules) {
            out.add(new SourcedSpec(r, source));
        }
        return out;
    }

    /** Compiles specs, skipping disabled ids; duplicate ids are an error naming both sources. */
    public static List<CompiledRule> compile(List<SourcedSpec> specs, RuleCompiler.Engine engine, Set<String> disabled) {
        return compile(specs, engine, disabled, true);
    }

    /**
     * The built-in catalogue as a scan runs it (JDK patterns), without the run-time proof that each pattern is
     * also valid RE2: the jar's catalogue cannot change after the build, and the build made that proof
     * ({@link PatternFactsCache#main} compiles it with {@link #compile}, so {@code mvn package} fails on a pattern
     * RE2J rejects; {@code RuleCatalogueTest} checks it too).
     */
    public static List<CompiledRule> compileBuiltin(List<SourcedSpec> specs, Set<String> disabled) {
        return compile(specs, RuleCompiler.Engine.JDK, disabled, false);
    }

    private static List<CompiledRule> compile(List<SourcedSpec> specs, RuleCompiler.Engine engine, Set<String> disabled,
            boolean checkRe2) {
        List<CompiledRule> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SourcedSpec s : specs) {
            if (s.spec().id != null && disabled.contains(s.spec().id)) {
                continue;
            }
            CompiledRule r = RuleCompiler.compile(s.spec(), s.source(), engine, checkRe2);
            if (!seen.add(r.id())) {
                throw new RuleCompiler.RuleException(s.source() + ": rule " + r.id() + ": id: duplicate rule id");
            }
            out.add(r);
        }
        return Collections.unmodifiableList(out);
    }
}
