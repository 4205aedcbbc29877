package cn.zhangzhou.partybuilding.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TestInfrastructureTest {

    @Test
    void realBrokerCarriesARecord() throws Exception {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("infra-smoke", "k", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "infra-smoke",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("infra-smoke"));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 50 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofMillis(200));
            }
            assertThat(records.iterator().next().value()).isEqualTo("hello");
        }
    }

    @Test
    void realPostgresGivesEachContextItsOwnDatabase() throws Exception {
        String a = TestInfrastructure.newDatabase("smoke");
        String b = TestInfrastructure.newDatabase("smoke");
        assertThat(a).isNotEqualTo(b);
        try (Connection c = DriverManager.getConnection(a, TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword());
             ResultSet rs = c.createStatement().executeQuery("select version()")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
        }
    }
}
