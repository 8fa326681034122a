package dev.hush.cli;

import dev.hush.proxy.forward.ProxyUsers;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hush proxy user add NAME}: proxy sign-in users (bcrypt hashes in {@code proxy.usersFile}). */
@Command(name = "proxy", mixinStandardHelpOptions = true, description = "Browser-mode proxy administration.",
        subcommands = {ProxyCommand.User.class})
public final class ProxyCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Proxy users.", subcommands = {ProxyCommand.Add.class})
    static final class User implements Runnable {
        @Override
        public void run() {
            new picocli.CommandLine(this).usage(System.out);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add or replace a proxy user. The password is read from the terminal, or from standard input",
                "(first line) when not a terminal; only its salted bcrypt hash is stored."})
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--users-file", paramLabel = "FILE", description = "Users file (default: proxy.usersFile, else DATA_DIR/proxy-users).")
        Path file;

        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() throws Exception {
            Path f = file;
            if (f == null) {
                String configured = dataDir.config.load().proxy.usersFile;
                f = configured != null ? Path.of(configured) : dataDir.resolve().resolve("proxy-users");
            }
            String password;
            Console c = System.console();
            if (c != null) {
                char[] p = c.readPassword("Password for %s: ", name);
                password = p == null ? "" : new String(p);
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? "" : line;
            }
            ProxyUsers.put(f, name, password);
            System.out.println("hush: user " + name + " saved in " + f + " (set proxy.usersFile to it to require sign-in)");
            return 0;
        }
    }
}
