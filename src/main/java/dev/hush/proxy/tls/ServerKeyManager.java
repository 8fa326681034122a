package dev.hush.proxy.tls;

import java.net.Socket;
import java.security.Principal;
import javax.net.ssl.X509ExtendedKeyManager;

/** A key manager for the server side of a handshake only: Hush never presents a client certificate. */
abstract class ServerKeyManager extends X509ExtendedKeyManager {
    @Override
    public final String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public final String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
