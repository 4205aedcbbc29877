package cn.zhangzhou.partybuilding.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import cn.zhangzhou.partybuilding.events.EventEnvelope;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The relay's send and a consumer's processing as spans of the event's trace, with the real OpenTelemetry bridge. */
class EventSpansTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String REQUEST_SPAN = "00f067aa0ba902b7";

    private final List<SpanData> ended = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    ended.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            })).build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {
    });
    private final EventSpans spans = new MicrometerEventSpans(tracer,
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void theSendIsAChildOfTheStoredTraceparentAndTheRecordCarriesTheSends() {
        ProducerRecord<String, byte[]> record = record("00-" + TRACE_ID + "-" + REQUEST_SPAN + "-01");

        spans.send(record).end(null);

        SpanData send = the(SpanKind.PRODUCER);
        assertThat(send.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(send.getParentSpanId()).isEqualTo(REQUEST_SPAN);
        assertThat(send.getName()).isEqualTo("xiangcheng.wishes.events send");
        assertThat(record.headers().headers(EventEnvelope.H_TRACEPARENT)).hasSize(1);
        assertThat(traceparent(record.headers())).isEqualTo("00-" + TRACE_ID + "-" + send.getSpanId() + "-01");
    }

    @Test
    void theProcessingIsAChildOfTheRecordsTraceparentAndCurrentWhileItRuns() {
        ProducerRecord<String, byte[]> sent = record("00-" + TRACE_ID + "-" + REQUEST_SPAN + "-01");
        spans.send(sent).end(null);
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>(sent.topic(), 0, 7, sent.key(), sent.value());
        sent.headers().forEach(header -> received.headers().add(header));

        String current = spans.process("evaluation-outcomes", received, () -> tracer.currentSpan().context().spanId());

        SpanData process = the(SpanKind.CONSUMER);
        assertThat(process.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(process.getParentSpanId()).isEqualTo(the(SpanKind.PRODUCER).getSpanId());
        assertThat(current).isEqualTo(process.getSpanId());
        assertThat(process.getAttributes().asMap().toString()).contains("evaluation-outcomes");
    }

    @Test
    void aFailedProcessingIsAnErrorOfItsSpanAndIsRethrown() {
        ConsumerRecord<String, byte[]> received = new ConsumerRecord<>("xiangcheng.wishes.events", 0, 7, "k", null);

        assertThatThrownBy(() -> spans.process("evaluation-outcomes", received, () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");

        assertThat(the(SpanKind.CONSUMER).getStatus().getStatusCode().name()).isEqualTo("ERROR");
        assertThat(tracer.currentSpan()).isNull();
    }

    @Test
    void aBatchHasOneSpanPerRecordEachAChildOfItsOwnRecordsTrace() {
        String otherTrace = "0af7651916cd43dd8448eb211c80319c";
        ConsumerRecord<String, byte[]> first = received("00-" + TRACE_ID + "-" + REQUEST_SPAN + "-01");
        ConsumerRecord<String, byte[]> second = received("00-" + otherTrace + "-b7ad6b7169203331-01");

        int size = spans.processAll("dashboard", List.of(first, second), () -> ended.size());

        assertThat(size).as("no span ends before the batch's work did").isZero();
        assertThat(ended).extracting(SpanData::getKind).containsExactly(SpanKind.CONSUMER, SpanKind.CONSUMER);
        assertThat(ended).extracting(SpanData::getTraceId).containsExactlyInAnyOrder(TRACE_ID, otherTrace);
        assertThat(ended).extracting(SpanData::getParentSpanId)
                .containsExactlyInAnyOrder(REQUEST_SPAN, "b7ad6b7169203331");
    }

    @Test
    void aBatchRecordWhoseTraceIsNotSampledOrWhoHasNoneGetsNoSpan() {
        String otherTrace = "0af7651916cd43dd8448eb211c80319c";
        ConsumerRecord<String, byte[]> sampled = received("00-" + TRACE_ID + "-" + REQUEST_SPAN + "-01");
        ConsumerRecord<String, byte[]> notSampled = received("00-" + otherTrace + "-b7ad6b7169203331-00");
        ConsumerRecord<String, byte[]> none = new ConsumerRecord<>("xiangcheng.wishes.events", 0, 8, "k",
                "{}".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> garbled = received("not a traceparent");

        String result = spans.processAll("dashboard", List.of(sampled, notSampled, none, garbled), () -> "applied");

        assertThat(result).isEqualTo("applied");
        assertThat(ended).extracting(SpanData::getTraceId).containsExactly(TRACE_ID);
    }

    @Test
    void theSampledFlagIsTheLowestBitOfTheTraceFlags() {
        assertThat(MicrometerEventSpans.sampled(received("00-" + TRACE_ID + "-" + REQUEST_SPAN + "-03"))).isTrue();
        assertThat(MicrometerEventSpans.sampled(received("00-" + TRACE_ID + "-" + REQUEST_SPAN + "-02"))).isFalse();
        assertThat(MicrometerEventSpans.sampled(received("00-" + TRACE_ID + "-" + REQUEST_SPAN + "-0g"))).isFalse();
        assertThat(MicrometerEventSpans.sampled(received("01-" + TRACE_ID + "-" + REQUEST_SPAN + "-01"))).isFalse();
    }

    @Test
    void aFailedBatchIsAnErrorOfEachRecordsSpan() {
        List<ConsumerRecord<String, byte[]>> batch = List.of(received("00-" + TRACE_ID + "-" + REQUEST_SPAN + "-01"),
                received("00-" + TRACE_ID + "-" + REQUEST_SPAN + "-01"));

        assertThatThrownBy(() -> spans.processAll("dashboard", batch, () -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");

        assertThat(ended).hasSize(2)
                .allSatisfy(span -> assertThat(span.getStatus().getStatusCode().name()).isEqualTo("ERROR"));
    }

    @Test
    void anEventWithoutTraceparentIsSentWithoutASpan() {
        ProducerRecord<String, byte[]> record = record(null);

        spans.send(record).end(null);

        assertThat(ended).isEmpty();
        assertThat(record.headers().lastHeader(EventEnvelope.H_TRACEPARENT)).isNull();
    }

    private static ProducerRecord<String, byte[]> record(String traceparent) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("xiangcheng.wishes.events", "k",
                "{}".getBytes(StandardCharsets.UTF_8));
        if (traceparent != null) {
            record.headers().add(EventEnvelope.H_TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static ConsumerRecord<String, byte[]> received(String traceparent) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("xiangcheng.wishes.events", 0, 7, "k",
                "{}".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventEnvelope.H_TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private SpanData the(SpanKind kind) {
        return ended.stream().filter(span -> span.getKind() == kind).findFirst().orElseThrow();
    }

    private static String traceparent(Headers headers) {
        return new String(headers.lastHeader(EventEnvelope.H_TRACEPARENT).value(), StandardCharsets.UTF_8);
    }
}
