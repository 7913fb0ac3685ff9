package io.github.camelzoho.attachments;

import java.lang.reflect.Proxy;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The YAML DSL binding the docs show for {@link JdbcStateRepository}: a bean with its data source by reference, given to the
 * endpoint's stateRepository. Its reads and writes are tested against PostgreSQL in the cluster tests.
 */
class JdbcStateRepositoryBindingTest {

    @Test
    void theDocumentedYamlBindsTheRepositoryAndItsDataSource() throws Exception {
        DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataSource.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "toString" -> "a data source without a database";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new SQLException("no database in this test");
                });
        CamelContext context = new DefaultCamelContext();
        try {
            context.getRegistry().bind("zohoDataSource", dataSource);
            String yaml = """
                    - beans:
                        - name: watchState
                          type: io.github.camelzoho.attachments.JdbcStateRepository
                          properties:
                            dataSource: "#bean:zohoDataSource"
                            tableName: ZOHO_ATTACHMENTS_STATE
                    - route:
                        id: watch
                        autoStartup: false
                        from:
                          uri: "zoho-attachments:list?module=Leads&accessToken=unused&stateRepository=#watchState"
                          steps:
                            - to: mock:archive
                    """;
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("watch.camel.yaml", yaml));
            context.start();

            ZohoAttachmentsEndpoint endpoint = (ZohoAttachmentsEndpoint) context.getRoute("watch").getEndpoint();
            JdbcStateRepository state = assertInstanceOf(JdbcStateRepository.class,
                    endpoint.getConfiguration().getStateRepository());
            assertSame(dataSource, state.getDataSource());
            assertEquals("ZOHO_ATTACHMENTS_STATE", state.getTableName());
            assertSame(state, context.getRegistry().lookupByName("watchState"));
        } finally {
            context.stop();
        }
    }
}
