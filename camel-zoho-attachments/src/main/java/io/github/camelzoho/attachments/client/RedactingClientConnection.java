package io.github.camelzoho.attachments.client;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 connection that logs headers with the {@code Authorization} value masked and never dumps the wire. HttpClient's
 * own connection logs every header, the access token included, and the token request's body (client secret, refresh token) as
 * soon as {@code org.apache.hc.client5.http.headers} or {@code .wire} is at DEBUG; a user turning on DEBUG to chase a problem
 * must not leak credentials. Headers are logged at DEBUG by the logger {@code io.github.camelzoho.attachments.client.http}.
 * <p>
 * HttpClient offers no supported way to turn its header and wire logs off per client, so this extends HttpCore's connection;
 * RedactingClientConnectionTest fails if an upgrade stops using it or stops calling its hooks.
 */
final class RedactingClientConnection extends DefaultBHttpClientConnection implements ManagedHttpClientConnection {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.camelzoho.attachments.client.http");
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "zoho-http-" + IDS.incrementAndGet();
    private volatile Timeout socketTimeout = Timeout.DISABLED;

    /** Creates these connections for the connection pool. */
    static final HttpConnectionFactory<ManagedHttpClientConnection> FACTORY = socket -> {
        RedactingClientConnection connection = new RedactingClientConnection();
        if (socket != null) {
            connection.bind(socket);
        }
        return connection;
    };

    private RedactingClientConnection() {
        super(Http1Config.DEFAULT);
    }

    @Override
    public void bind(Socket socket) throws IOException {
        super.bind(new SocketHolder(socket));
        socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
    }

    @Override
    public Socket getSocket() {
        SocketHolder holder = getSocketHolder();
        return holder == null ? null : holder.getSocket();
    }

    @Override
    public SSLSession getSSLSession() {
        return getSocket() instanceof SSLSocket ssl ? ssl.getSession() : null;
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
        super.setSocketTimeout(timeout);
        socketTimeout = timeout;
    }

    /** An idle pooled connection waits without a timeout... */
    @Override
    public void passivate() {
        super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
    }

    /** ...and gets its own back when leased again. */
    @Override
    public void activate() {
        super.setSocketTimeout(socketTimeout);
    }

    @Override
    protected void onRequestSubmitted(ClassicHttpRequest request) {
        if (request != null && LOG.isDebugEnabled()) {
            LOG.debug("{} >> {} {}", id, request.getMethod(), request.getPath());
            for (Header header : request.getHeaders()) {
                LOG.debug("{} >> {}: {}", id, header.getName(), masked(header));
            }
        }
    }

    @Override
    protected void onResponseReceived(ClassicHttpResponse response) {
        if (response != null && LOG.isDebugEnabled()) {
            LOG.debug("{} << {} {}", id, response.getCode(), response.getReasonPhrase());
            for (Header header : response.getHeaders()) {
                LOG.debug("{} << {}: {}", id, header.getName(), masked(header));
            }
        }
    }

    private static String masked(Header header) {
        String name = header.getName();
        if ("Authorization".equalsIgnoreCase(name) || "Proxy-Authorization".equalsIgnoreCase(name)
                || "Cookie".equalsIgnoreCase(name) || "Set-Cookie".equalsIgnoreCase(name)) {
            String value = header.getValue();
            int space = value == null ? -1 : value.indexOf(' ');
            return (space > 0 ? value.substring(0, space + 1) : "") + "***";
        }
        return header.getValue();
    }
}
