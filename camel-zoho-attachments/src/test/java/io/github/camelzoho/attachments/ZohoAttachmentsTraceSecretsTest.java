package io.github.camelzoho.attachments;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The documented safe way, credentials as component properties (not in endpoint URIs), leaks nothing even with every logger at
 * TRACE, Camel core's included: from the context's creation to its stop.
 */
class ZohoAttachmentsTraceSecretsTest extends ZohoTestSupport {

    private static final String SECRET = "trace-client-secret-value";
    private static final String REFRESH = "1000.trace-refresh-token-value";
    private static final String ID = "1000.TRACECLIENTID";

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Logger root;
    private Level previousLevel;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previousLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        captured.start();
        root.addAppender(captured);
        CamelContext context = super.createCamelContext();
        zoho.registerClient(ID, SECRET, REFRESH);
        // as camel-main and the Spring Boot starter bind camel.component.zoho-attachments.* properties: with the component's
        // generated configurer, no reflection
        ZohoAttachmentsComponent component = context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class);
        PropertyBindingSupport.build().withCamelContext(context).withTarget(component)
                .withConfigurer(PluginHelper.getConfigurerResolver(context)
                        .resolvePropertyConfigurer("zoho-attachments-component", context))
                .withReflection(false).withIgnoreCase(true)
                .withProperties(new HashMap<>(Map.of("clientId", ID, "clientSecret", SECRET, "refreshToken", REFRESH)))
                .bind();
        assertTrue(SECRET.equals(component.getConfiguration().getClientSecret()), "bound");
        return context;
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(captured);
        root.setLevel(previousLevel);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:list").routeId("list").to("zoho-attachments:list?module=Leads&recordId=" + RECORD);
            }
        };
    }

    @Test
    void credentialsSetAsComponentPropertiesLeakNothingAtTrace() throws Exception {
        zoho.seedAttachments("Leads", RECORD, 2);
        assertNull(template.send("direct:list", e -> {
        }).getException());
        zoho.revokeAccessTokens(); // a refresh, logged too
        assertNull(template.send("direct:list", e -> {
        }).getException());
        context.stop();

        List<String> secrets = new ArrayList<>(List.of(SECRET, REFRESH));
        zoho.requests().stream().map(r -> r.header("Authorization")).filter(h -> h != null)
                .map(h -> h.substring("Zoho-oauthtoken ".length())).forEach(secrets::add);
        assertTrue(secrets.size() >= 4, "two access tokens were used");
        assertTrue(captured.list.stream().anyMatch(e -> e.getLevel() == Level.TRACE), "TRACE was captured");
        assertTrue(captured.list.size() > 100, "Camel core logged at TRACE: " + captured.list.size());
        for (ILoggingEvent event : captured.list) {
            for (String secret : secrets) {
                assertFalse(event.getFormattedMessage().contains(secret),
                        "log line of " + event.getLoggerName() + " leaks a secret: " + event.getFormattedMessage());
                for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                    assertFalse(String.valueOf(t.getMessage()).contains(secret), "logged exception leaks: " + t.getMessage());
                }
            }
        }
    }
}
