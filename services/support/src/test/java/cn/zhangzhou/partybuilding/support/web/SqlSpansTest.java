package cn.zhangzhou.partybuilding.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/** Which observations the services make of their SQL statements: only those inside a request's or an event's span. */
class SqlSpansTest {

    final SimpleTracer tracer = new SimpleTracer();
    final AtomicInteger lookups = new AtomicInteger();
    final ObjectProvider<Tracer> provider = new ObjectProvider<>() {
        @Override
        public Tracer getObject() {
            lookups.incrementAndGet();
            return tracer;
        }
    };
    final ObservationPredicate predicate = new SupportWebAutoConfiguration().sqlOnlyInsideASpan(provider);

    @Test
    void aStatementIsObservedInsideASpanOnly() {
        assertThat(predicate.test("jdbc.query", new Observation.Context())).as("outside any span").isFalse();
        Span span = tracer.nextSpan().name("POST /members").start();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            assertThat(predicate.test("jdbc.query", new Observation.Context())).as("inside a span").isTrue();
        } finally {
            span.end();
        }
    }

    @Test
    void otherObservationsAreNotItsBusiness() {
        assertThat(predicate.test("http.server.requests", new Observation.Context())).isTrue();
    }

    /** A bean factory lookup per statement was 3 % of the local platform's CPU while it loaded its demo data. */
    @Test
    void theTracerIsLookedUpOnceNotPerStatement() {
        assertThat(lookups).hasValue(0);
        for (int i = 0; i < 100; i++) {
            predicate.test("jdbc.query", new Observation.Context());
        }
        assertThat(lookups).hasValue(1);
    }
}
