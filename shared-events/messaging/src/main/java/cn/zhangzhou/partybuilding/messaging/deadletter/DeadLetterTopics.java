package cn.zhangzhou.partybuilding.messaging.deadletter;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.messaging.DeadLetters;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The Kafka side of operating dead letters: which topics this service's listeners consume, the records its consumer
 * groups sent to their dead-letter topics (read with a group-less consumer, so reading moves no offset), and the
 * replay to the source topic. A dead-letter topic holds poison only, so it is read whole.
 */
final class DeadLetterTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String DLT_HEADERS = "kafka_dlt-";

    private final KafkaListenerEndpointRegistry listeners;
    private final Map<String, Object> consumerConfig;
    private final DeadLetters deadLetters;

    DeadLetterTopics(KafkaListenerEndpointRegistry listeners, Map<String, Object> consumerProperties,
                     DeadLetters deadLetters) {
        this.listeners = listeners;
        this.deadLetters = deadLetters;
        this.consumerConfig = new HashMap<>(consumerProperties);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    }

    /** The source topic of a dead-letter topic; null when the name is not one. */
    static String sourceOf(String deadLetterTopic) {
        String suffix = Topics.deadLetter("");
        return deadLetterTopic.endsWith(suffix)
                ? deadLetterTopic.substring(0, deadLetterTopic.length() - suffix.length()) : null;
    }

    /** Whether one of this service's listeners consumes the topic (by name or pattern). */
    boolean consumes(String topic) {
        return !topic.endsWith(Topics.deadLetter("")) && containers().anyMatch(container -> {
            Pattern pattern = container.getContainerProperties().getTopicPattern();
            String[] topics = container.getContainerProperties().getTopics();
            return (pattern != null && pattern.matcher(topic).matches())
                    || (topics != null && List.of(topics).contains(topic));
        });
    }

    /** The topics on the broker that this service consumes, by name. */
    List<String> consumed() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.listTopics(TIMEOUT).keySet().stream().filter(this::consumes).sorted().toList();
        }
    }

    /** This service's dead letters of the source topic, newest first. */
    List<DeadLetter> of(String topic) {
        String deadLetterTopic = Topics.deadLetter(topic);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, deadLetterTopic);
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            List<DeadLetter> found = new ArrayList<>();
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + deadLetterTopic + " to its end in " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (ours(record)) {
                        found.add(deadLetter(record));
                    }
                }
            }
            found.sort(Comparator.comparing(DeadLetter::deadLetteredAt).thenComparing(DeadLetter::deadLetterOffset)
                    .reversed());
            return found;
        }
    }

    /** The dead letter at the address, if it is one of this service's. */
    Optional<DeadLetter> at(DeadLetter.Address address) {
        return record(address).filter(this::ours).map(DeadLetterTopics::deadLetter);
    }

    /** Sends the dead letter back to its source topic: its key, value and CloudEvents headers, as consumed. */
    void replay(DeadLetter deadLetter) {
        ConsumerRecord<byte[], byte[]> found = record(deadLetter.address()).orElseThrow();
        ProducerRecord<Object, Object> record = new ProducerRecord<>(deadLetter.topic(), found.key(), found.value());
        found.headers().forEach(header -> {
            if (!header.key().startsWith(DLT_HEADERS)) {
                record.headers().add(header);
            }
        });
        deadLetters.resend(record);
    }

    /** The record at the address; 404 naming the partition or the offset that does not exist. */
    private Optional<ConsumerRecord<byte[], byte[]>> record(DeadLetter.Address address) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, address.deadLetterTopic());
            if (address.partition() < 0 || address.partition() >= partitions.size()) {
                throw new NotFoundException(address.deadLetterTopic() + " has no partition " + address.partition()
                        + " (it has " + partitions.size() + ")");
            }
            TopicPartition partition = new TopicPartition(address.deadLetterTopic(), address.partition());
            consumer.assign(List.of(partition));
            long first = consumer.beginningOffsets(List.of(partition), TIMEOUT).get(partition);
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            if (address.offset() < first || address.offset() >= end) {
                throw new NotFoundException("offset " + address.offset() + " is outside partition " + address.partition()
                        + " of " + address.deadLetterTopic() + " (offsets " + first + " to " + (end - 1) + ")");
            }
            consumer.seek(partition, address.offset());
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    // A transaction marker has an offset but no record: the next record is another one.
                    return record.offset() == address.offset() ? Optional.of(record) : Optional.empty();
                }
            }
            throw new IllegalStateException("could not read " + address + " in " + TIMEOUT);
        }
    }

    private boolean ours(ConsumerRecord<byte[], byte[]> record) {
        return groups().contains(text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP));
    }

    private Set<String> groups() {
        return containers().map(MessageListenerContainer::getGroupId).collect(Collectors.toSet());
    }

    private Stream<MessageListenerContainer> containers() {
        return listeners.getListenerContainers().stream();
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.listTopics(TIMEOUT).get(topic);
        return infos == null ? List.of()
                : infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                        .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            if (header.key().startsWith("ce_") || header.key().equals("traceparent")) {
                headers.put(header.key(), utf8(header.value()).orElse(base64(header.value())));
            }
        }
        Optional<String> text = record.value() == null ? Optional.of("") : utf8(record.value());
        Long partition = number(record, KafkaHeaders.DLT_ORIGINAL_PARTITION);
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), text(record, KafkaHeaders.DLT_ORIGINAL_TOPIC),
                partition == null ? null : partition.intValue(), number(record, KafkaHeaders.DLT_ORIGINAL_OFFSET),
                text(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP),
                record.key() == null ? null : utf8(record.key()).orElse(base64(record.key())),
                refusal(record), refusalMessage(record),
                headers, text.orElse(base64(record.value())), text.isPresent() ? "utf-8" : "base64",
                DeadLetter.State.NEW, null);
    }

    /** The exception that refused the record: the listener's, not the container's wrapper around it. */
    private static String refusal(ConsumerRecord<?, ?> record) {
        String cause = text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        return cause != null ? cause : text(record, KafkaHeaders.DLT_EXCEPTION_FQCN);
    }

    /** Its message, from the "Caused by" line of the stack trace header; else the wrapper's message. */
    private static String refusalMessage(ConsumerRecord<?, ?> record) {
        String cause = text(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
        String stackTrace = text(record, KafkaHeaders.DLT_EXCEPTION_STACKTRACE);
        if (cause != null && stackTrace != null) {
            String prefix = "Caused by: " + cause + ": ";
            Optional<String> line = stackTrace.lines().filter(l -> l.startsWith(prefix)).findFirst();
            if (line.isPresent()) {
                return line.get().substring(prefix.length());
            }
        }
        return text(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        Header found = record.headers().lastHeader(header);
        return found == null ? null : new String(found.value(), StandardCharsets.UTF_8);
    }

    /** Spring Kafka writes the original partition as 4 bytes and the offset as 8, big-endian. */
    private static Long number(ConsumerRecord<?, ?> record, String header) {
        Header found = record.headers().lastHeader(header);
        if (found == null) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(found.value());
        return found.value().length == Integer.BYTES ? bytes.getInt() : bytes.getLong();
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
