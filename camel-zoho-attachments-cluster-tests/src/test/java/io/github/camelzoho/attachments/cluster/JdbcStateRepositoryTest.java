package io.github.camelzoho.attachments.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.camelzoho.attachments.JdbcStateRepository;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JdbcStateRepository} against the real PostgreSQL the cluster tests use: the table it creates, reads and writes seen
 * from other connections, replicas racing to insert the same key, and what a database error looks like.
 */
class JdbcStateRepositoryTest {

    private static final String TABLE = "zoho_state_unit_test";
    private static final String KEY = "zoho-attachments/Leads";

    private Postgres postgres;
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final List<JdbcStateRepository> repositories = new ArrayList<>();

    @BeforeEach
    void setUp() throws SQLException {
        postgres = Postgres.requireServer();
        postgres.execute("DROP TABLE IF EXISTS " + TABLE);
    }

    @AfterEach
    void tearDown() {
        repositories.forEach(JdbcStateRepository::stop);
        pools.forEach(HikariDataSource::close);
    }

    private HikariDataSource pool(boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.url);
        config.setUsername(postgres.user);
        config.setPassword(postgres.password);
        config.setMaximumPoolSize(2); // several pools at once stay well under the server's max_connections
        config.setMinimumIdle(0);
        config.setAutoCommit(autoCommit);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    private JdbcStateRepository started(JdbcStateRepository repository) {
        repositories.add(repository);
        repository.start();
        return repository;
    }

    @Test
    void createsItsTableAndKeepsOneValuePerKey() throws SQLException {
        JdbcStateRepository state = started(new JdbcStateRepository(pool(true), TABLE));
        assertNull(state.getState(KEY), "nothing saved yet");

        state.setState(KEY, "position=2026-12-01T20:15:03Z");
        state.setState(KEY, "position=2026-12-01T20:16:03Z;started=2026-11-30T08:00:00Z");
        state.setState("zoho-attachments/Deals", "position=2026-12-02T00:00:00Z");

        assertEquals("position=2026-12-01T20:16:03Z;started=2026-11-30T08:00:00Z", state.getState(KEY));
        assertEquals(List.of("position=2026-12-01T20:16:03Z;started=2026-11-30T08:00:00Z"), rows(KEY), "one row, updated");
        // what another replica sees: a repository of its own on the same table, started after the table exists
        JdbcStateRepository other = started(new JdbcStateRepository(pool(true), TABLE));
        assertEquals("position=2026-12-02T00:00:00Z", other.getState("zoho-attachments/Deals"));
    }

    @Test
    void commitsOnPoolsWhoseConnectionsDoNotAutoCommit() throws SQLException {
        JdbcStateRepository state = started(new JdbcStateRepository(pool(false), TABLE));
        state.setState(KEY, "position=2026-12-01T20:15:03Z");
        state.setState(KEY, "position=2026-12-01T20:15:04Z");

        assertEquals(List.of("position=2026-12-01T20:15:04Z"), rows(KEY), "committed, seen from another connection");
    }

    @Test
    void replicasWritingTheSameNewKeyAtOnceAllSucceedAndLeaveOneRow() throws Exception {
        int writers = 8;
        List<JdbcStateRepository> replicas = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            JdbcStateRepository replica = new JdbcStateRepository(pool(true), TABLE);
            repositories.add(replica);
            replicas.add(replica);
        }
        // started together, each creating the table if it is not there: the losers of that race find it and go on
        ExecutorService starts = Executors.newFixedThreadPool(writers);
        try {
            for (Future<?> start : starts.invokeAll(replicas.stream().map(r -> (Callable<Object>) () -> {
                r.start();
                return null;
            }).toList())) {
                start.get(30, TimeUnit.SECONDS);
            }
        } finally {
            starts.shutdownNow();
        }
        for (int round = 0; round < 20; round++) {
            String key = KEY + "-" + round;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    JdbcStateRepository replica = replicas.get(i);
                    String value = "position=2026-12-01T20:15:0" + i + "Z";
                    writes.add(threads.submit(() -> {
                        go.await();
                        replica.setState(key, value);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> write : writes) {
                    write.get(30, TimeUnit.SECONDS); // no duplicate-key error reaches the caller
                }
            } finally {
                threads.shutdownNow();
            }
            List<String> rows = rows(key);
            assertEquals(1, rows.size(), "one row for " + key + ": " + rows);
            assertTrue(rows.get(0).matches("position=2026-12-01T20:15:0[0-7]Z"), rows.get(0));
        }
    }

    @Test
    void aMissingTableIsReportedWithItsNameWhenTheRepositoryMayNotCreateIt() {
        JdbcStateRepository state = new JdbcStateRepository(pool(true), TABLE);
        state.setCreateTableIfNotExists(false);
        started(state);

        RuntimeCamelException read = assertThrows(RuntimeCamelException.class, () -> state.getState(KEY));
        assertTrue(read.getMessage().startsWith("Cannot read the state zoho-attachments/Leads from the table " + TABLE),
                read.getMessage());
        RuntimeCamelException write = assertThrows(RuntimeCamelException.class, () -> state.setState(KEY, "position=x"));
        assertTrue(write.getMessage().startsWith("Cannot write the state zoho-attachments/Leads to the table " + TABLE),
                write.getMessage());
    }

    @Test
    void refusesATableNameThatIsNotAnIdentifier() {
        JdbcStateRepository state = new JdbcStateRepository();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> state.setTableName("ZOHO_STATE; DROP TABLE CAMEL_MESSAGEPROCESSED"));
        assertTrue(e.getMessage().contains("tableName"), e.getMessage());
        state.setTableName("integration.ZOHO_STATE"); // a schema is fine
    }

    /** The values stored under a key, read with a connection of the test's own. */
    private List<String> rows(String key) throws SQLException {
        try (Connection c = postgres.connect();
                PreparedStatement s = c.prepareStatement("SELECT STATE_VALUE FROM " + TABLE + " WHERE STATE_KEY = ?")) {
            s.setString(1, key);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
