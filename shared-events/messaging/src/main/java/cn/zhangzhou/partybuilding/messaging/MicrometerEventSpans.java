package cn.zhangzhou.partybuilding.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** {@link EventSpans} of Micrometer Tracing (OpenTelemetry bridge or Brave alike), propagated by its propagator. */
final class MicrometerEventSpans implements EventSpans {

    private final Tracer tracer;
    private final Propagator propagator;

    MicrometerEventSpans(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    public Sending send(ProducerRecord<String, byte[]> record) {
        if (record.headers().lastHeader(EventEnvelope.H_TRACEPARENT) == null) {
            // An event appended outside any request (a sweeper): no trace to continue, none started for it.
            return NONE.send(record);
        }
        Span span = propagator.extract(record.headers(), MicrometerEventSpans::header)
                .name(record.topic() + " send").kind(Span.Kind.PRODUCER).remoteServiceName("kafka")
                .tag("messaging.destination.name", record.topic()).start();
        propagator.inject(span.context(), record.headers(), (headers, key, value) ->
                headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8)));
        return error -> {
            if (error != null) {
                span.error(error);
            }
            span.end();
        };
    }

    @Override
    public <T> T process(String consumer, ConsumerRecord<String, byte[]> record, Supplier<T> work) {
        Span span = processing(consumer, record);
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    @Override
    public <T> T processAll(String consumer, List<ConsumerRecord<String, byte[]>> records, Supplier<T> work) {
        List<Span> spans = records.stream().filter(MicrometerEventSpans::sampled)
                .map(record -> processing(consumer, record)).toList();
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            spans.forEach(span -> span.error(e));
            throw e;
        } finally {
            spans.forEach(Span::end);
        }
    }

    private Span processing(String consumer, ConsumerRecord<String, byte[]> record) {
        return propagator.extract(record.headers(), MicrometerEventSpans::header)
                .name(record.topic() + " process").kind(Span.Kind.CONSUMER).remoteServiceName("kafka")
                .tag("messaging.destination.name", record.topic()).tag("messaging.consumer.group.name", consumer)
                .start();
    }

    /**
     * Whether the record's {@code traceparent} says its trace is sampled (W3C trace context: {@code
     * 00-<trace id>-<parent id>-<flags>}, the flags' lowest bit). In a batch no span is current and nothing is logged
     * with a trace id, so the span of a record whose trace is not recorded (nine in ten at the services' sampling, and
     * every record sent outside a request) would only be built and dropped: a tenth of a replaying listener's time.
     */
    static boolean sampled(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(EventEnvelope.H_TRACEPARENT);
        byte[] value = header == null ? null : header.value();
        if (value == null || value.length != 55 || value[0] != '0' || value[1] != '0' || value[52] != '-') {
            return false;
        }
        int flags = Character.digit(value[54], 16);
        return flags >= 0 && (flags & 1) == 1;
    }

    private static String header(Headers headers, String key) {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
