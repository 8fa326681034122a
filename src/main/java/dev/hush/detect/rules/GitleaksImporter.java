package dev.hush.detect.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Imports a gitleaks TOML rule file, so a company keeps the rules it already has. Patterns compile
 * with RE2J (gitleaks' own syntax is Go RE2, and RE2J cannot backtrack catastrophically) and run over
 * the whole text when a keyword occurs, as in gitleaks. Rule features that make no sense for prompts
 * (file paths, commits) or that Hush does not implement are listed as warnings by rule id.
 */
public final class GitleaksImporter {
    private static final TomlMapper TOML = new TomlMapper();

    private GitleaksImporter() {
    }

    /** The imported rules and what could not be honoured. */
    public record Result(List<CompiledRule> rules, List<String> warnings, int skipped) {
    }

    public static Result importFile(Path file) throws IOException {
        JsonNode root = TOML.readTree(file.toFile());
        String source = file.getFileName().toString();
        List<String> warnings = new ArrayList<>();
        if (root.has("extend")) {
            warnings.add("[extend]: not followed (only this file's rules are imported)");
        }
        // global allowlists: [[allowlists]] (v8.25+) or [allowlist] (older)
        List<JsonNode> globals = new ArrayList<>();
        root.path("allowlists").forEach(globals::add);
        if (root.has("allowlist")) {
            globals.add(root.get("allowlist"));
        }
        List<CompiledRule> rules = new ArrayList<>();
        int skipped = 0;
        for (JsonNode r : root.path("rules")) {
            String gid = r.path("id").asText("");
            String id = "gitleaks:" + gid.toLowerCase(Locale.ROOT);
            if (!r.hasNonNull("regex")) {
                warnings.add(gid + ": path-only rule (no regex): skipped, prompts have no file paths");
                skipped++;
                continue;
            }
            if (r.path("skipReport").asBoolean(false)) {
                warnings.add(gid + ": skipReport: only used as a companion of other rules: skipped");
                skipped++;
                continue;
            }
            if (r.has("path")) {
                warnings.add(gid + ": path condition ignored (prompts have no file paths)");
            }
            if (r.has("required")) {
                warnings.add(gid + ": required companion rules (multi-part) not enforced: the rule reports alone");
            }
            RuleSpec spec = new RuleSpec();
            spec.id = id;
            spec.type = "SECRET." + gid.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
            spec.description = r.path("description").asText(null);
            spec.pattern = r.get("regex").asText();
            r.path("keywords").forEach(k -> spec.keywords.add(k.asText()));
            if (r.has("secretGroup")) {
                spec.secretGroup = r.get("secretGroup").asInt();
            }
            spec.entropy = r.path("entropy").asDouble(0);
            spec.window = 0;
            spec.placeholderCheck = false;
            List<JsonNode> lists = new ArrayList<>();
            r.path("allowlists").forEach(lists::add);
            if (r.has("allowlist")) {
                lists.add(r.get("allowlist"));
            }
            for (JsonNode a : lists) {
                spec.allowlists.add(toAllowlist(gid, a, warnings));
            }
            for (JsonNode g : globals) {
                if (g.has("targetRules")) {
                    boolean targeted = false;
                    for (JsonNode t : g.get("targetRules")) {
                        targeted |= t.asText().equals(gid);
                    }
                    if (!targeted) {
                        continue;
                    }
                }
                spec.allowlists.add(toAllowlist(null, g, null));
            }
            try {
                rules.add(RuleCompiler.compile(spec, source, RuleCompiler.Engine.RE2J));
            } catch (RuleCompiler.RuleException e) {
                warnings.add(gid + ": not imported: " + e.getMessage());
                skipped++;
            }
        }
        return new Result(rules, warnings, skipped);
    }

    private static RuleSpec.Allowlist toAllowlist(String gid, JsonNode a, List<String> warnings) {
        String target = a.path("regexTarget").asText("secret");
        if (warnings != null) {
            if (a.has("paths") || a.has("commits")) {
                warnings.add(gid + ": allowlist paths/commits ignored (prompts have neither)");
            }
            if ("line".equals(target)) {
                warnings.add(gid + ": allowlist regexTarget=line approximated by the whole match");
            }
        }
        RuleSpec.Allowlist into = new RuleSpec.Allowlist();
        into.target = "secret".equals(target) ? "secret" : "match";
        a.path("regexes").forEach(x -> into.regexes.add(x.asText()));
        a.path("stopwords").forEach(x -> into.stopwords.add(x.asText()));
        return into;
    }
}
