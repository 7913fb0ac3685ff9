package io.github.camelzoho.attachments.springboot;

import java.util.Set;

import io.github.camelzoho.attachments.ZohoAttachmentsConfiguration;
import io.github.camelzoho.attachments.ZohoRecordIdSource;
import io.github.camelzoho.attachments.client.ZohoHttpClientConfigurer;
import io.github.camelzoho.attachments.client.ZohoTokenProvider;
import io.github.camelzoho.attachments.client.ZohoTokenStore;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Turns {@code #beanName} or {@code #bean:beanName} in {@code camel.component.zoho-attachments.*} into the Spring bean of that
 * name, for the options that take an object (repositories, token provider, HTTP hooks, TLS settings).
 */
@ConfigurationPropertiesBinding
public class ZohoAttachmentsComponentConverter implements GenericConverter {

    private static final Set<Class<?>> BEAN_TYPES = Set.of(ZohoAttachmentsConfiguration.class, IdempotentRepository.class,
            ZohoRecordIdSource.class, ZohoTokenProvider.class, ZohoTokenStore.class, ZohoHttpClientConfigurer.class,
            SSLContextParameters.class, StateRepository.class);

    private final ApplicationContext applicationContext;

    public ZohoAttachmentsComponentConverter(ApplicationContext applicationContext) {
        this.applicationContext = applicationContext;
    }

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(BEAN_TYPES.stream().map(type -> new ConvertiblePair(String.class, type))
                .toArray(ConvertiblePair[]::new));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String reference = source.toString().trim();
        if (!reference.startsWith("#")) {
            throw new IllegalArgumentException(
                    "'" + reference + "' is not a bean reference: write #beanName or #bean:beanName");
        }
        String beanName = reference.startsWith("#bean:") ? reference.substring("#bean:".length()) : reference.substring(1);
        try {
            return applicationContext.getBean(beanName, targetType.getType());
        } catch (NoSuchBeanDefinitionException e) {
            throw new IllegalArgumentException("no bean named '" + beanName + "' of type " + targetType.getType().getName()
                    + " in the Spring application context", e);
        }
    }
}
