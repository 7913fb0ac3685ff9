package io.github.camelzoho.attachments.springboot;

import java.util.ArrayList;
import java.util.List;

import io.github.camelzoho.attachments.client.ZohoDataCenter;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bad value under {@code camel.component.zoho-attachments} stops the application at start-up, with a message that names the
 * property; nothing is sent anywhere (the component points at an address where nothing listens).
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    /** An application with one route using the component; it never reaches Zoho in these tests. */
    @SpringBootApplication
    static class Application {

        @Bean
        RouteBuilder listRoute() {
            return new RouteBuilder() {

                @Override
                public void configure() {
                    from("direct:list").to("zoho-attachments:list?module=Leads");
                }
            };
        }
    }

    private static ConfigurableApplicationContext run(String... properties) {
        List<String> args = new ArrayList<>(List.of(
                // not the application test's application.properties, nor its YAML route
                "--spring.config.name=startup-failure-test",
                "--camel.springboot.routes-include-pattern=classpath:no-routes/*",
                "--camel.component.zoho-attachments.access-token=token-never-sent",
                "--camel.component.zoho-attachments.api-domain=http://127.0.0.1:9"));
        for (String property : properties) {
            args.add("--" + property);
        }
        return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Test
    void anUnknownDataCenterFailsNamingTheOptionAndTheValidValues(CapturedOutput output) {
        Exception failure = assertThrows(Exception.class,
                () -> run("camel.component.zoho-attachments.data-center=MARS").close());

        String messages = messages(failure);
        assertTrue(messages.contains("camel.component.zoho-attachments.data-center"), messages);
        assertTrue(messages.contains(ZohoDataCenter.class.getName()), messages);
        // what Spring Boot prints for the user: the property, the value, and what it may be
        assertTrue(output.getOut().contains("Property: camel.component.zoho-attachments.data-center"), output.getOut());
        assertTrue(output.getOut().contains("Value: \"MARS\""), output.getOut());
        assertTrue(output.getOut().contains("The following values are valid:"), output.getOut());
        assertTrue(output.getOut().contains("EU"), output.getOut());
    }

    @Test
    void aMisspelledOptionFailsNamingItWithoutPrintingItsValue(CapturedOutput output) {
        Exception failure = assertThrows(Exception.class,
                () -> run("camel.component.zoho-attachments.data-centre=EU",
                        "camel.component.zoho-attachments.client-secert=s3cr3t-client-secret").close());

        String messages = messages(failure);
        assertTrue(messages.contains("Unknown option(s) of the zoho-attachments component: "
                + "[camel.component.zoho-attachments.client-secert, camel.component.zoho-attachments.data-centre]"),
                messages);
        assertFalse(messages.contains("s3cr3t-client-secret"), messages);
        assertFalse(output.getAll().contains("s3cr3t-client-secret"), output.getAll());
    }

    @Test
    void aNumberThatIsNotOneFailsNamingTheOption() {
        Exception failure = assertThrows(Exception.class,
                () -> run("camel.component.zoho-attachments.max-concurrent-requests=ten").close());

        assertTrue(messages(failure).contains("camel.component.zoho-attachments.max-concurrent-requests"),
                messages(failure));
    }

    @Test
    void aValueTheComponentRefusesFailsWhenTheRouteStarts() {
        Exception failure = assertThrows(Exception.class,
                () -> run("camel.component.zoho-attachments.per-page=500").close());

        assertTrue(messages(failure).contains("Invalid perPage '500'"), messages(failure));
    }

    @Test
    void aReferenceToAMissingBeanFailsNamingTheOptionAndTheBean() {
        Exception failure = assertThrows(Exception.class,
                () -> run("camel.component.zoho-attachments.idempotent-repository=#noSuchRepository").close());

        String messages = messages(failure);
        assertTrue(messages.contains("camel.component.zoho-attachments.idempotent-repository"), messages);
        assertTrue(messages.contains("no bean named 'noSuchRepository'"), messages);
    }

    @Test
    void enabledFalseTurnsTheStarterOff() {
        // the credentials and the address given in the properties are not applied: the route cannot start
        Exception failure = assertThrows(Exception.class,
                () -> run("camel.component.zoho-attachments.enabled=false").close());

        assertTrue(messages(failure).contains("No Zoho credentials"), messages(failure));
    }
}
