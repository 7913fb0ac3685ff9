package io.github.camelzoho.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.camelzoho.attachments.testserver.ZohoTestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A camel-main application started the way a user starts one: {@code application.properties} from the classpath, the route
 * files chosen with {@code camel.main.routes-include-pattern}, and the component pointed at a {@link ZohoTestServer} exactly as
 * {@link ExamplesMain} does offline.
 */
final class CamelMainApp implements AutoCloseable {

    private final Main main;
    private final NotifyBuilder done;

    private CamelMainApp(Main main, NotifyBuilder done) {
        this.main = main;
        this.done = done;
    }

    static Builder with(ZohoTestServer zoho) {
        return new Builder(zoho);
    }

    static final class Builder {

        private final ZohoTestServer zoho;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Consumer<Main> setup = main -> {
        };
        private Function<CamelContext, NotifyBuilder> doneWhen;

        private Builder(ZohoTestServer zoho) {
            this.zoho = zoho;
        }

        /** Route files to load, e.g. {@code classpath:routes/housekeeping.camel.xml}. */
        Builder routes(String includePattern) {
            return property("camel.main.routes-include-pattern", includePattern);
        }

        /** A property that wins over application.properties, as {@code -D} or an environment variable would. */
        Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        Builder setup(Consumer<Main> setup) {
            this.setup = setup;
            return this;
        }

        /** What "the example has done its work" means; set up before the routes start, so nothing is missed. */
        Builder doneWhen(Function<CamelContext, NotifyBuilder> doneWhen) {
            this.doneWhen = doneWhen;
            return this;
        }

        CamelMainApp start() {
            zoho.registerClient(ZohoTestServer.DEMO_CLIENT_ID, ZohoTestServer.DEMO_CLIENT_SECRET,
                    ZohoTestServer.DEMO_REFRESH_TOKEN);
            Main main = new Main();
            ExamplesMain.pointAt(main, zoho);
            properties.forEach(main::addOverrideProperty);
            setup.accept(main);
            NotifyBuilder[] done = new NotifyBuilder[1];
            if (doneWhen != null) {
                main.addMainListener(new MainListenerSupport() {

                    @Override
                    public void afterConfigure(BaseMainSupport configured) {
                        done[0] = doneWhen.apply(configured.getCamelContext());
                    }
                });
            }
            try {
                main.start();
            } catch (Exception e) {
                throw new IllegalStateException("camel-main did not start", e);
            }
            return new CamelMainApp(main, done[0]);
        }
    }

    CamelContext context() {
        return main.getCamelContext();
    }

    /** Waits (bounded) until the done condition holds; fails the test if it never does. */
    void awaitDone() {
        assertTrue(done.matches(30, TimeUnit.SECONDS), "the example did not finish its work: " + done);
    }

    @Override
    public void close() {
        main.stop();
    }
}
