package dev.hush.proxy.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;

/**
 * One leaf and its key, as a TLS server's key manager. Building this is instant, unlike a PKCS#12 key store,
 * which protects each key entry with thousands of PBKDF2 rounds (most of a first-time mint).
 */
final class LeafKeyManager extends ServerKeyManager {
    private static final String ALIAS = "leaf";
    private final X509Certificate[] chain;
    private final PrivateKey key;

    LeafKeyManager(X509Certificate[] chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return ALIAS;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }
}
