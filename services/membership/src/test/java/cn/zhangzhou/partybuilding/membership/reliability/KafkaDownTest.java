package cn.zhangzhou.partybuilding.membership.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.testing.Api.Response;
import cn.zhangzhou.partybuilding.membership.testing.Fixtures;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;

/**
 * Kafka down while changes are accepted: the API keeps working, and every event reaches Kafka after the
 * broker returns, in per-aggregate order, none lost. A broker and a service of their own, so stopping
 * the broker disturbs no other test.
 */
class KafkaDownTest {

    @Test
    void theApiKeepsWorkingAndEveryEventArrivesInOrderAfterTheBrokerReturns() throws Exception {
        KafkaBroker broker = KafkaBroker.start(Files.createTempDirectory("zz-kafka-down"), 0, 0);
        try (RunningDistrict xc = RunningDistrict.isolated("xiangcheng", broker.bootstrapServers())) {
            Fixtures fx = new Fixtures(xc);
            String street = fx.street();
            await().atMost(Duration.ofSeconds(30)).until(() -> xc.rows("outbox_event") == 0);

            broker.stop();
            List<String> renamed = new ArrayList<>();
            for (int version = 1; version <= 5; version++) {
                String name = "街道-" + version;
                Response response = xc.api.post("/api/v1/organisations/" + street + "/rename", xc.admin(),
                        Map.of("name", name, "version", version));
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                renamed.add(name);
            }
            String community = fx.community(street);
            assertThat(xc.rows("outbox_event")).isEqualTo(6);

            broker = broker.restart();
            List<ConsumerRecord<String, byte[]>> events = readAll(broker.bootstrapServers(), xc.topic(), 8);
            List<String> streetNames = events.stream().filter(r -> street.equals(r.key()))
                    .filter(r -> new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)
                            .equals("zz.membership.OrganisationRenamed.v1"))
                    .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .map(json -> json.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1"))
                    .toList();
            assertThat(streetNames).containsExactlyElementsOf(renamed);
            assertThat(events).anyMatch(r -> community.equals(r.key()));
            await().atMost(Duration.ofSeconds(30)).until(() -> xc.rows("outbox_event") == 0);
        } finally {
            broker.close();
        }
    }

    /** Reads the topic from the beginning until {@code expected} records arrived (bounded). */
    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "kafka-down-test");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= expected;
            });
        }
        return records;
    }
}
