package io.cassguard.service.tls;

import io.cassguard.support.Admission;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook listener speaks TLS 1.3 only unless configured otherwise (docs/webhook.md). */
@QuarkusTest
class TlsProtocolsTest {

    @Test
    void aTls13ClientIsServed() throws IOException {
        assertThat(handshake("TLSv1.3")).isEqualTo("TLSv1.3");
    }

    @Test
    void aClientLimitedToTls12IsRefusedByDefault() {
        assertThatThrownBy(() -> handshake("TLSv1.2")).isInstanceOf(SSLHandshakeException.class);
    }

    /** The protocol a client limited to {@code protocol} agrees on with the listener. */
    private static String handshake(String protocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) Admission.tlsContext().getSocketFactory().createSocket("localhost", Admission.HTTPS_PORT)) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }
}
