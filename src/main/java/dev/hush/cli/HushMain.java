package dev.hush.cli;

import dev.hush.config.ScannerFactory;
import dev.hush.detect.StartupTrace;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code hush <command>}. Every command is a picocli subcommand registered here. */
@Command(name = "hush", mixinStandardHelpOptions = true, versionProvider = HushVersion.class,
        description = "Data-loss-prevention proxy for generative-AI traffic.")
public final class HushMain implements Runnable {
    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            ScanCommand.class,
            EvalCommand.class,
            ServeCommand.class,
            CaCommand.class,
            ProxyCommand.class,
            AuditCommand.class,
            StubUpstreamCommand.class,
            PassThroughCommand.class,
            EdmCommand.class,
            FingerprintCommand.class,
            TrainCommand.class,
            CommandLine.HelpCommand.class);

    /** Commands that build a scanner. */
    private static final java.util.Set<String> SCANNING = java.util.Set.of("scan", "serve", "eval");

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by tests too). */
    public static int run(String... args) {
        if (args.length > 0 && SCANNING.contains(args[0])) {
            ScannerFactory.preload(); // the name model's read overlaps the command line and the configuration
        }
        StartupTrace trace = StartupTrace.begin("command line (picocli model)");
        CommandLine cl = commandLine(args);
        StartupTrace.end(trace);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("hush: " + ex.getMessage());
            return 2;
        });
        cl.setExitCodeExceptionMapper(t -> 2);
        return cl.execute(args);
    }

    /**
     * The command line for {@code args}: picocli reads every registered command's options by reflection (old
     * class files, outside the CDS archive), so a run of one command registers that one alone; help, usage and
     * errors (and no arguments) see them all.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new HushMain());
        Class<?> only = null;
        for (Class<?> c : COMMANDS) {
            if (args.length > 0 && !args[0].equals("help") && c.getAnnotation(Command.class).name().equals(args[0])) {
                only = c;
            }
        }
        for (Class<?> c : COMMANDS) {
            if (only == null || c == only) {
                cl.addSubcommand(c);
            }
        }
        return cl;
    }

    @Override
    public void run() {
        commandLine().usage(System.out);
    }
}
