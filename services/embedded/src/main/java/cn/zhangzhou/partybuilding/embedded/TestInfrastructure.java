package cn.zhangzhou.partybuilding.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Kafka broker and PostgreSQL server of one test JVM, started on first use and stopped when
 * the JVM exits. Externally started servers are used instead when the environment names them:
 * {@code KAFKA_BOOTSTRAP_SERVERS}; {@code POSTGRES_URL} (a JDBC URL of an admin database, e.g.
 * {@code jdbc:postgresql://db:5432/postgres}), {@code POSTGRES_USER}, {@code POSTGRES_PASSWORD}.
 */
public final class TestInfrastructure {

    private static final AtomicInteger databases = new AtomicInteger();
    private static String kafkaBootstrap;
    private static KafkaBroker kafka;
    private static PostgresServer postgres;

    private TestInfrastructure() {
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrap == null) {
            String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
            if (external != null && !external.isBlank()) {
                kafkaBootstrap = external;
            } else {
                kafka = KafkaBroker.start(tempDir("kafka"), 0, 0);
                kafkaBootstrap = kafka.bootstrapServers();
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-shutdown"));
            }
        }
        return kafkaBootstrap;
    }

    /** The broker of this JVM, if this JVM started one (null when an external one is used). */
    public static synchronized KafkaBroker embeddedKafka() {
        kafkaBootstrapServers();
        return kafka;
    }

    /** A fresh, empty database for one test context; returns its JDBC URL. */
    public static synchronized String newDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet())
                .toLowerCase().replaceAll("[^a-z0-9_]", "_");
        String adminUrl = adminUrl();
        PostgresServer.Databases.ensure(adminUrl, postgresUser(), postgresPassword(), name);
        return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    }

    public static String postgresUser() {
        return env("POSTGRES_USER", PostgresServer.USER);
    }

    public static String postgresPassword() {
        return env("POSTGRES_PASSWORD", "");
    }

    private static synchronized String adminUrl() {
        String external = System.getenv("POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            return external;
        }
        if (postgres == null) {
            postgres = PostgresServer.start(tempDir("postgres"), 0, false);
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-shutdown"));
        }
        return postgres.jdbcUrl("postgres");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("zz-test-" + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
