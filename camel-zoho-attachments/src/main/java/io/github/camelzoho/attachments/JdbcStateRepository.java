package io.github.camelzoho.attachments;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link StateRepository} in a database table, for the {@code stateRepository} option when several replicas (or restarts on
 * other hosts) must share a whole-module watch's position. Camel ships only {@code MemoryStateRepository} and
 * {@code FileStateRepository}; this one needs nothing but JDBC ({@code java.sql}) and a {@link DataSource}, e.g. the pool that
 * already serves camel-sql's {@code JdbcMessageIdRepository}.
 * <p>
 * One row per key, in a table by default named {@value #DEFAULT_TABLE_NAME}:
 *
 * <pre>
 * CREATE TABLE ZOHO_ATTACHMENTS_STATE (STATE_KEY VARCHAR(255) PRIMARY KEY, STATE_VALUE VARCHAR(4000))
 * </pre>
 *
 * {@link #setState} updates the key's row and inserts it when there was none; when another replica inserted it in between (a
 * duplicate key), the update is tried again. Each call runs on its own connection, committed before it returns. A database
 * error is thrown as a {@link RuntimeCamelException}: the watch's poll fails with it and is tried again.
 */
public class JdbcStateRepository extends ServiceSupport implements StateRepository<String, String> {

    /** The table used unless {@link #setTableName} says otherwise. */
    public static final String DEFAULT_TABLE_NAME = "ZOHO_ATTACHMENTS_STATE";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateRepository.class);
    /** A table name, optionally schema-qualified: it is written into the SQL, so nothing else is accepted. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    /** How often {@link #setState} tries again when a concurrent insert of the same key wins the race. */
    private static final int ATTEMPTS = 3;

    private DataSource dataSource;
    private String tableName = DEFAULT_TABLE_NAME;
    private boolean createTableIfNotExists = true;

    public JdbcStateRepository() {
    }

    public JdbcStateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public JdbcStateRepository(DataSource dataSource, String tableName) {
        this.dataSource = dataSource;
        setTableName(tableName);
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    /** The database, typically a connection pool. Required. */
    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    /**
     * The table, {@value #DEFAULT_TABLE_NAME} by default; letters, digits and underscores, optionally with a schema
     * ({@code integration.ZOHO_STATE}).
     */
    public void setTableName(String tableName) {
        if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException("tableName must be letters, digits and underscores, optionally schema.table,"
                    + " not starting with a digit: " + tableName);
        }
        this.tableName = tableName;
    }

    public boolean isCreateTableIfNotExists() {
        return createTableIfNotExists;
    }

    /**
     * Whether {@link #start()} creates the table when it does not exist (the default). Replicas starting together may both try:
     * the one that loses the race finds the table there and goes on. Turn it off where the application's user may not create
     * tables, and create it beforehand.
     */
    public void setCreateTableIfNotExists(boolean createTableIfNotExists) {
        this.createTableIfNotExists = createTableIfNotExists;
    }

    @Override
    protected void doStart() throws Exception {
        if (dataSource == null) {
            throw new IllegalArgumentException("JdbcStateRepository needs a dataSource");
        }
        if (createTableIfNotExists && !tableExists()) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + tableName
                        + " (STATE_KEY VARCHAR(255) PRIMARY KEY, STATE_VALUE VARCHAR(4000))");
                commit(c);
                LOG.info("Created the table {} for the zoho-attachments watch positions", tableName);
            } catch (SQLException e) {
                if (!tableExists()) { // else another replica created it at the same moment
                    throw e;
                }
            }
        }
    }

    private boolean tableExists() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try {
                s.executeQuery("SELECT STATE_KEY FROM " + tableName + " WHERE 1 = 0").close();
                return true;
            } finally {
                rollback(c);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public String getState(String key) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT STATE_VALUE FROM " + tableName + " WHERE STATE_KEY = ?")) {
            s.setString(1, key);
            try (ResultSet row = s.executeQuery()) {
                String value = row.next() ? row.getString(1) : null;
                commit(c);
                return value;
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot read the state " + key + " from the table " + tableName + ": " + e, e);
        }
    }

    @Override
    public void setState(String key, String value) {
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 1;; attempt++) {
                if (update(c, key, value) > 0) {
                    return;
                }
                try {
                    insert(c, key, value);
                    return;
                } catch (SQLException e) {
                    rollback(c);
                    if (!isDuplicateKey(e) || attempt == ATTEMPTS) {
                        throw e;
                    }
                    // another replica inserted the key after our update found nothing: update its row instead
                    LOG.debug("The state {} was inserted concurrently in {}; updating it", key, tableName);
                }
            }
        } catch (SQLException e) {
            throw new RuntimeCamelException("Cannot write the state " + key + " to the table " + tableName + ": " + e, e);
        }
    }

    private int update(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + tableName + " SET STATE_VALUE = ? WHERE STATE_KEY = ?")) {
            s.setString(1, value);
            s.setString(2, key);
            int updated = s.executeUpdate();
            commit(c);
            return updated;
        }
    }

    private void insert(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tableName + " (STATE_KEY, STATE_VALUE) VALUES (?, ?)")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
            commit(c);
        }
    }

    /** SQLSTATE class 23, integrity constraint violation (PostgreSQL 23505, H2, Derby, Oracle, MySQL 23000). */
    private static boolean isDuplicateKey(SQLException e) {
        for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
            if (cause.getSQLState() != null && cause.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /** A pool may hand out connections with auto-commit off: each call is its own transaction either way. */
    private static void commit(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private static void rollback(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("Rollback failed: {}", e.toString());
        }
    }
}
