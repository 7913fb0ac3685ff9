package io.github.camelzoho.attachments.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.camelzoho.attachments.JdbcStateRepository;
import io.github.camelzoho.attachments.ZohoAttachmentsComponent;
import io.github.camelzoho.attachments.ZohoAttachmentsConfiguration;
import io.github.camelzoho.attachments.ZohoAttachmentsConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

/**
 * One replica of an integration, as a user would deploy it several times: a CamelContext whose consumer route runs only on the
 * leader ({@code master:} under a {@link FileLockClusterService}) and records what it delivered in PostgreSQL through
 * camel-sql's {@link JdbcMessageIdRepository}. Started in its own JVM by the tests, configured with {@code -Dreplica.*}
 * properties.
 * <p>
 * It watches the records of {@code replica.records}, or, without that property, the whole Leads module; with
 * {@code replica.stateTable} the watch keeps its position in PostgreSQL through a {@link JdbcStateRepository} on that table.
 * Every request it sends to Zoho carries {@code X-Replica: <name>}, so the test server's log tells the replicas apart.
 * <p>
 * It writes what a test needs to count into two files, each line written through to the operating system at once, so a SIGKILL
 * loses none: {@code replica.deliveries} gets the attachment id as the route's first step (the route's side effect, e.g. an
 * archive upload), and {@code replica.events} gets what a user would watch: failed and recovered polls (through the poll
 * strategy) and the consumer's health check.
 */
public final class ReplicaMain {

    static final String ROUTE_ID = "zoho-replica";

    private ReplicaMain() {
    }

    public static void main(String[] args) throws Exception {
        String name = property("replica.name");
        Path deliveries = Path.of(property("replica.deliveries"));
        Path events = Path.of(property("replica.events"));
        long workMillis = Long.parseLong(property("replica.workMillis"));

        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(property("replica.jdbcUrl"));
        pool.setUsername(property("replica.jdbcUser"));
        pool.setPassword(property("replica.jdbcPassword"));
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        // While the database is down, fail a repository call at once instead of holding up the poll.
        pool.setConnectionTimeout(250);
        pool.setValidationTimeout(250);
        HikariDataSource dataSource = new HikariDataSource(pool);
        JdbcMessageIdRepository delivered = new JdbcMessageIdRepository(dataSource, property("replica.repositoryName"));
        delivered.setCreateTableIfNotExists(false); // created once beforehand, so replicas starting together do not race

        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(property("replica.lockRoot"));
        cluster.setAcquireLockDelay(100, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(250, TimeUnit.MILLISECONDS);

        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        context.addService(cluster);
        HealthCheckRegistry health = new DefaultHealthCheckRegistry();
        health.setCamelContext(context);
        context.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, health);
        health.register(health.resolveById("consumers"));

        ZohoAttachmentsConfiguration zoho = context.getComponent("zoho-attachments", ZohoAttachmentsComponent.class)
                .getConfiguration();
        zoho.setApiDomain(property("replica.zohoUrl"));
        zoho.setAccountsDomain(property("replica.zohoUrl"));
        zoho.setClientId(property("replica.clientId"));
        zoho.setClientSecret(property("replica.clientSecret"));
        zoho.setRefreshToken(property("replica.refreshToken"));
        zoho.setRetryInitialDelay(20);
        zoho.setRetryMaxDelay(100);
        zoho.setHttpClientConfigurer(builder -> builder
                .addRequestInterceptorFirst((request, entity, httpContext) -> request.setHeader("X-Replica", name)));

        EventLog log = new EventLog(events);
        context.getRegistry().bind("delivered", delivered);
        String inProgressName = System.getProperty("replica.inProgressRepositoryName");
        if (inProgressName != null) {
            // in flight, in the same table under another name: it outlives the process, as a user's JDBC one would
            JdbcMessageIdRepository inProgress = new JdbcMessageIdRepository(dataSource, inProgressName);
            inProgress.setCreateTableIfNotExists(false);
            context.getRegistry().bind("inProgress", inProgress);
        }
        String stateTable = System.getProperty("replica.stateTable");
        if (stateTable != null) {
            // the whole-module watch's position, shared by the replicas; the table exists already, as above
            JdbcStateRepository watchState = new JdbcStateRepository(dataSource, stateTable);
            watchState.setCreateTableIfNotExists(false);
            context.getRegistry().bind("watchState", watchState);
        }
        String records = System.getProperty("replica.records");
        context.getRegistry().bind("reportingPollStrategy", new ReportingPollStrategy(log));
        context.addRoutes(new RouteBuilder() {

            @Override
            public void configure() {
                from("master:zoho-lock:zoho-attachments:list?module=Leads&"
                        + (records != null ? "recordId=" + records + "&" : "") // else every Leads record
                        + (stateTable != null ? "stateRepository=#watchState&" : "")
                        + "idempotentRepository=#delivered&pollStrategy=#reportingPollStrategy&"
                        + (inProgressName != null ? "inProgressRepository=#inProgress&" : "")
                        + property("replica.consumerOptions"))
                        .routeId(ROUTE_ID)
                        .process(exchange -> {
                            String id = exchange.getMessage().getHeader(ZohoAttachmentsConstants.ATTACHMENT_ID, String.class);
                            append(deliveries, id);
                            // the rest of the route's work: an exchange stays in flight this long after its side effect
                            Thread.sleep(workMillis);
                        });
            }
        });

        CountDownLatch stopped = new CountDownLatch(1);
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM: a graceful stop lets the exchange in flight complete and be recorded
            watcher.shutdownNow();
            context.stop();
            dataSource.close();
            log.write("stopped");
            stopped.countDown();
        }));
        context.start();
        log.write("started");
        String[] lastHealth = {""};
        watcher.scheduleWithFixedDelay(() -> {
            String now = readiness(context);
            if (!now.equals(lastHealth[0])) {
                lastHealth[0] = now;
                log.write("health " + now);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        stopped.await();
    }

    /** The readiness checks as a user's monitoring would read them, e.g. {@code consumer:zoho-replica=DOWN}. */
    private static String readiness(CamelContext context) {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .map(r -> r.getCheck().getId() + "=" + r.getState()
                        + (r.getState() == HealthCheck.State.UP ? "" : r.getMessage().map(m -> " (" + m + ")").orElse("")))
                .sorted().collect(Collectors.joining(", "));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalArgumentException("system property " + name + " is required");
        }
        return value;
    }

    /** Appends one line and hands it to the operating system at once: a killed process has lost nothing it wrote. */
    static synchronized void append(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
    }

    /** Time-stamped lines for the test to read. */
    static final class EventLog {

        private final Path file;

        EventLog(Path file) {
            this.file = file;
        }

        void write(String event) {
            try {
                append(file, Instant.now() + " " + event.replace('\n', ' '));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Camel's default poll strategy (a WARN log per failed poll), which also writes every failure and recovery down. */
    static final class ReportingPollStrategy extends DefaultPollingConsumerPollStrategy {

        private final EventLog log;
        private volatile boolean failing = true;

        ReportingPollStrategy(EventLog log) {
            this.log = log;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            if (failing) {
                failing = false;
                log.write("poll-ok");
            }
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) throws Exception {
            failing = true;
            log.write("poll-failed " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return super.rollback(consumer, endpoint, retryCounter, cause);
        }
    }
}
