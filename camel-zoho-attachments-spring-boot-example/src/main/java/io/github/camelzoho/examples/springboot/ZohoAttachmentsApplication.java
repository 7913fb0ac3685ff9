package io.github.camelzoho.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Routes: {@link AttachmentReportRoute} (Java) and {@code src/main/resources/camel/*.camel.yaml} (YAML). */
@SpringBootApplication
public class ZohoAttachmentsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ZohoAttachmentsApplication.class, args);
    }
}
