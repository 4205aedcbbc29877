package cn.zhangzhou.partybuilding.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import cn.zhangzhou.partybuilding.events.EventJson;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Poison on a membership topic, as another district's relay could publish it: the topic of a district that is not
 * running ({@link #SOURCE}), consumed by membership and the directories of wishes, volunteering and evaluation of every
 * running district (five consumer groups: {@link Platform#layout}).
 * <ul>
 *   <li>Throughput: a clean batch of registrations, then a batch of the same size in which one record in
 *       {@code poisonEvery} is malformed (valid CloudEvents headers, a payload that is not JSON); each timed from its
 *       first record sent until every group has committed its last.</li>
 *   <li>Dead letters: every poison record in the dead-letter topic once per group.</li>
 *   <li>Stall: with the consumers idle, a poison record and a valid one behind it on the same partition, timed until
 *       every group is past both: how long a poison record holds its partition ({@link #PROBES} times).</li>
 * </ul>
 */
final class PoisonCheck {

    static final String SOURCE = "zhangpu";
    static final Duration STALL_LIMIT = Duration.ofSeconds(10);
    static final int PROBES = 3;

    record Result(int events, int poison, int groups, double cleanPerSecond, double poisonedPerSecond,
                  long deadLettered, Duration longestStall) {

        double ratio() {
            return poisonedPerSecond / cleanPerSecond;
        }

        boolean allDeadLettered() {
            return deadLettered == (long) poison * groups;
        }

        boolean stallWithinLimit() {
            return longestStall.compareTo(STALL_LIMIT) <= 0;
        }

        /** Throughput with poison at least 0.9× a clean run's (the full profile's criterion; short runs vary more). */
        boolean throughputKept() {
            return ratio() >= 0.9;
        }
    }

    private final String bootstrap;
    private final String topic = Topics.events(SOURCE, "membership");
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    PoisonCheck(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer());
    }

    Result run(int events, int poisonEvery, List<String> groups) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Set<String> poison = new HashSet<>();
            // Warm-up: every group has found the new topic (pattern subscriptions) and its consumers are hot.
            timed(Math.max(events / 5, 1), 0, groups, poison);
            double clean = events / seconds(timed(events, 0, groups, poison));
            double poisoned = events / seconds(timed(events, poisonEvery, groups, poison));
            Duration longest = Duration.ZERO;
            for (int probe = 0; probe < PROBES; probe++) {
                Duration stall = timed(2, 2, groups, poison);
                longest = stall.compareTo(longest) > 0 ? stall : longest;
            }
            return new Result(events, poison.size(), groups.size(), clean, poisoned, deadLettered(poison), longest);
        } finally {
            producer.close();
            admin.close();
        }
    }

    /**
     * Sends a batch and returns how long until every group had consumed it. Record {@code i} is poison when
     * {@code i % poisonEvery == poisonEvery / 2}; all records of a batch of 2 share a key (one partition).
     */
    private Duration timed(int events, int poisonEvery, List<String> groups, Set<String> poison) throws Exception {
        long start = System.nanoTime();
        UUID shared = UUID.randomUUID();
        for (int i = 1; i <= events; i++) {
            UUID member = events == 2 ? shared : UUID.randomUUID();
            long version = events == 2 ? i : 1;
            EventEnvelope envelope = EventEnvelope.create(MembershipEvents.MEMBER_REGISTERED, SOURCE, member.toString(),
                    version, Instant.now(), null);
            boolean malformed = poisonEvery > 0 && i % poisonEvery == poisonEvery / 2;
            byte[] value = malformed ? "{\"memberId\": not json".getBytes(StandardCharsets.UTF_8)
                    : EventJson.toBytes(new MemberRegistered(member, UUID.randomUUID(), SOURCE, null,
                            MemberCategory.IN_SERVICE, List.of("志愿服务"), null, false));
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, member.toString(), value);
            envelope.writeTo(record.headers());
            producer.send(record);
            if (malformed) {
                poison.add(envelope.id().toString());
            }
        }
        producer.flush();
        awaitConsumed(groups, Duration.ofMinutes(10));
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void awaitConsumed(List<String> groups, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = List.of(0, 1, 2).stream().map(p -> new TopicPartition(topic, p)).toList();
        Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        while (!consumedBy(groups, ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the consumers did not reach the end of " + topic + " in " + timeout);
            }
            // The poll interval of a measurement, not a wait for a result.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private boolean consumedBy(List<String> groups, Map<TopicPartition, Long> ends) throws Exception {
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata position = committed.get(end.getKey());
                if (end.getValue() > 0 && (position == null || position.offset() < end.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Dead letters of the poison records sent, every group's. */
    private long deadLettered(Set<String> poison) {
        return Topic.readAll(bootstrap, Topics.deadLetter(topic)).stream()
                .filter(r -> poison.contains(Topic.header(r, EventEnvelope.H_ID)))
                .count();
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
