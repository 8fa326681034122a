package dev.hush.detect.nlp;

import dev.hush.detect.StartupTrace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import opennlp.tools.namefind.TokenNameFinderModel;

/**
 * The person-name model files: the trained OpenNLP name finder, the gazetteer and the public-figure list.
 * They ship inside the jar under {@code /models/person/}; a directory can replace them (a freshly trained
 * set). Nothing is fetched at run time.
 */
public final class NameFinderModels {
    public static final String PERSON = "person";
    public static final String MODEL = "person-name-finder.bin";
    public static final String LEXICON = "lexicon.tsv.gz";
    public static final String PUBLIC_FIGURES = "public-figures.txt";
    public static final String NOT_PERSONS = "not-persons.txt";
    static final String CLASSPATH_DIR = "/models/person/";

    private final TokenNameFinderModel model;
    private final NameLexicon lexicon;
    private final Set<String> publicFigures;
    private final Set<String> notPersons;
    private final NameEnsemble ensemble;
    /** The same finder without NameFinderME's per-window feature strings; null when the model needs NameFinderME. */
    private final CompiledNameFinder compiled;
    /** The finder's feature names (its own map, not a copy), to ask which words its training text had; null: unknown. */
    private final java.util.Map<String, ?> predicates;
    /** Indices of the finder's "person-start" and "other" outcomes (-1 when it has none of that name). */
    private final int startOutcome;
    private final int otherOutcome;

    NameFinderModels(TokenNameFinderModel model, NameLexicon lexicon, Set<String> publicFigures, Set<String> notPersons) {
        this(model, lexicon, publicFigures, notPersons, new NameEnsemble(NameEnsemble.HAND));
    }

    NameFinderModels(TokenNameFinderModel model, NameLexicon lexicon, Set<String> publicFigures, Set<String> notPersons,
            NameEnsemble ensemble) {
        this.ensemble = ensemble;
        this.model = model;
        this.lexicon = lexicon;
        this.publicFigures = publicFigures;
        this.notPersons = notPersons;
        this.compiled = CompiledNameFinder.compile(model);
        this.predicates = predicates(model);
        java.util.List<String> outcomes = outcomes(model);
        this.startOutcome = outcomes.indexOf(PERSON + "-start");
        this.otherOutcome = outcomes.indexOf("other");
    }

    private static java.util.List<String> outcomes(TokenNameFinderModel model) {
        Object m = model.getArtifact("nameFinder.model");
        if (m instanceof opennlp.tools.ml.model.AbstractModel maxent && maxent.getDataStructures()[2] instanceof String[] names) {
            return java.util.List.of(names);
        }
        return java.util.List.of();
    }

    @SuppressWarnings("unchecked")
    private static java.util.Map<String, ?> predicates(TokenNameFinderModel model) {
        Object m = model.getArtifact("nameFinder.model");
        if (m instanceof opennlp.tools.ml.model.AbstractModel maxent && maxent.getDataStructures()[1] instanceof java.util.Map<?, ?> p) {
            return (java.util.Map<String, ?>) p;
        }
        return null;
    }

    /**
     * The name finder's training text had the lower-cased word often enough to keep a feature for it (its
     * {@code w=} token feature); true when the model does not say, so that no word counts as unseen then.
     */
    boolean finderKnows(String lowerWord) {
        return predicates == null || predicates.containsKey("w=" + lowerWord);
    }

    /**
     * How far the finder's own weight for the word ({@code w=} feature) leans to starting a name rather than to
     * "other": above 0 for words its training text mostly had as names ("wise"), 0 for unknown words or models.
     */
    double finderNameLean(String lowerWord) {
        if (predicates == null || !(predicates.get("w=" + lowerWord) instanceof opennlp.tools.ml.model.Context c)) {
            return 0;
        }
        double lean = 0;
        for (int i = 0; i < c.getOutcomes().length; i++) {
            int o = c.getOutcomes()[i];
            lean += o == startOutcome ? c.getParameters()[i] : o == otherOutcome ? -c.getParameters()[i] : 0;
        }
        return lean;
    }

    /** Forgets the compiled finder's per-word rows, for benchmarks of text whose words it has not seen. */
    public void clearTokenCache() {
        if (compiled != null) {
            compiled.clearTokenCache();
        }
    }

    /** The compiled name finder, or null when only OpenNLP's NameFinderME can run this model. */
    CompiledNameFinder compiled() {
        return compiled;
    }

    /** Lower-cased brand and product names that look like people's names ("Morgan Stanley"). */
    public Set<String> notPersons() {
        return notPersons;
    }

    /** The fitted weights that combine the evidence into one confidence (hand-set ones when the set has none). */
    NameEnsemble ensemble() {
        return ensemble;
    }

    public TokenNameFinderModel model() {
        return model;
    }

    public NameLexicon lexicon() {
        return lexicon;
    }

    /** Lower-cased public-figure names (full names and well-known single surnames). */
    public Set<String> publicFigures() {
        return publicFigures;
    }

    /** The built-in set being read ahead ({@link #preloadBuiltin}), or null. */
    private static final AtomicReference<CompletableFuture<NameFinderModels>> PRELOAD = new AtomicReference<>();
    /** Model sets read from files or the jar so far (tests count reads with it). */
    static final AtomicInteger READS = new AtomicInteger();

    /**
     * Starts reading the built-in set on a daemon thread, before the configuration says whether it is wanted
     * (names are on by default, and the read is the longest part of a start); the next {@code load(null)} takes
     * it, {@link #dropPreloaded} lets it go. A second call while one is pending does nothing.
     */
    public static void preloadBuiltin() {
        CompletableFuture<NameFinderModels> f = new CompletableFuture<>();
        if (!PRELOAD.compareAndSet(null, f)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                f.complete(read(null));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "hush-preload-names");
        t.setDaemon(true);
        t.start();
    }

    /** Lets go of a read-ahead nobody took (the thread finishes its read; the result is then garbage). */
    public static void dropPreloaded() {
        PRELOAD.set(null);
    }

    /** True while a read-ahead waits to be taken. */
    static boolean preloadPending() {
        return PRELOAD.get() != null;
    }

    /** Loads from {@code dir} when given, else from the jar (the read-ahead's result when one was started). */
    public static NameFinderModels load(Path dir) throws IOException {
        CompletableFuture<NameFinderModels> ahead = dir == null ? PRELOAD.getAndSet(null) : null;
        if (ahead != null) {
            try {
                return ahead.join();
            } catch (CompletionException | CancellationException e) {
                // read again below: the same failure then surfaces as this call's own exception
            }
        }
        return read(dir);
    }

    private static NameFinderModels read(Path dir) throws IOException {
        READS.incrementAndGet();
        try (InputStream m = open(dir, MODEL); InputStream l = open(dir, LEXICON)) {
            StartupTrace t = StartupTrace.begin("names: OpenNLP model read");
            TokenNameFinderModel model = new TokenNameFinderModel(m);
            StartupTrace.end(t);
            t = StartupTrace.begin("names: lexicon read");
            NameLexicon lex = NameLexicon.read(l);
            StartupTrace.end(t);
            Set<String> figures = readList(dir, PUBLIC_FIGURES);
            Set<String> notPersons = readList(dir, NOT_PERSONS);
            NameEnsemble ensemble = new NameEnsemble(NameEnsemble.HAND);
            try (InputStream e = openOptional(dir, NameEnsemble.FILE)) {
                if (e != null) {
                    ensemble = NameEnsemble.read(e);
                }
            }
            t = StartupTrace.begin("names: finder compiled");
            NameFinderModels models = new NameFinderModels(model, lex, figures, notPersons, ensemble);
            StartupTrace.end(t);
            return models;
        }
    }

    /** A hand-written list: one lower-cased entry per line, {@code #} comments. */
    private static Set<String> readList(Path dir, String name) throws IOException {
        Set<String> out = new HashSet<>();
        try (InputStream p = openOptional(dir, name)) {
            if (p != null) {
                BufferedReader r = new BufferedReader(new InputStreamReader(p, StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        out.add(line.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return Set.copyOf(out);
    }

    private static InputStream open(Path dir, String name) throws IOException {
        InputStream in = openOptional(dir, name);
        if (in == null) {
            throw new IOException("person-name model file missing: " + name
                    + (dir == null ? " (not in the jar; run: hush train names)" : " in " + dir));
        }
        return in;
    }

    private static InputStream openOptional(Path dir, String name) throws IOException {
        if (dir != null) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Files.newInputStream(p);
            }
            // a trained directory may lack the hand-written lists: fall back to the shipped ones
            if (!name.equals(PUBLIC_FIGURES) && !name.equals(NOT_PERSONS)) {
                return null;
            }
        }
        return NameFinderModels.class.getResourceAsStream(CLASSPATH_DIR + name);
    }
}
