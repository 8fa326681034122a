package dev.hush.proxy.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Function;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * One key manager for every intercepted host: the alias is the SNI host of the handshake, and its chain and
 * key come from the leaf cache. One TLS context then serves all hosts, so an unseen host costs a mint (one
 * signature) instead of a new TLS context. No SNI, or a host Hush does not intercept: no alias, and the
 * handshake fails.
 */
final class SniKeyManager extends ServerKeyManager {
    /** Chain and key of one leaf. */
    record Leaf(X509Certificate[] chain, PrivateKey key) {
    }

    private final Function<String, Leaf> leaves;

    SniKeyManager(Function<String, Leaf> leaves) {
        this.leaves = leaves;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        if (keyType == null || !keyType.startsWith("EC")) {
            return null; // leaves are EC P-256
        }
        String sni = sni(engine.getHandshakeSession());
        return sni != null && leaves.apply(sni) != null ? sni : null;
    }

    static String sni(SSLSession s) {
        if (s instanceof ExtendedSSLSession e) {
            for (SNIServerName n : e.getRequestedServerNames()) {
                if (n instanceof SNIHostName h) {
                    return h.getAsciiName();
                }
            }
        }
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Leaf l = alias == null ? null : leaves.apply(alias);
        return l == null ? null : l.chain().clone();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Leaf l = alias == null ? null : leaves.apply(alias);
        return l == null ? null : l.key();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null; // engines only
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }
}
