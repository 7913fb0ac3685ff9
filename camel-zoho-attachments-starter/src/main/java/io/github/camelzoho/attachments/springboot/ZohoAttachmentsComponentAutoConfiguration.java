package io.github.camelzoho.attachments.springboot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelzoho.attachments.ZohoAttachmentsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Applies {@code camel.component.zoho-attachments.*} to the zoho-attachments component when Camel creates it, like Camel's own
 * component starters. Off with {@code camel.component.zoho-attachments.enabled=false} (or
 * {@code camel.component.enabled=false}); the customizer alone off with
 * {@code camel.component.zoho-attachments.customizer.enabled=false}.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, ZohoAttachmentsComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.zoho-attachments"})
public class ZohoAttachmentsComponentAutoConfiguration {

    static final String PREFIX = "camel.component.zoho-attachments";

    private final ApplicationContext applicationContext;
    private final ZohoAttachmentsComponentConfiguration configuration;

    public ZohoAttachmentsComponentAutoConfiguration(ApplicationContext applicationContext,
            ZohoAttachmentsComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.configuration = configuration;
        UnknownOptions.check(applicationContext.getEnvironment());
    }

    /**
     * With Spring Boot's actuator on the classpath: masks the component's secret options in the configprops and env endpoints,
     * whatever their show-values setting.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class ActuatorSanitizing {

        @Bean
        SanitizingFunction zohoAttachmentsSecretsSanitizer() {
            return new ZohoAttachmentsSecretsSanitizer();
        }
    }

    /** Needed while the properties are bound, hence static: {@code #beanName} for the options that take an object. */
    @Bean
    @ConfigurationPropertiesBinding
    static ZohoAttachmentsComponentConverter zohoAttachmentsComponentConverter(ApplicationContext applicationContext) {
        return new ZohoAttachmentsComponentConverter(applicationContext);
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureZohoAttachmentsComponent() {
        return new ComponentCustomizer() {

            @Override
            public void configure(String name, Component target) {
                applyTo(target.getCamelContext(), target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        PREFIX + ".customizer")
                        && target instanceof ZohoAttachmentsComponent;
            }
        };
    }

    /**
     * Sets on the component exactly the options the application configured: the {@code configuration} bean first, so the single
     * options set beside it refine it rather than being overwritten by it. An option the component does not take fails here,
     * naming the property.
     */
    void applyTo(CamelContext camelContext, Component component) {
        // the component must be initialised for its generated configurer to be ready
        ServiceHelper.initService(component);
        PropertyConfigurer configurer = component.getComponentPropertyConfigurer();
        for (Map.Entry<String, Object> option : optionsToApply().entrySet()) {
            String property = PREFIX + "." + option.getKey();
            boolean applied;
            try {
                applied = PropertyBindingSupport.build().withConfigurer(configurer).withIgnoreCase(true)
                        .withReference(false).bind(camelContext, component, option.getKey(), option.getValue());
            } catch (PropertyBindingException e) {
                // the message would carry the value, possibly a secret: name the property, keep the cause's type
                throw new IllegalArgumentException(property + " could not be applied to the zoho-attachments component: "
                        + e.getClass().getSimpleName(), e.getCause());
            }
            if (!applied) {
                throw new IllegalArgumentException(property + " is not an option of the zoho-attachments component "
                        + component.getClass().getName() + ": the starter and the component are of different versions");
            }
        }
    }

    private Map<String, Object> optionsToApply() {
        BeanWrapper properties = PropertyAccessorFactory.forBeanPropertyAccess(configuration);
        Map<String, Object> options = new LinkedHashMap<>();
        if (configuration.explicitlySetOptions().contains("configuration")) {
            options.put("configuration", configuration.getConfiguration());
        }
        for (String name : configuration.explicitlySetOptions()) {
            Object value = properties.getPropertyValue(name);
            // the component takes durations as milliseconds
            options.putIfAbsent(name, value instanceof Duration duration ? duration.toMillis() : value);
        }
        return options;
    }
}
