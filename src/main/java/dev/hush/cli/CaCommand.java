package dev.hush.cli;

import dev.hush.config.HushConfig;
import dev.hush.proxy.forward.HostRules;
import dev.hush.proxy.tls.CertificateAuthority;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hush ca init [--name-constrained]} and {@code hush ca export}: the CA browser mode signs leaves with. */
@Command(name = "ca", mixinStandardHelpOptions = true, description = "The certificate authority of browser mode.",
        subcommands = {CaCommand.Init.class, CaCommand.Export.class})
public final class CaCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the CA in the data directory if there is none (the private key stays there, owner-only).")
    static final class Init implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Option(names = "--name-constrained", description = "Permit only the intercept list's domains (X.509 Name Constraints).")
        boolean nameConstrained;

        @Override
        public Integer call() throws Exception {
            Path dir = dataDir.resolve();
            if (CertificateAuthority.exists(dir)) {
                System.out.println("hush: a CA already exists in " + CertificateAuthority.certFile(dir).getParent()
                        + " (remove it first to make a new one; browsers must then trust the new one)");
                return 0;
            }
            HushConfig cfg = dataDir.config.load();
            CertificateAuthority ca = CertificateAuthority.create(dir,
                    nameConstrained ? new HostRules(cfg.proxy).interceptGlobs() : null);
            System.out.println("hush: created the CA in " + CertificateAuthority.certFile(dir).getParent()
                    + (nameConstrained ? " (name-constrained to the intercept list)" : ""));
            System.out.println("hush: SHA-256 " + ca.fingerprint());
            System.out.println("hush: install it in browsers: `hush ca export > hush-ca.crt`, or the admin port's /ca page");
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Print the CA certificate (PEM) to standard output.")
    static final class Export implements Callable<Integer> {
        @Mixin
        DataDirOption dataDir;

        @Override
        public Integer call() throws Exception {
            Path dir = dataDir.resolve();
            if (!CertificateAuthority.exists(dir)) {
                System.err.println("hush: no CA in " + CertificateAuthority.certFile(dir).getParent() + ": run `hush ca init`");
                return 2;
            }
            System.out.print(CertificateAuthority.load(dir).certificatePem());
            return 0;
        }
    }
}
