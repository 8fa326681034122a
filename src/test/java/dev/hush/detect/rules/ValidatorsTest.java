package dev.hush.detect.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValidatorsTest {
    @Test
    void randomPrintableAcceptsShortRandomValuesByTheirMixOfClasses() {
        // 18 chars: at most log2(18) = 4.17 bits/char, below the 4.3 bar, so the mix of classes decides
        assertTrue(Entropy.shannon("Ov$RT&YZPNvS^_{I4k") < Validators.PRINTABLE_PLAIN_BITS);
        assertTrue(Validators.randomPrintable("Ov$RT&YZPNvS^_{I4k"));
        assertTrue(Validators.named("random-printable").test("9Gv*vK9JkmW378D}Cn+5"));
        // words joined by separators lack upper case; lower-case hex lacks symbols and upper case
        assertFalse(Validators.randomPrintable("my-app-session-key-v2"));
        assertFalse(Validators.randomPrintable("0a9f3c7be2d14586"));
        assertFalse(Validators.randomPrintable("Summer-Breeze-Lake"));
        assertFalse(Validators.randomPrintable("x7:AgencyIdentificationCode"));
    }

    @Test
    void longValuesPassOnEntropyAlone() {
        String v = "q7wz3kxp9mvb2nrt5hjc8dfg4lsy6aeu1io0";
        assertTrue(Entropy.shannon(v) >= Validators.PRINTABLE_PLAIN_BITS);
        assertTrue(Validators.randomPrintable(v));
        assertNotNull(Validators.named("key-sized-hex"), "the earlier validators are still registered");
    }

    @Test
    void randomLowerCaseHexKeysAreNoIdentifiersHoweverTheirLettersFall() {
        // a key such as d059149950d64a1a... splits into single letters (read like x509) and one word-like piece;
        // its many digit runs say it is a draw, not a name (issue 9, fourteenth round)
        java.util.Random rnd = new java.util.Random(14);
        String hex = "0123456789abcdef";
        int identifiers = 0;
        int startsWithLetter = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder b = new StringBuilder();
            int len = new int[] {32, 40, 64}[n % 3];
            for (int i = 0; i < len; i++) {
                b.append(hex.charAt(rnd.nextInt(16)));
            }
            String v = b.toString();
            startsWithLetter += Character.isLetter(v.charAt(0)) ? 1 : 0;
            identifiers += Validators.codeIdentifier(v) ? 1 : 0;
        }
        assertTrue(startsWithLetter > 1000, "the draw reaches the identifier check: " + startsWithLetter);
        assertTrue(identifiers == 0, identifiers + " random hex keys read as code identifiers");
        for (String code : new String[] {"utf8ToBase64", "sha256WithRSAEncryption", "x509Possession.popPrivateKey",
                "ipv4Tov6Mapping"}) {
            assertTrue(Validators.codeIdentifier(code), code + ": one or two digit runs are still a name");
        }
        assertFalse(Validators.codeIdentifier("d0a1f9e3b7c2adfab4"), "three digit runs or more are a draw");
    }

    @Test
    void codeIdentifiersAreTellingFromRandomKeysOfTheSameAlphabet() {
        for (String code : new String[] {"masterKD.deriveKey", "AuthenticationString", "x509Possession.popPrivateKey",
                "GSS_initSecContext", "ASAuthorizationAppleIDProvider", "Krb5Util.ticketToCreds", "_DSAPrivateKey",
                "getCompleteTokenInBuffer", "urllib.request.HTTPPasswordMgr"}) {
            assertTrue(Validators.codeIdentifier(code), code);
        }
        for (String key : new String[] {"tGzv3JOkF0XG5Qx2TlKWIA", "AAW4hstHnumwWVjKvqCGTAOcBhaBGN", "t5pqi5EXQ6BzZUwvgt5GcxyWBNxhgP",
                "8o39gg0c3o4ae3kg7o1wqpnrbrj0i4gj", "RCSIPtyJY90wyUYP3XSJBlvlyQxV4J10", "lsdkfolwjlksdefqwe", "ab", "Key"}) {
            assertFalse(Validators.codeIdentifier(key), key);
        }
    }

    @Test
    void aValueThatOpensWithAnotherIssuersPrefixIsThatFormatsToJudge() {
        var notOther = Validators.named("not-other-format");
        for (String malformed : new String[] {"ghp_Tq8vLz3mXw5Rk2", "dp.pt.Vx9Lq2Tm", "xoxb-4821", "sk_live_Kz7", "ATATT3xFfGF0Zq8"}) {
            assertFalse(notOther.test(malformed), malformed);
        }
        // a prefix counts only at the start and in its own case: a random value that holds one is judged as itself
        for (String random : new String[] {"Tq8vLz3mghp_Xw5Rk2", "GHP_Tq8vLz3mXw5Rk2", "Zq7vK2mPw9xTb4Ld"}) {
            assertTrue(notOther.test(random), random);
        }
    }
}
