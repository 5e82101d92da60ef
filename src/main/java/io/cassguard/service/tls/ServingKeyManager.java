package io.cassguard.service.tls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/**
 * The server key manager of the webhook listener, whose certificate and key are swapped by a reload without a new
 * TLS context. A handshake asks for an alias, then for its chain and key: an alias names the pair it was chosen from,
 * so that a handshake begun before a swap finishes with the pair it began with.
 */
final class ServingKeyManager extends X509ExtendedKeyManager {

    private record Pair(long number, X509ExtendedKeyManager keys) {
    }

    private volatile Pair current;
    private volatile Pair previous;

    /** Serves the key entries of a key store from the next handshake on. */
    synchronized void serve(KeyStore keyStore, char[] password) throws GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore, password);
        X509ExtendedKeyManager keys = (X509ExtendedKeyManager) factory.getKeyManagers()[0];
        previous = current;
        current = new Pair(current == null ? 0 : current.number() + 1, keys);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Pair pair = current;
        return alias(pair, pair.keys().chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Pair pair = current;
        return alias(pair, pair.keys().chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Pair pair = current;
        String[] aliases = pair.keys().getServerAliases(keyType, issuers);
        return aliases == null ? null : Arrays.stream(aliases).map(alias -> alias(pair, alias)).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Pair pair = pair(alias);
        return pair == null ? null : pair.keys().getCertificateChain(unqualified(alias));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Pair pair = pair(alias);
        return pair == null ? null : pair.keys().getPrivateKey(unqualified(alias));
    }

    /** A server only: it has no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    private static String alias(Pair pair, String alias) {
        return alias == null ? null : pair.number() + "/" + alias;
    }

    private Pair pair(String alias) {
        int slash = alias == null ? -1 : alias.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String number = alias.substring(0, slash);
        for (Pair pair : new Pair[]{current, previous}) {
            if (pair != null && String.valueOf(pair.number()).equals(number)) {
                return pair;
            }
        }
        return null;
    }

    private static String unqualified(String alias) {
        return alias.substring(alias.indexOf('/') + 1);
    }
}
