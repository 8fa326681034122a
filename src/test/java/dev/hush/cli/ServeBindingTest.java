package dev.hush.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The gateway and admin ports bind where configured: {@code --host} / {@code gateway.host} for the gateway,
 * {@code --admin-host} / {@code gateway.adminHost} (default loopback) for the admin port. Two loopback
 * addresses tell them apart: a port bound to 127.0.0.2 refuses connections on 127.0.0.1 and vice versa.
 */
class ServeBindingTest {

    private static boolean reachable(String host, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5_000);
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    private static ServeCommand.Running start(Path dir, String... flags) throws Exception {
        Path cfg = dir.resolve("hush.yaml");
        Files.writeString(cfg, "dataDir: " + dir.resolve("data") + "\nrules:\n  builtin: false\nnlp:\n  person:\n    enabled: false\n");
        ServeCommand cmd = new ServeCommand();
        String[] base = {"--demo", "--port", "0", "--admin-port", "0", "--config", cfg.toString(),
            "--audit-dir", dir.resolve("audit").toString()};
        String[] all = new String[base.length + flags.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(flags, 0, all, base.length, flags.length);
        new CommandLine(cmd).parseArgs(all);
        return cmd.start();
    }

    @Test
    void adminDefaultsToLoopbackAndTheFlagsMoveEachPort(@TempDir Path dir) throws Exception {
        ServeCommand.Running r = start(dir, "--host", "127.0.0.2");
        try {
            assertEquals(true, reachable("127.0.0.2", r.port()));
            assertEquals(false, reachable("127.0.0.1", r.port()));
            assertEquals(true, reachable("127.0.0.1", r.adminPort()), "admin binds 127.0.0.1 by default");
            assertEquals(false, reachable("127.0.0.2", r.adminPort()));
        } finally {
            r.stop().run();
        }
        ServeCommand.Running r2 = start(dir, "--host", "127.0.0.1", "--admin-host", "127.0.0.3");
        try {
            assertEquals(true, reachable("127.0.0.1", r2.port()));
            assertEquals(true, reachable("127.0.0.3", r2.adminPort()));
            assertEquals(false, reachable("127.0.0.1", r2.adminPort()));
        } finally {
            r2.stop().run();
        }
    }

    @Test
    void aBlankHostIsAConfigError() {
        dev.hush.config.HushConfig c = new dev.hush.config.HushConfig();
        c.gateway.adminHost = " ";
        assertEquals(java.util.List.of("gateway.adminHost: must be an address to bind, e.g. 127.0.0.1"), c.validate());
    }
}
