package io.github.camelzoho.attachments.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server that {@code build/test.sh} started for these tests, described by its {@code ZOHO_IT_PG_*} environment
 * variables, with what the tests need to restart it mid-run.
 */
final class Postgres {

    final String url;
    final String user;
    final String password;
    private final String pgCtl;
    private final String dataDir;
    private final String logFile;
    private final String runAs;

    private Postgres() {
        url = System.getenv("ZOHO_IT_PG_URL");
        user = System.getenv("ZOHO_IT_PG_USER");
        password = System.getenv("ZOHO_IT_PG_PASSWORD");
        pgCtl = System.getenv("ZOHO_IT_PG_CTL");
        dataDir = System.getenv("ZOHO_IT_PG_DATA");
        logFile = System.getenv("ZOHO_IT_PG_LOG");
        runAs = System.getenv("ZOHO_IT_PG_RUN_AS");
    }

    private static String unavailable;
    private static Postgres server;

    /**
     * The server, or, when there is none, a failure of the calling test under {@code ZOHO_TEST_NO_SKIP=true} (which
     * build/test.sh sets unless a developer opts out with {@code ZOHO_TEST_ALLOW_SKIP=true}), else a loud skip (printed, and in
     * the Surefire report as a skipped test with the reason): never a silent one.
     */
    static synchronized Postgres requireServer() {
        if (server == null && unavailable == null) {
            find();
        }
        if (unavailable != null) {
            if ("true".equals(System.getenv("ZOHO_TEST_NO_SKIP"))) {
                Assertions.fail("CLUSTER TESTS FAILED - no PostgreSQL server: " + unavailable
                        + " (ZOHO_TEST_NO_SKIP=true: a missing prerequisite fails the test instead of skipping it)");
            }
            Assumptions.abort("CLUSTER TESTS SKIPPED - no PostgreSQL server: " + unavailable);
        }
        return server;
    }

    private static void find() {
        String reason = System.getenv("ZOHO_IT_PG_UNAVAILABLE");
        if (reason == null && System.getenv("ZOHO_IT_PG_URL") == null) {
            reason = "ZOHO_IT_PG_URL is not set: run the tests with ./build/test.sh, which starts a PostgreSQL server";
        }
        Postgres server = reason == null ? new Postgres() : null;
        if (server != null) {
            try (Connection c = server.connect()) {
                c.isValid(2);
            } catch (SQLException e) {
                reason = "cannot connect to " + server.url + ": " + e.getMessage();
            }
        }
        if (reason != null) {
            unavailable = reason;
            String message = "NO POSTGRESQL SERVER for the cluster tests: " + reason;
            String line = "=".repeat(Math.min(message.length() + 6, 140));
            System.err.println(line + "\n== " + message + "\n" + line);
            System.out.println(line + "\n== " + message + "\n" + line);
        } else {
            Postgres.server = server;
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Runs statements in one connection, each on its own. */
    void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Stops the server as an operator's restart or a crash would: open connections are cut. */
    void stop() throws IOException, InterruptedException {
        pgCtl("stop", "-m", "fast");
    }

    void start() throws IOException, InterruptedException {
        pgCtl("start", "-l", logFile, "-t", "60");
    }

    private void pgCtl(String action, String... options) throws IOException, InterruptedException {
        if (pgCtl == null || dataDir == null) {
            throw new IllegalStateException("ZOHO_IT_PG_CTL and ZOHO_IT_PG_DATA are needed to restart PostgreSQL");
        }
        List<String> command = new ArrayList<>();
        if (runAs != null && !runAs.isEmpty()) {
            command.addAll(List.of("runuser", "-u", runAs, "--"));
        }
        command.addAll(List.of(pgCtl, action, "-D", dataDir, "-w"));
        command.addAll(List.of(options));
        Path output = Files.createTempFile("pg_ctl", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("pg_ctl " + action + " failed: " + Files.readString(output));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
