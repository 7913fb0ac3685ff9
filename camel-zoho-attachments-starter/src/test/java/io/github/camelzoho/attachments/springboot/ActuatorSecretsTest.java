package io.github.camelzoho.attachments.springboot;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Actuator's configprops and env endpoints, told to show values, mask every secret option of the component (secret=true in its
 * descriptor): Spring Boot 3 no longer masks by key name.
 */
@SpringBootTest(classes = ActuatorSecretsTest.Application.class, properties = {
        "camel.component.zoho-attachments.client-id=1000.ACTUATORCLIENTID",
        "camel.component.zoho-attachments.client-secret=actuator-client-secret-value",
        "camel.component.zoho-attachments.refresh-token=1000.actuator-refresh-token-value",
        "camel.component.zoho-attachments.proxy-auth-username=actuator-proxy-user",
        "camel.component.zoho-attachments.proxy-auth-password=actuator-proxy-password-value",
        "camel.component.zoho-attachments.accounts-domain=http://127.0.0.1:9",
        "camel.component.zoho-attachments.max-concurrent-requests=7",
        "management.endpoint.configprops.show-values=always",
        "management.endpoint.env.show-values=always",
        "management.endpoints.web.exposure.include=configprops,env",
        "management.endpoints.jmx.exposure.include=configprops,env",
        "spring.jmx.enabled=true",
        // not the other test's application.properties and routes
        "spring.config.name=actuator-secrets-test", "camel.main.routes-collector-enabled=false"})
class ActuatorSecretsTest {

    private static final List<String> SECRETS = List.of("1000.ACTUATORCLIENTID", "actuator-client-secret-value",
            "1000.actuator-refresh-token-value", "actuator-proxy-user", "actuator-proxy-password-value");

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @Autowired
    ConfigurationPropertiesReportEndpoint configprops;

    @Autowired
    EnvironmentEndpoint env;

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    @Test
    void configpropsAndEnvShowValuesButMaskEverySecretOption() throws Exception {
        String props = JSON.writeValueAsString(configprops.configurationProperties());
        String environment = JSON.writeValueAsString(env.environment(null));

        assertTrue(props.contains("\"maxConcurrentRequests\":7"), "values are shown: " + props);
        assertTrue(environment.contains("http://127.0.0.1:9"), "values are shown");
        for (String secret : SECRETS) {
            assertFalse(props.contains(secret), "configprops shows " + secret);
            assertFalse(environment.contains(secret), "env shows " + secret);
        }
    }
}
