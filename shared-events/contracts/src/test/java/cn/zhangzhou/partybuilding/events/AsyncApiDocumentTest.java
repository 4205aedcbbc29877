package cn.zhangzhou.partybuilding.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import cn.zhangzhou.partybuilding.events.evaluation.EvaluationEvents;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the AsyncAPI document in step with the code: the parser check (asyncapi-validate.mjs) proves
 * it is valid AsyncAPI, this test proves it describes what we actually send.
 */
class AsyncApiDocumentTest {

    private static JsonNode doc;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getClassLoader().getResourceAsStream("asyncapi/asyncapi.yaml")) {
            assertThat(in).isNotNull();
            doc = YAMLMapper.builder().build().readTree(in);
        }
    }

    @Test
    void isAsyncApi3() {
        assertThat(doc.path("asyncapi").asString()).isEqualTo("3.0.0");
    }

    /** The services whose events the catalog holds, each with its types, in catalog order. */
    static Map<String, List<EventType<?>>> services() {
        return EventCatalog.all().stream()
                .collect(Collectors.groupingBy(EventType::service, LinkedHashMap::new, Collectors.toList()));
    }

    @Test
    void everyServiceHasAnEventsAndADeadLetterChannel() {
        assertThat(services().keySet()).contains(MembershipEvents.SERVICE, WishesEvents.SERVICE,
                VolunteeringEvents.SERVICE, EvaluationEvents.SERVICE);
        for (String service : services().keySet()) {
            JsonNode events = doc.at("/channels/" + service + "Events");
            JsonNode deadLetters = doc.at("/channels/" + service + "DeadLetters");
            String district = "{district}";

            assertThat(events.path("address").asString()).as(service)
                    .isEqualTo(Topics.events("xiangcheng", service).replace("xiangcheng", district));
            assertThat(deadLetters.path("address").asString()).as(service)
                    .isEqualTo(Topics.deadLetter(events.path("address").asString()));
            assertThat(events.at("/parameters/district/$ref").asString()).isEqualTo("#/components/parameters/district");
            assertThat(deadLetters.at("/parameters/district/$ref").asString()).isEqualTo("#/components/parameters/district");
        }
        assertThat(strings(doc.at("/components/parameters/district/enum"))).isEqualTo(Districts.IDS);
    }

    @Test
    void everyEventTypeIsAMessageWhosePayloadIsItsSchema() {
        JsonNode messages = doc.at("/components/messages");
        assertThat(messages.propertyNames()).containsExactlyInAnyOrderElementsOf(
                EventCatalog.all().stream().map(EventType::name).toList());
        for (EventType<?> type : EventCatalog.all()) {
            JsonNode message = messages.path(type.name());
            assertThat(message.at("/payload/$ref").asString()).as(type.name())
                    .isEqualTo("../" + type.schemaResource());
            assertThat(message.path("x-cloudevents-type").asString()).isEqualTo(type.ceType());
            assertThat(message.at("/headers/$ref").asString()).isEqualTo("#/components/schemas/CloudEventHeaders");
        }
    }

    /** A service's channels carry exactly its own types, and it publishes all of them. */
    @Test
    void everyServicePublishesExactlyItsTypesOnItsOwnChannels() {
        services().forEach((service, types) -> {
            List<String> names = types.stream().map(EventType::name).toList();
            String channel = service + "Events";
            String deadLetters = service + "DeadLetters";
            for (String ch : List.of(channel, deadLetters)) {
                JsonNode messages = doc.at("/channels/" + ch + "/messages");
                assertThat(messages.propertyNames()).as(ch).containsExactlyInAnyOrderElementsOf(names);
                names.forEach(name -> assertThat(messages.at("/" + name + "/$ref").asString())
                        .isEqualTo("#/components/messages/" + name));
            }
            String publish = "/operations/publish" + capitalised(service) + "Events";
            assertThat(doc.at(publish + "/action").asString()).as(publish).isEqualTo("send");
            assertThat(doc.at(publish + "/channel/$ref").asString()).isEqualTo("#/channels/" + channel);
            assertThat(strings(doc.at(publish + "/messages"), "$ref")).containsExactlyInAnyOrderElementsOf(
                    names.stream().map(name -> "#/channels/" + channel + "/messages/" + name).toList());
            String deadLetter = "/operations/deadLetter" + capitalised(service) + "Events";
            assertThat(doc.at(deadLetter + "/action").asString()).as(deadLetter).isEqualTo("send");
            assertThat(doc.at(deadLetter + "/channel/$ref").asString()).isEqualTo("#/channels/" + deadLetters);
            assertThat(strings(doc.at(deadLetter + "/messages"), "$ref")).containsExactlyInAnyOrderElementsOf(
                    names.stream().map(name -> "#/channels/" + deadLetters + "/messages/" + name).toList());
        });
    }

    /** An operation may only list messages of its own channel (the parser checks this too, but only with node). */
    @Test
    void everyOperationListsMessagesOfItsChannel() {
        doc.path("operations").properties().forEach(operation -> {
            String channel = operation.getValue().at("/channel/$ref").asString();
            assertThat(channel).as(operation.getKey()).startsWith("#/channels/");
            assertThat(strings(operation.getValue().path("messages"), "$ref")).as(operation.getKey())
                    .isNotEmpty()
                    .allMatch(ref -> ref.startsWith(channel + "/messages/"))
                    .allMatch(ref -> !doc.at(ref.substring(1)).isMissingNode());
        });
    }

    @Test
    void headersAreThoseTheEnvelopeWrites() {
        JsonNode headers = doc.at("/components/schemas/CloudEventHeaders");

        assertThat(headers.path("properties").propertyNames()).containsExactlyInAnyOrder(
                EventEnvelope.H_SPECVERSION, EventEnvelope.H_ID, EventEnvelope.H_SOURCE, EventEnvelope.H_TYPE,
                EventEnvelope.H_TIME, EventEnvelope.H_SUBJECT, EventEnvelope.H_DATASCHEMA, EventEnvelope.H_DISTRICT,
                EventEnvelope.H_AGGREGATE_VERSION, EventEnvelope.H_CONTENT_TYPE, EventEnvelope.H_TRACEPARENT);
        // Exactly the headers EventEnvelope.readFrom insists on; dataschema and traceparent are optional.
        assertThat(Set.copyOf(strings(headers.path("required")))).isEqualTo(Set.of(
                EventEnvelope.H_SPECVERSION, EventEnvelope.H_ID, EventEnvelope.H_SOURCE, EventEnvelope.H_TYPE,
                EventEnvelope.H_TIME, EventEnvelope.H_SUBJECT, EventEnvelope.H_DISTRICT,
                EventEnvelope.H_AGGREGATE_VERSION, EventEnvelope.H_CONTENT_TYPE));
        assertThat(strings(headers.at("/properties/ce_district/enum"))).isEqualTo(Districts.IDS);
    }

    @Test
    void membershipOfOtherDistrictsWishesAndVolunteeringReceiveMembershipEvents() {
        for (String receive : List.of("receiveOtherDistrictsMembershipEvents", "receiveMembershipEventsInWishes",
                "receiveMembershipEventsInVolunteering", "receiveEventsInEvaluation")) {
            assertThat(doc.at("/operations/" + receive + "/action").asString()).as(receive).isEqualTo("receive");
            assertThat(doc.at("/operations/" + receive + "/channel/$ref").asString()).isEqualTo("#/channels/membershipEvents");
            assertThat(doc.at("/operations/" + receive + "/messages").size()).isEqualTo(MembershipEvents.ALL.size());
        }
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> strings(JsonNode array, String field) {
        return array.valueStream().map(node -> node.path(field).asString()).toList();
    }

    private static String capitalised(String service) {
        return Character.toUpperCase(service.charAt(0)) + service.substring(1);
    }
}
