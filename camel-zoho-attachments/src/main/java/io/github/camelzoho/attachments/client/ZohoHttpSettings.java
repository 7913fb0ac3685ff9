package io.github.camelzoho.attachments.client;

import java.time.Duration;

import javax.net.ssl.SSLContext;

/**
 * How the HTTP client connects: timeouts, proxy, TLS, pool size and a builder hook. Immutable; build with {@link #builder()}.
 */
public final class ZohoHttpSettings {

    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final String proxyHost;
    private final int proxyPort;
    private final String proxyUsername;
    private final String proxyPassword;
    private final SSLContext sslContext;
    private final int maxConnections;
    private final ZohoHttpClientConfigurer configurer;

    private ZohoHttpSettings(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.responseTimeout = b.responseTimeout;
        this.proxyHost = b.proxyHost;
        this.proxyPort = b.proxyPort;
        this.proxyUsername = b.proxyUsername;
        this.proxyPassword = b.proxyPassword;
        this.sslContext = b.sslContext;
        this.maxConnections = b.maxConnections;
        this.configurer = b.configurer;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration responseTimeout() {
        return responseTimeout;
    }

    public String proxyHost() {
        return proxyHost;
    }

    public int proxyPort() {
        return proxyPort;
    }

    public String proxyUsername() {
        return proxyUsername;
    }

    public String proxyPassword() {
        return proxyPassword;
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public ZohoHttpClientConfigurer configurer() {
        return configurer;
    }

    /** Builder of {@link ZohoHttpSettings}; defaults: 10 s to connect, 60 s to answer, 20 pooled connections. */
    public static final class Builder {

        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private String proxyHost;
        private int proxyPort;
        private String proxyUsername;
        private String proxyPassword;
        private SSLContext sslContext;
        private int maxConnections = 20;
        private ZohoHttpClientConfigurer configurer;

        private Builder() {
        }

        /** Time allowed to open a connection; zero waits forever. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** Time allowed between two packets of a response; zero waits forever. */
        public Builder responseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
            return this;
        }

        /** An HTTP proxy to go through; null for none. */
        public Builder proxy(String host, int port) {
            this.proxyHost = host;
            this.proxyPort = port;
            return this;
        }

        /** Basic credentials for the proxy; null for none. */
        public Builder proxyCredentials(String username, String password) {
            this.proxyUsername = username;
            this.proxyPassword = password;
            return this;
        }

        /** The TLS context; null for the JVM's default. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /** Pooled connections; keep it at least the concurrency limit. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** A last say on the HttpClient builder. */
        public Builder configurer(ZohoHttpClientConfigurer configurer) {
            this.configurer = configurer;
            return this;
        }

        public ZohoHttpSettings build() {
            return new ZohoHttpSettings(this);
        }
    }
}
