package dev.hush.cli;

import dev.hush.detect.StartupTrace;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code hush <command>}. Every command is a picocli subcommand registered here. */
@Command(name = "hush", mixinStandardHelpOptions = true, versionProvider = HushVersion.class,
        description = "Data-loss-prevention proxy for generative-AI traffic.",
        subcommands = {
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
            CommandLine.HelpCommand.class,
        })
public final class HushMain implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (used by tests too). */
    public static int run(String... args) {
        StartupTrace trace = StartupTrace.begin("command line (picocli model)");
        CommandLine cl = new CommandLine(new HushMain());
        StartupTrace.end(trace);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("hush: " + ex.getMessage());
            return 2;
        });
        cl.setExitCodeExceptionMapper(t -> 2);
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
