package io.github.camelzoho.attachments;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every number, duration and boolean URI option of the component (read from its generated descriptor, so a new option is
 * covered without editing this test) refuses text that is not one, naming the option and the value. The first test shows why
 * the component checks these itself: Camel 4.18 turns such text into 0 without a word. If a Camel upgrade makes it fail, Camel
 * refuses the values itself and OptionTextValidator may go.
 */
class OptionTextValidatorTest extends ZohoTestSupport {

    private static final String LIST = "zoho-attachments:list?module=Leads&recordId=" + RECORD;
    private static final Set<String> SCHEDULER_DELAYS = Set.of("delay", "initialDelay");

    static Stream<Arguments> numberAndDurationOptions() throws IOException {
        List<Arguments> options = new ArrayList<>();
        for (Map.Entry<String, JsonNode> option : endpointOptions()) {
            String type = option.getValue().path("type").asText();
            if (type.equals("integer") || type.equals("duration")) {
                options.add(Arguments.of(option.getKey(), type));
            }
        }
        return options.stream();
    }

    static Stream<Arguments> everyCheckedOption() throws IOException {
        List<Arguments> options = new ArrayList<>();
        for (Map.Entry<String, JsonNode> option : endpointOptions()) {
            String name = option.getKey();
            switch (option.getValue().path("type").asText()) {
                // the scheduler's delays are declared as milliseconds but take durations such as 5s as well
                case "integer" -> options.add(Arguments.of(name, "ten", SCHEDULER_DELAYS.contains(name)
                        ? "must be milliseconds or a duration such as 500, 2s or 1m30s"
                        : "must be a whole number"));
                case "duration" -> options.add(
                        Arguments.of(name, "ten", "must be milliseconds or a duration such as 500, 2s or 1m30s"));
                case "boolean" -> {
                    // Camel's DefaultComponent reads these two itself before the component sees the URI, and refuses "yes"
                    if (!name.equals("lazyStartProducer") && !name.equals("bridgeErrorHandler")) {
                        options.add(Arguments.of(name, "yes", "must be true or false"));
                    }
                }
                default -> {
                }
            }
        }
        return options.stream();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("numberAndDurationOptions")
    void camelAloneTurnsTextIntoZeroWithoutAWord(String option, String type) throws Exception {
        ZohoAttachmentsEndpoint endpoint = new ZohoAttachmentsEndpoint(LIST, context.getComponent("zoho-attachments",
                ZohoAttachmentsComponent.class), ZohoAttachmentsOperation.list, new ZohoAttachmentsConfiguration());
        ZohoAttachmentsEndpointConfigurer configurer = new ZohoAttachmentsEndpointConfigurer();

        assertTrue(configurer.configure(context, endpoint, option, "x", true), option);

        assertEquals("0", String.valueOf(configurer.getOptionValue(endpoint, option, true)),
                option + " (" + type + ") is no longer silently 0: Camel may now refuse it itself");
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("everyCheckedOption")
    void textThatIsNotANumberDurationOrBooleanFailsTheRouteAtStartup(String option, String value, String reason) {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("direct:start").to(LIST + "&proxyHost=proxy&" + option + "=" + value);
            }
        }));

        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertEquals("Invalid " + option + " '" + value + "': " + reason, cause.getMessage());
        assertTrue(zoho.requests().isEmpty());
    }

    private static Iterable<Map.Entry<String, JsonNode>> endpointOptions() throws IOException {
        String json = new String(OptionTextValidatorTest.class
                .getResourceAsStream("/META-INF/io/github/camelzoho/attachments/zoho-attachments.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        List<Map.Entry<String, JsonNode>> options = new ArrayList<>();
        options.addAll(new ObjectMapper().readTree(json).path("properties").properties());
        return options;
    }
}
