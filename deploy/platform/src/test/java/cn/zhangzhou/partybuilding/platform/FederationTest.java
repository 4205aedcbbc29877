package cn.zhangzhou.partybuilding.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

import cn.zhangzhou.partybuilding.embedded.KafkaBroker;
import cn.zhangzhou.partybuilding.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The federation's ACLs ({@link Federation}) on a real broker with SASL/SCRAM and the ACL authorizer on: each
 * district creates and writes its own topics only, reads what it consumes, and the dashboard reads every district.
 */
class FederationTest {

    private static final List<String> DISTRICTS = List.of("xiangcheng", "longwen");
    private static final List<String> SERVICES = PlatformService.districtServices().stream()
            .map(PlatformService::id).toList();
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.startSecured(Files.createTempDirectory("zz-federation"), "admin-secret");
        Federation.acls(DISTRICTS).forEach((user, acls) -> {
            broker.createUser(user, password(user));
            broker.grant(acls);
        });
        // Each district creates its own topics, as its services do at start-up, and publishes one event on each.
        for (String district : DISTRICTS) {
            String user = Federation.principal(district);
            try (Admin admin = Admin.create(client(user)); KafkaProducer<String, String> producer = producer(user)) {
                List<NewTopic> topics = new ArrayList<>();
                for (String service : SERVICES) {
                    topics.add(new NewTopic(Topics.events(district, service), 1, (short) 1));
                    topics.add(new NewTopic(Topics.deadLetter(Topics.events(district, service)), 1, (short) 1));
                }
                admin.createTopics(topics).all().get();
                for (String service : SERVICES) {
                    producer.send(new ProducerRecord<>(Topics.events(district, service), district, service)).get();
                }
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void aDistrictIsRefusedWritingAnotherDistrictsTopic() {
        try (KafkaProducer<String, String> producer = producer(Federation.principal("xiangcheng"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.events("longwen", "membership"), "k",
                    "forged")).get())
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TopicAuthorizationException.class);
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.events("longwen", "wishes"), "k",
                    "forged")).get())
                    .cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aDistrictIsRefusedCreatingAnotherDistrictsTopic() {
        try (Admin admin = Admin.create(client(Federation.principal("xiangcheng")))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("longwen.forged.events", 1, (short) 1)))
                    .all().get())
                    .cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aDistrictReadsItsOwnTopicsAndTheOtherDistrictsMembershipAndVolunteeringEvents() {
        String xiangcheng = Federation.principal("xiangcheng");
        Set<String> consumed = Set.of(Topics.events("xiangcheng", "wishes"), Topics.events("longwen", "membership"),
                Topics.events("longwen", "volunteering"));
        assertThat(readAll(xiangcheng, "membership-xiangcheng", Pattern.compile(String.join("|", consumed)), 3))
                .extracting(ConsumerRecord::topic).containsExactlyInAnyOrderElementsOf(consumed);
        // Evaluation's second group is under the same prefix.
        assertThat(readAll(xiangcheng, "evaluation-xiangcheng-outcomes",
                Pattern.compile(Pattern.quote(Topics.events("xiangcheng", "evaluation"))), 1)).hasSize(1);
    }

    @Test
    void aDistrictIsRefusedReadingWhatItDoesNotConsume() {
        String xiangcheng = Federation.principal("xiangcheng");
        try (KafkaConsumer<String, String> consumer = consumer(xiangcheng, "wishes-xiangcheng")) {
            consumer.subscribe(List.of(Topics.events("longwen", "wishes")));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer(xiangcheng, "membership-longwen")) {
            consumer.subscribe(List.of(Topics.events("xiangcheng", "membership")));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void theDashboardReadsEveryDistrictsEventsAndWritesNone() {
        List<ConsumerRecord<String, String>> read = readAll(Federation.DASHBOARD, Federation.DASHBOARD,
                Pattern.compile("[a-z]+\\.(membership|wishes|volunteering|evaluation)\\.events"),
                DISTRICTS.size() * SERVICES.size());
        assertThat(read).extracting(ConsumerRecord::topic).containsExactlyInAnyOrderElementsOf(
                DISTRICTS.stream().flatMap(d -> SERVICES.stream().map(s -> Topics.events(d, s))).toList());
        try (KafkaProducer<String, String> producer = producer(Federation.DASHBOARD)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.events("xiangcheng", "wishes"), "k",
                    "forged")).get())
                    .cause().isInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Subscribes by pattern and reads until {@code count} records came, or 30 seconds passed. */
    private static List<ConsumerRecord<String, String>> readAll(String user, String group, Pattern topics, int count) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(user, group)) {
            consumer.subscribe(topics);
            Instant deadline = Instant.now().plusSeconds(30);
            while (read.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(read::add);
            }
        }
        return read;
    }

    private static String password(String user) {
        return user + "-secret";
    }

    private static Map<String, Object> client(String user) {
        Map<String, Object> config = new HashMap<>(KafkaBroker.scramClient(user, password(user)));
        config.put("bootstrap.servers", broker.bootstrapServers());
        return config;
    }

    private static KafkaProducer<String, String> producer(String user) {
        Map<String, Object> config = client(user);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String group) {
        Map<String, Object> config = client(user);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
