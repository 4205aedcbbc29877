package cn.zhangzhou.partybuilding.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemasTest {

    static List<EventType<?>> eventTypes() {
        return EventCatalog.all();
    }

    static List<DomainEvent> samples() {
        return EventSamples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyEventTypeHasASchemaFileWhoseIdIsItsDataSchema(EventType<?> type) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("classpath:" + type.schemaResource()).isNotNull();
            JsonNode schema = EventJson.mapper().readTree(in);
            assertThat(schema.path("$id").asString()).isEqualTo(type.dataSchema().toString());
            assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("description").asString()).isNotBlank();
            // Consumers must tolerate additive optional fields, so the schema must not forbid them.
            assertThat(schema.has("additionalProperties")).as("additionalProperties").isFalse();
            schema.path("properties").properties().forEach(field -> assertThat(field.getValue().path("description")
                    .asString()).as("description of " + field.getKey()).isNotBlank());
        }
        assertThat(EventSchemas.schemaDocument(type).path("$id").asString()).isEqualTo(type.dataSchema().toString());
    }

    @Test
    void everyEventTypeHasASample() {
        Set<Class<?>> sampled = samples().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(
                EventCatalog.all().stream().map(EventType::javaType).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleValidatesAgainstItsSchema(DomainEvent event) {
        EventType<?> type = EventCatalog.of(event);
        JsonNode payload = EventJson.parse(EventJson.toBytes(event));

        assertThat(EventSchemas.violations(type, payload)).isEmpty();
        EventSchemas.validate(type, payload);
    }

    /** The record and its schema describe the same fields: the record writes every schema field and no other. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theRecordWritesExactlyTheSchemaFields(DomainEvent event) {
        EventType<?> type = EventCatalog.of(event);
        JsonNode payload = EventJson.parse(EventJson.toBytes(event));
        JsonNode schema = EventSchemas.schemaDocument(type);

        assertThat(payload.propertyNames()).containsExactlyInAnyOrderElementsOf(schema.path("properties").propertyNames());
        assertThat(payload.propertyNames()).containsExactlyInAnyOrderElementsOf(
                schema.path("required").valueStream().map(JsonNode::asString).toList());
        // A record component may be null only where the schema says so.
        payload.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                assertThat(types(schema.path("properties").path(field.getKey())))
                        .as("types of " + field.getKey()).contains("null");
            }
        });
    }

    @Test
    void aPayloadReadBackFromItsJsonEqualsTheRecord() {
        for (DomainEvent event : samples()) {
            JsonNode payload = EventJson.parse(EventJson.toBytes(event));
            assertThat(EventJson.read(payload, event.getClass())).isEqualTo(event);
        }
    }

    @Test
    void aWrongEnumValueFailsNamingTheField() {
        ObjectNode payload = memberRegistered();
        payload.put("category", "VOLUNTEER");

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload))
                .extracting(EventSchemas.Violation::field, EventSchemas.Violation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.category", "enum"));
        assertThatThrownBy(() -> EventSchemas.validate(MembershipEvents.MEMBER_REGISTERED, payload))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("zz.membership.MemberRegistered.v1")
                .hasMessageContaining("$.category");
    }

    @Test
    void anUnknownDistrictFails() {
        ObjectNode payload = memberRegistered();
        payload.put("residenceDistrict", "xiamen");

        assertThatThrownBy(() -> EventSchemas.validate(MembershipEvents.MEMBER_REGISTERED, payload))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("$.residenceDistrict");
    }

    @Test
    void aMissingRequiredFieldFailsNamingTheField() {
        ObjectNode payload = memberRegistered();
        payload.remove("homeOrganisationId");

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload))
                .extracting(EventSchemas.Violation::field, EventSchemas.Violation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.homeOrganisationId", "required"));
        assertThatThrownBy(() -> EventSchemas.validate(MembershipEvents.MEMBER_REGISTERED, payload))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("homeOrganisationId");
    }

    @Test
    void aNullableFieldMayBeAbsentOnlyAsNullNotMissing() {
        ObjectNode payload = memberRegistered();
        payload.remove("cadreRole");

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload))
                .extracting(EventSchemas.Violation::field).containsExactly("$.cadreRole");
    }

    @Test
    void wrongTypesFailNamingEveryField() {
        ObjectNode payload = memberRegistered();
        payload.put("communityWorker", "yes");
        payload.put("specialties", "书法");
        payload.put("memberId", 42);

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload))
                .extracting(EventSchemas.Violation::field)
                .contains("$.communityWorker", "$.specialties", "$.memberId");
        assertThatThrownBy(() -> EventSchemas.validate(MembershipEvents.MEMBER_REGISTERED, payload))
                .hasMessageContaining("$.communityWorker")
                .hasMessageContaining("$.specialties")
                .hasMessageContaining("$.memberId");
    }

    @Test
    void nullIsRejectedWhereTheSchemaDoesNotAllowIt() {
        ObjectNode payload = memberRegistered();
        payload.putNull("homeOrganisationId");

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload))
                .extracting(EventSchemas.Violation::field).containsExactly("$.homeOrganisationId");
    }

    @Test
    void aMalformedUuidFails() {
        ObjectNode payload = memberRegistered();
        payload.put("residenceCommunityId", "群裕社区");

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload))
                .extracting(EventSchemas.Violation::field, EventSchemas.Violation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.residenceCommunityId", "format"));
    }

    /** The {@code uuid} format is checked by hand (a regular expression was a quarter of the check): as strictly. */
    @ParameterizedTest
    @ValueSource(strings = {"", "7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5", "7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b6",
            "7f1c2d3e4b5a-6978-8a9b-0c1d2e3f4a5b-", "7f1c2d3e-4b5a-6978-8a9b_0c1d2e3f4a5b", "7f1c2d3g-4b5a-6978-8a9b-0c1d2e3f4a5b",
            "{7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5}", " 7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5", "７f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b",
            "7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5\n"})
    void everyMalformedUuidFails(String malformed) {
        ObjectNode payload = memberRegistered();
        payload.put("residenceCommunityId", malformed);

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload))
                .extracting(EventSchemas.Violation::field, EventSchemas.Violation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.residenceCommunityId", "format"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b", "7F1C2D3E-4B5A-6978-8A9B-0C1D2E3F4A5B",
            "00000000-0000-0000-0000-000000000000"})
    void uuidsInEitherCaseConform(String uuid) {
        ObjectNode payload = memberRegistered();
        payload.put("residenceCommunityId", uuid);

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload)).isEmpty();
    }

    @Test
    void tooLongTextAndListEntriesFail() {
        ObjectNode payload = memberRegistered();
        ((ArrayNode) payload.get("specialties")).add("很".repeat(51));

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload))
                .extracting(EventSchemas.Violation::field, EventSchemas.Violation::keyword)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("$.specialties[2]", "maxLength"));
    }

    @Test
    void anUnknownAdditionalFieldIsTolerated() {
        ObjectNode payload = memberRegistered();
        payload.put("volunteerHours", 12);

        assertThat(EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, payload)).isEmpty();
    }

    @Test
    void aPayloadThatIsNotAnObjectFails() {
        JsonNode payload = EventJson.parse("[1,2]".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> EventSchemas.validate(MembershipEvents.ORGANISATION_DEACTIVATED, payload))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("$");
    }

    @Test
    void aTypeWithoutASchemaFileFailsLoudly() {
        EventType<MemberRegistered> unknown = new EventType<>("membership", "MemberRegistered", 9, MemberRegistered.class);

        assertThatThrownBy(() -> EventSchemas.violations(unknown, memberRegistered()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schemas/membership/MemberRegistered.v9.json");
    }

    /** Consumers validate from many listener threads at once: results must not depend on interleaving. */
    @Test
    void validationGivesTheSameAnswersFromManyThreads() throws Exception {
        ObjectNode valid = memberRegistered();
        ObjectNode invalid = memberRegistered();
        invalid.put("category", "VOLUNTEER");
        invalid.remove("memberId");
        List<Callable<List<EventSchemas.Violation>>> tasks = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            EventType<?> type = EventCatalog.all().get(i % EventCatalog.all().size());
            tasks.add(i % 2 == 0
                    ? () -> EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, valid)
                    : () -> EventSchemas.violations(MembershipEvents.MEMBER_REGISTERED, invalid));
            // Interleave first compilations of other types with the validations.
            tasks.add(() -> {
                EventSchemas.schemaDocument(type);
                return List.of();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<EventSchemas.Violation>>> results = pool.invokeAll(tasks);
            for (int i = 0; i < results.size(); i += 2) {
                List<EventSchemas.Violation> violations = results.get(i).get();
                if ((i / 2) % 2 == 0) {
                    assertThat(violations).isEmpty();
                } else {
                    assertThat(violations).extracting(EventSchemas.Violation::field)
                            .containsExactlyInAnyOrder("$.category", "$.memberId");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ObjectNode memberRegistered() {
        DomainEvent event = samples().stream().filter(MemberRegistered.class::isInstance).findFirst().orElseThrow();
        return (ObjectNode) EventJson.parse(EventJson.toBytes(event));
    }

    private static Set<String> types(JsonNode property) {
        JsonNode type = property.path("type");
        if (type.isArray()) {
            return type.valueStream().map(JsonNode::asString).collect(Collectors.toSet());
        }
        return new HashSet<>(Arrays.asList(type.asString()));
    }

}
