package cn.zhangzhou.partybuilding.membership.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.membership.testing.RunningDistrict;

/**
 * Poison records on a topic the membership service consumes (not JSON; JSON that breaks the schema) go
 * to the dead-letter topic, and the partition keeps flowing: a valid event after them, with the same key
 * (so the same partition), is still applied.
 */
class PoisonRecordTest {

    private static final String TOPIC = Topics.events("zhangpu", "membership");

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextEventIsApplied() throws Exception {
        RunningDistrict xc = RunningDistrict.xiangcheng();
        UUID organisation = UUID.randomUUID();
        String key = organisation.toString();
        OrganisationCreated valid = new OrganisationCreated(organisation, "ZP-CX", "城西社区",
                OrganisationType.COMMUNITY, UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record(key, "not json at all".getBytes(StandardCharsets.UTF_8), 1)).get();
            producer.send(record(key, ("{\"organisationId\":\"" + organisation + "\",\"code\":\"ZP-CX\","
                    + "\"name\":\"城西社区\",\"type\":\"VILLAGE\",\"parentId\":null}").getBytes(StandardCharsets.UTF_8), 2))
                    .get();
            producer.send(record(key, EventJson.toBytes(valid), 3)).get();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> xc.rows(
                "external_organisation where id = '" + organisation + "' and district = 'zhangpu'") == 1);
        // Xiangcheng's dead letters only: another district's service running in this JVM dead-letters them too.
        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(key, "membership-xiangcheng-", 2);
        assertThat(deadLetters).hasSize(2);
        assertThat(deadLetters).allSatisfy(r -> assertThat(r.headers().lastHeader("ce_type")).isNotNull());
    }

    private static ProducerRecord<String, byte[]> record(String key, byte[] value, long version) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, key, value);
        EventEnvelope.create(MembershipEvents.ORGANISATION_CREATED, "zhangpu", key, version, Instant.now(), null)
                .writeTo(record.headers());
        return record;
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(String key, String groupPrefix, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(TOPIC)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    var group = r.headers().lastHeader("kafka_dlt-original-consumer-group");
                    if (key.equals(r.key()) && group != null
                            && new String(group.value(), StandardCharsets.UTF_8).startsWith(groupPrefix)) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }
}
