package dev.hush.detect.nlp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.cli.HushMain;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import opennlp.tools.namefind.NameFinderME;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hush train names} on a tiny data set produces a model set the detector loads and uses. */
class NameTrainingTest {

    @TempDir
    Path tmp;

    private Path tinyDatafakerJar() throws Exception {
        Path jar = tmp.resolve("datafaker-tiny.jar");
        String yaml = """
                en:
                  faker:
                    name:
                      first_name: [Alice, Bruno, Carla, Dmitri, Elena, Farid, Greta, Hugo, Ines, Jonas]
                      last_name: [Walker, Moreau, Lindqvist, Okafor, Brennan, Castillo, Novak, Haddad]
                      prefix: [Mr., Mrs.]
                    commerce:
                      product_name:
                        adjective: [Small, Ergonomic]
                        material: [Steel, Wooden]
                        product: [Chair, Table]
                de:
                  faker:
                    name:
                      first_name: [Jürgen, Anke]
                      last_name: [Müller, Vogt]
                """;
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry("en.yml"));
            z.write(yaml.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.putNextEntry(new ZipEntry("not-yaml.yml"));
            z.write(":\n  - [unbalanced".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return jar;
    }

    private Path tinyCommonWords() throws Exception {
        Path dir = tmp.resolve("common");
        Path res = Files.createDirectories(dir.resolve("build").resolve("resources"));
        String en = "the\nof\nand\nplease\nreport\nsend\nteam\nsteel\nchair\nreview\nmeeting\nbudget\nserver\n";
        Files.writeString(res.resolve("english.txt"), en);
        Files.writeString(res.resolve("german.txt"), "der\ndie\nund\nbitte\n");
        Files.writeString(res.resolve("french.txt"), "le\nla\net\n");
        Files.writeString(res.resolve("spanish.txt"), "el\nla\ny\n");
        return dir;
    }

    @Test
    void trainCommandWritesALoadableModelSet() throws Exception {
        Path out = tmp.resolve("model");
        int code = HushMain.run("train", "names", "--datafaker", tinyDatafakerJar().toString(),
                "--common-words", tinyCommonWords().toString(), "--out", out.toString(),
                "--sentences", "400", "--iterations", "25", "--seed", "7");
        assertEquals(0, code);
        assertTrue(Files.size(out.resolve(NameFinderModels.MODEL)) > 1000);
        assertTrue(Files.size(out.resolve(NameFinderModels.LEXICON)) > 50);

        NameFinderModels models = NameFinderModels.load(out);
        int alice = models.lexicon().lookup("alice");
        assertTrue(NameLexicon.isFirst(alice) && !NameLexicon.isLast(alice));
        assertTrue(NameLexicon.isLast(models.lexicon().lookup("müller")));
        assertEquals(8, NameLexicon.rank(models.lexicon().lookup("steel")));
        assertEquals(0, models.lexicon().lookup("kubernetes"));

        // the trained OpenNLP model itself tags a name in a sentence shaped like its training data
        String[] tokens = {"Please", "ask", "Carla", "Novak", "to", "review", "the", "report", "."};
        var spans = new NameFinderME(models.model()).find(tokens);
        assertTrue(spans.length > 0, "model found no name");

        Scanner scanner = new Scanner(List.of(new PersonNameDetector(models, 0.5, true, List.of("en"))), "t");
        String text = "Hi Alice,\nplease send the report to Hugo Brennan before the meeting.\nThanks,\nJonas";
        List<String> found = scanner.scan(text).stream().map(f -> text.substring(f.start(), f.end())).toList();
        assertEquals(List.of("Alice", "Hugo Brennan", "Jonas"), found);
    }

    @Test
    void sameSeedSameModel() throws Exception {
        Path jar = tinyDatafakerJar();
        Path common = tinyCommonWords();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (Path out : List.of(a, b)) {
            assertEquals(0, HushMain.run("train", "names", "--datafaker", jar.toString(), "--common-words",
                    common.toString(), "--out", out.toString(), "--sentences", "200", "--iterations", "10"));
        }
        assertEquals(-1L, Files.mismatch(a.resolve(NameFinderModels.LEXICON), b.resolve(NameFinderModels.LEXICON)));
        Scanner sa = new Scanner(List.of(new PersonNameDetector(NameFinderModels.load(a), 0.05, true, List.of("en"))), "a");
        Scanner sb = new Scanner(List.of(new PersonNameDetector(NameFinderModels.load(b), 0.05, true, List.of("en"))), "b");
        String text = "Ask Greta Okafor and Dmitri about the Steel Chair budget.";
        List<Finding> fa = sa.scan(text);
        assertEquals(fa, sb.scan(text));
        assertTrue(!fa.isEmpty());
    }

    @Test
    void missingInputIsAnError() {
        assertEquals(2, HushMain.run("train", "names", "--datafaker", tmp.resolve("nope.jar").toString(),
                "--out", tmp.resolve("x").toString()));
    }

    /** A tiny corpus in the ner-train layout: invented sentences, names made up for this test. */
    private Path tinyAnnotatedCorpus() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ner"));
        String[][] rows = {
            {"Yesterday Orla Vantongeren met the board in Leeds.", "Orla Vantongeren"},
            {"The memo from Teodor Brask arrived late.", "Teodor Brask"},
            {"Please ask Ines Halloran about the budget.", "Ines Halloran"},
            {"Manchester City beat Leeds United on Sunday.", null},
            {"Rain is expected across Leeds this week.", null},
            {"Judge Kveldsen said the appeal was late.", "Kveldsen"},
            {"Our team shipped the release on time.", null},
            {"Lars Okonjo wrote the report with Mira Castellane.", "Lars Okonjo"},
        };
        StringBuilder gum = new StringBuilder();
        for (int r = 0; r < 60; r++) {
            String[] row = rows[r % rows.length];
            String spans = "";
            if (row[1] != null) {
                int st = row[0].indexOf(row[1]);
                spans = "{\"start\": " + st + ", \"end\": " + (st + row[1].length()) + ", \"type\": \"PII.PERSON\"}";
            }
            String split = r % 10 == 9 ? "test" : "train";
            gum.append("{\"id\": \"gum-").append(split).append('-').append(r).append("\", \"text\": \"").append(row[0])
                    .append("\", \"spans\": [").append(spans).append("]}\n");
        }
        Files.writeString(dir.resolve("gum.jsonl"), gum.toString());
        for (String other : AnnotatedTexts.TRAIN_CORPORA) {
            if (!other.equals("gum")) {
                Files.writeString(dir.resolve(other + ".jsonl"), "");
            }
        }
        return dir;
    }

    @Test
    void trainsOnAnnotatedTextAndFitsTheEnsemble() throws Exception {
        Path out = tmp.resolve("from-text");
        int code = HushMain.run("train", "names", "--datafaker", tinyDatafakerJar().toString(),
                "--common-words", tinyCommonWords().toString(), "--ner-train", tinyAnnotatedCorpus().toString(),
                "--out", out.toString(), "--iterations", "20");
        assertEquals(0, code);
        NameFinderModels models = NameFinderModels.load(out);
        assertTrue(Files.size(out.resolve(NameFinderModels.MODEL)) > 1000);
        // the fitted weights are read back, and the model with its cluster, gazetteer and cue resources round-trips
        assertTrue(Files.readString(out.resolve(NameEnsemble.FILE)).contains("model_person\t"));
        // the case-aware gazetteer feature of NameFeatures.XML is one CompiledNameFinder compiles
        org.junit.jupiter.api.Assertions.assertNotNull(models.compiled(), "the retrained finder should compile");
        assertTrue(new String(readEntry(out.resolve(NameFinderModels.MODEL), "generator.featuregen"),
                java.nio.charset.StandardCharsets.UTF_8).contains("NameFeatures$CasedClusters"));
        var spans = new NameFinderME(models.model()).find(new String[] {"The", "memo", "from", "Teodor", "Brask", "arrived", "late", "."});
        assertEquals(1, spans.length, java.util.Arrays.toString(spans));
        assertEquals(3, spans[0].getStart());
        assertEquals(5, spans[0].getEnd());
    }

    private static byte[] readEntry(Path zip, String name) throws Exception {
        try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        return new byte[0];
    }

    @Test
    void testSplitsAreNeverRead() throws Exception {
        Path dir = tinyAnnotatedCorpus();
        assertThrows(IllegalArgumentException.class, () -> AnnotatedTexts.read(dir, "gum", java.util.Set.of("train", "test")));
        assertTrue(AnnotatedTexts.read(dir, "gum", java.util.Set.of("train")).stream().noneMatch(t -> t.id().contains("-test-")));
    }
}
