package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hush.config.HushConfig;
import dev.hush.config.ScannerFactory;
import dev.hush.detect.Finding;
import dev.hush.detect.Scanner;
import dev.hush.policy.Destination;
import dev.hush.policy.Policy;
import dev.hush.policy.PolicyAction;
import dev.hush.policy.PolicyRule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The credential classes of issue 9 through the default scanner: what is found, with which type, and what is not. */
class CredentialClassesTest {
    private static Scanner scanner;

    @BeforeAll
    static void build() throws Exception {
        scanner = ScannerFactory.build(new HushConfig());
    }

    /** The scanner (with its models, a few hundred MB) is not kept for the rest of the one-fork suite. */
    @AfterAll
    static void release() {
        scanner = null;
    }

    private static List<Finding> secrets(String text) {
        return scanner.scan(text).stream().filter(f -> f.type().startsWith("SECRET.")).toList();
    }

    private static String only(String text) {
        List<Finding> f = secrets(text);
        assertEquals(1, f.size(), text + " -> " + f);
        return text.substring(f.get(0).start(), f.get(0).end());
    }

    @Test
    void passwordHashesAreTheirOwnTypeBlockedByDefaultAndPolicyConfigurable() {
        String hash = "$2b$12$Rk3vQ8mZp1Lx7Tn0Wc5Yu.hG2sD9fJ4aE6bN8kP1rT3vX5zC7qW9e";
        List<Finding> f = secrets("INSERT INTO users VALUES ('ana', '" + hash + "');");
        assertEquals(1, f.size(), f.toString());
        assertEquals("SECRET.PASSWORD_HASH", f.get(0).type());
        Destination dest = new Destination("openai", "gpt-4o", "api.openai.com", "alice", Set.of());
        assertEquals(PolicyAction.BLOCK, new Policy(List.of()).decide(f.get(0), dest).action());
        Policy lenient = new Policy(List.of(new PolicyRule("hashes-warn", "SECRET.PASSWORD_HASH", "warn")));
        assertEquals(PolicyAction.WARN, lenient.decide(f.get(0), dest).action());
        assertEquals(PolicyAction.BLOCK, lenient.decide(new Finding(0, 1, "SECRET.PASSWORD", "r", 0.9), dest).action());
    }

    @Test
    void aPasswordThatMerelyContainsAPlaceholderWordIsStillFound() {
        assertEquals("Sampled0g!x", only("password = \"Sampled0g!x\""));
        assertEquals("Mytodo#4471qz", only("DB_PASSWORD=Mytodo#4471qz"));
        assertEquals(0, secrets("password = \"sample\"").size());
        assertEquals(0, secrets("DB_PASSWORD=TODO").size());
    }

    @Test
    void passwordNamedCodeIsJudgedByItsValue() {
        assertEquals(0, secrets("IAMUserChangePassword = \"arn:aws:iam::aws:policy/IAMUserChangePassword\"").size());
        assertEquals(0, secrets("this.resetPassword = '#reset-password';").size());
        assertEquals(0, secrets("$pass = $_POST[\"password\"];").size());
        assertEquals("hoverkite@", only("conn->password = \"hoverkite@\";"));
    }

    @Test
    void uuidsLongHexAndSocketHostsAreNotSecrets() {
        assertEquals(0, secrets("export NPM_TOKEN=\"3f1c9e2a-7b44-4d0e-9a61-5c2e8f0b7d13\"").size());
        assertEquals(0, secrets("export AWS_SECRET_ACCESS_KEY=9c4e1f7a2b8d3e6f0a5c9b1d4e7f2a8c3b6d0e9f1a").size());
        assertEquals(0, secrets("mongodb://app:Jq7w3KxLp@%2Fvar%2Frun%2Fmongodb-27017.sock").size());
    }

    @Test
    void connectionStringsAndCommandLinesOfManyKinds() {
        assertEquals("Wq8#zLp2vK", only("postgresql://etl:Wq8#zLp2vK@db1:5432,db2:5432/sales?target_session_attrs=any"));
        assertEquals("Rk5vTq9mZ", only("Server=sql01;Database=crm;User Id=crm_app;Password=Rk5vTq9mZ;"));
        assertEquals("Tn4#qv8LmW", only("psexec \\\\10.2.0.8 -u ops -p Tn4#qv8LmW cmd"));
        assertEquals("Zr7!pQ2xKd", only("sshpass -p 'Zr7!pQ2xKd' ssh deploy@10.0.0.5"));
        assertEquals("Vb3$kW9nPq", only("net use Y: \\\\fs2\\eng Vb3$kW9nPq /user:CORP\\kim"));
    }

    @Test
    void keyNamedAssignmentsAndVendorPhrases() {
        assertEquals("Hq4vN8rTz2Lm6Wp1Xc9Bs3Ke", only("pastebin_key = \"Hq4vN8rTz2Lm6Wp1Xc9Bs3Ke\""));
        assertEquals("Hq4vN8rTz2Lm6Wp1Xc9Bs3Ke", only("the pastebin api key Hq4vN8rTz2Lm6Wp1Xc9Bs3Ke"));
        assertEquals(0, secrets("primaryKey: \"created_at_and_user_id\"").size());
        assertEquals(0, secrets("rotate the api key every 90 days").size());
    }

    @Test
    void frontendBuildVariablesHoldingPasswords() {
        assertEquals("sandpiper", only("REACT_APP_ADMIN_PASSWORD=sandpiper"));
        assertEquals(0, secrets("const pw = process.env.NEXT_PUBLIC_ADMIN_PASSWORD").size());
    }

    @Test
    void malformedTokensOfAKnownFormatAreLeftToThatFormat() {
        assertTrue(secrets("ghp_FlbeFZEioWvTpJyrc5b9BSkQ7v99E5pcj1as").size() == 1);
        assertEquals(0, secrets("github_token = \"ghp_Tooshort9Kq2vX7pLm\"").size());
    }

    @Test
    void wordLikePasswordsAreFoundButTheBareNameOfThePasswordIsNot() {
        assertEquals("myPassword", only("Server=db7;User ID=ops;Password=myPassword;"));
        assertEquals("mypassword", only("AUTO_LOGIN_PASSWORD=mypassword"));
        assertEquals(0, secrets("credentials {\n  username 'deploy'\n  password 'password'\n}").size());
        assertEquals(0, secrets("psexec \\\\host7 -u ops -p PASSWORD cmd").size());
        assertEquals(0, secrets("api_key = \"1234567890abcdef1234567890abcdef\"").size());
    }

    @Test
    void codeUnderSecretNamesIsJudgedByTheValue() {
        assertEquals(0, secrets("self._master_key = masterKD.deriveKey(\"x\", 32)").size());
        assertEquals(0, secrets("auth_token = AuthenticationString(authkey)").size());
        assertEquals(0, secrets("def load(data, password: Optional[bytes] = None):").size());
        assertEquals(0, secrets("user_password = credentials[1]").size());
        assertEquals("Zq8vXr2LmT5pWk9N", only("auth_token = \"Zq8vXr2LmT5pWk9N\""));
    }

    @Test
    void passwordsWithoutADelimiterInSqlCodeAndPipes() {
        assertEquals("Vr6#qLm2Tx", only("CREATE USER 'etl'@'%' IDENTIFIED BY 'Vr6#qLm2Tx';"));
        assertEquals("Kp3vZx8qLm", only("smtp.login('ops@acme.io', 'Kp3vZx8qLm')"));
        assertEquals("Hq5wRt7zPm", only("echo Hq5wRt7zPm | docker login -u ci --password-stdin"));
        assertEquals("Wm4xTq9vLp", only("the staging password Wm4xTq9vLp is rotated weekly"));
        assertEquals(0, secrets("the password must be rotated every 90 days").size());
    }
}
