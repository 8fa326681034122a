package dev.hush.proxy.forward;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Proxy users: a file of {@code name:hash} lines, the hash a salted bcrypt (BouncyCastle's OpenBSDBCrypt,
 * cost 10). Checking a password takes tens of milliseconds by design, so callers run it off the event loop.
 */
public final class ProxyUsers {
    static final int COST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, String> hashes;

    private ProxyUsers(Map<String, String> hashes) {
        this.hashes = hashes;
    }

    public static ProxyUsers load(Path file) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int c = l.indexOf(':');
            if (c <= 0 || !l.startsWith("$2", c + 1)) {
                throw new IOException(file + " line " + n + ": expected name:bcrypt-hash");
            }
            m.put(l.substring(0, c), l.substring(c + 1));
        }
        return new ProxyUsers(m);
    }

    public int size() {
        return hashes.size();
    }

    /** True when {@code name} exists and {@code password} matches its hash (slow: call on a worker). */
    public boolean check(String name, String password) {
        String h = hashes.get(name);
        if (h == null) {
            // same work either way, so response time does not tell which names exist
            OpenBSDBCrypt.checkPassword(DUMMY, password.toCharArray());
            return false;
        }
        return OpenBSDBCrypt.checkPassword(h, password.toCharArray());
    }

    private static final String DUMMY = hash("not a password");

    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, COST);
    }

    /** Adds or replaces {@code name} in {@code file} (created owner-only when new). */
    public static void put(Path file, String name, String password) throws IOException {
        if (!name.matches("[A-Za-z0-9._@\\-]{1,128}")) {
            throw new IllegalArgumentException("user name: letters, digits, '.', '_', '@', '-' only");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        List<String> out = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.startsWith(name + ":")) {
                    out.add(line);
                }
            }
        } else {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
        out.add(name + ":" + hash(password));
        Files.write(file, out, StandardCharsets.UTF_8);
    }
}
