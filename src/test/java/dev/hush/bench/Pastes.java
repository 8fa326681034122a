package dev.hush.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Synthetic long pastes for the benchmarks, generated (never copied) from a seed: a source file, a CSV of
 * customers, a service log and prose. Values of secret shapes are random, made here, of the issuers'
 * documented formats. {@code main} writes the JSON Lines input of the whole-process benchmark.
 */
public final class Pastes {
    private static final String[] WORDS = ("the of and to in is that for it as with was on be by this are or from at an "
            + "which have not has but were all their one can more been if will would there when who so what about "
            + "out up into than them some could other then its only time these two may first any new like our over "
            + "such also after most year made many before must through back years where much your well down should "
            + "because each just those people how too little state good very make world still own see men work long "
            + "get here between both life being under never day same another know while last might us great old off "
            + "come since against go came right used take three report quarter customer order invoice meeting team "
            + "project release budget review plan design service request support account contract schedule update")
            .split(" ");
    private static final String[] FIRST = {"Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hugo", "Ines",
        "Jonas", "Keiko", "Liam", "Maya", "Noah", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara"};
    private static final String[] LAST = {"Adams", "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad",
        "Ivanova", "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Rossi", "Silva", "Tanaka"};
    private static final String[] CITIES = {"Lisbon", "Munich", "Lyon", "Austin", "Leeds", "Gdansk", "Turin", "Ghent"};
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private Pastes() {
    }

    public static String generate(String kind, int chars, long seed) {
        Random rnd = new Random(seed);
        StringBuilder b = new StringBuilder(chars + 256);
        while (b.length() < chars) {
            switch (kind) {
                case "source" -> sourceBlock(rnd, b);
                case "customers" -> customerRow(rnd, b, b.length() == 0);
                case "log" -> logLine(rnd, b);
                case "prose" -> paragraph(rnd, b);
                default -> throw new IllegalArgumentException("unknown paste kind " + kind);
            }
        }
        b.setLength(chars);
        return b.toString();
    }

    private static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    private static String random(Random r, String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static void paragraph(Random r, StringBuilder b) {
        int sentences = 3 + r.nextInt(5);
        for (int s = 0; s < sentences; s++) {
            int n = 6 + r.nextInt(14);
            for (int i = 0; i < n; i++) {
                String w = word(r);
                b.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
                b.append(i == n - 1 ? (r.nextInt(8) == 0 ? "? " : ". ") : (r.nextInt(12) == 0 ? ", " : " "));
            }
        }
        b.append("\n\n");
    }

    private static void sourceBlock(Random r, StringBuilder b) {
        String name = word(r) + Character.toUpperCase(word(r).charAt(0)) + word(r).substring(1);
        b.append("    /** Returns the ").append(word(r)).append(' ').append(word(r)).append(" for the given ")
                .append(word(r)).append(". */\n");
        b.append("    public List<String> ").append(name).append("(Map<String, Object> config, int limit) {\n");
        b.append("        String token = System.getenv(\"").append(word(r).toUpperCase()).append("_TOKEN\");\n");
        b.append("        List<String> out = new ArrayList<>();\n");
        b.append("        for (int i = 0; i < limit; i++) {\n");
        b.append("            Object value = config.get(\"").append(word(r)).append('.').append(word(r)).append("\");\n");
        b.append("            if (value instanceof String s && !s.isEmpty()) {\n");
        b.append("                out.add(s.trim() + \":\" + i); // ").append(word(r)).append(' ').append(word(r)).append('\n');
        b.append("            }\n        }\n");
        b.append("        log.debug(\"").append(name).append(" returned {} items\", out.size());\n");
        b.append("        return out;\n    }\n\n");
    }

    private static void customerRow(Random r, StringBuilder b, boolean header) {
        if (header) {
            b.append("customer_id,first_name,last_name,email,phone,city,signup_date,plan\n");
        }
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST[r.nextInt(LAST.length)];
        b.append(100000 + r.nextInt(900000)).append(',').append(first).append(',').append(last).append(',')
                .append(first.toLowerCase()).append('.').append(last.toLowerCase()).append(r.nextInt(100))
                .append("@example.").append(r.nextBoolean() ? "com" : "org").append(',')
                .append("+1 555 01").append(10 + r.nextInt(89)).append(' ').append(1000 + r.nextInt(9000)).append(',')
                .append(CITIES[r.nextInt(CITIES.length)]).append(",2026-").append(10 + r.nextInt(3)).append('-')
                .append(10 + r.nextInt(18)).append(',').append(r.nextBoolean() ? "pro" : "basic").append('\n');
    }

    private static void logLine(Random r, StringBuilder b) {
        String[] levels = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
        String[] paths = {"/api/v1/orders/", "/api/v1/users/", "/healthz", "/api/v2/invoices/", "/static/app.js?v="};
        b.append("2026-11-").append(10 + r.nextInt(20)).append('T').append(10 + r.nextInt(13)).append(':')
                .append(10 + r.nextInt(50)).append(':').append(10 + r.nextInt(50)).append('.').append(100 + r.nextInt(900))
                .append("Z ").append(levels[r.nextInt(levels.length)]).append(" [worker-").append(r.nextInt(16))
                .append("] ").append(r.nextBoolean() ? "GET " : "POST ").append(paths[r.nextInt(paths.length)])
                .append(r.nextInt(100000)).append(' ').append(r.nextInt(10) == 0 ? 500 : 200).append(' ')
                .append(r.nextInt(900)).append("ms ip=10.").append(r.nextInt(256)).append('.').append(r.nextInt(256))
                .append('.').append(r.nextInt(256)).append(" trace=").append(random(r, "0123456789abcdef", 16))
                .append(" session_id=").append(r.nextInt(1000000)).append('\n');
    }

    /** A fresh random value of a documented credential shape, for the whole-process input. */
    static String secret(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "ghp_" + random(r, ALNUM, 36);
            case 1 -> "AKIA" + random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
            case 2 -> "xoxb-" + (1000000000L + r.nextInt(900000000)) + "-" + (1000000000L + r.nextInt(900000000)) + "-"
                    + random(r, ALNUM, 24);
            case 3 -> "sk_live_" + random(r, ALNUM, 24);
            default -> "glpat-" + random(r, ALNUM, 20);
        };
    }

    /**
     * Writes about {@code megabytes} MB of JSON Lines ({@code {"id":N,"text":"..."}}), 4 KiB texts of every
     * paste kind in turn, one in four carrying a fresh random credential.
     * Usage: {@code Pastes OUT.jsonl MEGABYTES}.
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long target = Long.parseLong(args.length > 1 ? args[1] : "50") * 1_000_000L;
        String[] kinds = {"prose", "source", "customers", "log"};
        Random r = new Random(42);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int id = 0; written < target; id++) {
                String text = generate(kinds[id % kinds.length], 4096, id);
                if (id % 4 == 0) {
                    int at = r.nextInt(text.length() - 100);
                    text = text.substring(0, at) + " key " + secret(r) + " " + text.substring(at);
                }
                String line = "{\"id\":" + id + ",\"text\":" + json.writeValueAsString(text) + "}\n";
                w.write(line);
                written += line.length();
            }
        }
    }
}
