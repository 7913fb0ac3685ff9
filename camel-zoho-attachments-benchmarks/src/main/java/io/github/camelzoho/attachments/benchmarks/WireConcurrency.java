package io.github.camelzoho.attachments.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelzoho.attachments.client.ZohoHttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Counts, on the client's side of the wire, the API requests sent and not yet answered (from the moment the request is handed
 * to the connection until the response head arrives), through the component's own {@code httpClientConfigurer} hook. The test
 * server's {@code maxInFlight()} counts a request until its handler thread returns, which is after the client already holds the
 * complete answer and may have sent its next request; this count has no such overlap, so the two together bracket the real
 * concurrency.
 */
final class WireConcurrency implements ZohoHttpClientConfigurer {

    private static final String COUNTED = WireConcurrency.class.getName() + ".counted";

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger max = new AtomicInteger();

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addRequestInterceptorLast((request, entity, context) -> {
            if (request.getPath() != null && request.getPath().startsWith("/crm/")) {
                context.setAttribute(COUNTED, Boolean.TRUE);
                max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            }
        });
        builder.addResponseInterceptorFirst((response, entity, context) -> {
            if (context.removeAttribute(COUNTED) != null) {
                inFlight.decrementAndGet();
            }
        });
    }

    int max() {
        return max.get();
    }

    void reset() {
        max.set(inFlight.get());
    }
}
