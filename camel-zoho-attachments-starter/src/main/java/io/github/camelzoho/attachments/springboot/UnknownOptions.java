package io.github.camelzoho.attachments.springboot;

import java.beans.PropertyDescriptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Fails start-up on a property under {@code camel.component.zoho-attachments} that is no option, instead of ignoring it as
 * Spring Boot does by default. Spring Boot's own check ({@code ignoreUnknownFields = false}) would print the property's value,
 * and a misspelled {@code client-secret} must not end up in the console: this one names the property only.
 */
final class UnknownOptions {

    private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName
            .of(ZohoAttachmentsComponentAutoConfiguration.PREFIX);

    private UnknownOptions() {
    }

    static void check(Environment environment) {
        Set<String> known = Stream.of(BeanUtils.getPropertyDescriptors(ZohoAttachmentsComponentConfiguration.class))
                .filter(property -> property.getWriteMethod() != null || "customizer".equals(property.getName()))
                .map(PropertyDescriptor::getName).map(UnknownOptions::uniform).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        for (var source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.filter(PREFIX::isAncestorOf).stream()
                        .filter(name -> !known.contains(name.getElement(PREFIX.getNumberOfElements(), Form.UNIFORM)))
                        .forEach(name -> unknown.add(name.toString()));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) of the zoho-attachments component: " + unknown
                    + ". Every option is listed in the component's documentation and completed by IDEs.");
        }
    }

    /** Spring Boot's uniform form of a name: lower case, letters and digits only. */
    private static String uniform(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    }
}
