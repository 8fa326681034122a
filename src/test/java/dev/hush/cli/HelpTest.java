package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's {@code --help} prints cleanly: exit 0, a usage line, no picocli format warnings. */
class HelpTest {

    /** Runs the CLI with stdout and stderr captured. */
    static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            rc = HushMain.run(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {String.valueOf(rc), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(HushMain.commandLine(), new ArrayList<>(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> all) {
        all.add(path);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, all);
            }
        });
    }

    @Test
    void everyCommandsHelpPrintsCleanly() {
        List<List<String>> cmds = commands();
        assertTrue(cmds.stream().anyMatch(c -> c.equals(List.of("eval"))), cmds.toString());
        for (List<String> c : cmds) {
            List<String> args = new ArrayList<>(c);
            args.add("--help");
            String[] r = run(args.toArray(new String[0]));
            assertEquals("0", r[0], args + ": " + r[2]);
            assertTrue(r[1].startsWith("Usage: hush"), args + ": " + r[1]);
            assertFalse(r[2].contains("WARN"), args + ": " + r[2]);
            assertFalse(r[1].contains("%n") || r[1].contains("%%"), args + ": " + r[1]);
        }
    }

    @Test
    void evalHelpKeepsItsPercentages() {
        String[] r = run("eval", "--help");
        assertTrue(r[1].replaceAll("\\s+", " ").contains("at least 90% of it"), r[1]);
        assertEquals("", r[2]);
    }
}
