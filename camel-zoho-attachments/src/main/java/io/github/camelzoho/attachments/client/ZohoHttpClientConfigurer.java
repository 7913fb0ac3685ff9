package io.github.camelzoho.attachments.client;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * A hook to adjust the Apache HttpClient 5 builder after the component has configured it (timeouts, proxy, TLS, pooling), in
 * the spirit of camel-http's {@code HttpClientConfigurer}.
 */
@FunctionalInterface
public interface ZohoHttpClientConfigurer {

    void configureHttpClient(HttpClientBuilder builder);
}
