package cn.zhangzhou.partybuilding.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;

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

    @Test
    void channelsAreTheTopicsOfEveryDistrict() {
        JsonNode events = doc.at("/channels/membershipEvents");
        JsonNode deadLetters = doc.at("/channels/membershipDeadLetters");
        String district = "{district}";

        assertThat(events.path("address").asString()).isEqualTo(Topics.events("xiangcheng", MembershipEvents.SERVICE)
                .replace("xiangcheng", district));
        assertThat(deadLetters.path("address").asString())
                .isEqualTo(Topics.deadLetter(events.path("address").asString()));
        assertThat(strings(doc.at("/components/parameters/district/enum"))).isEqualTo(Districts.IDS);
    }

    @Test
    void everyMembershipEventTypeIsAMessageWhosePayloadIsItsSchema() {
        JsonNode messages = doc.at("/components/messages");
        assertThat(messages.propertyNames()).containsExactlyInAnyOrderElementsOf(
                MembershipEvents.ALL.stream().map(EventType::name).toList());
        for (EventType<?> type : MembershipEvents.ALL) {
            JsonNode message = messages.path(type.name());
            assertThat(message.at("/payload/$ref").asString()).as(type.name())
                    .isEqualTo("../" + type.schemaResource());
            assertThat(message.path("x-cloudevents-type").asString()).isEqualTo(type.ceType());
            assertThat(message.at("/headers/$ref").asString()).isEqualTo("#/components/schemas/CloudEventHeaders");
            assertThat(doc.at("/channels/membershipEvents/messages/" + type.name() + "/$ref").asString())
                    .isEqualTo("#/components/messages/" + type.name());
        }
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
    void membershipSendsAndOtherDistrictsReceive() {
        assertThat(doc.at("/operations/publishMembershipEvents/action").asString()).isEqualTo("send");
        assertThat(doc.at("/operations/receiveOtherDistrictsMembershipEvents/action").asString()).isEqualTo("receive");
        assertThat(doc.at("/operations/publishMembershipEvents/messages").size()).isEqualTo(MembershipEvents.ALL.size());
        assertThat(doc.at("/operations/receiveOtherDistrictsMembershipEvents/messages").size())
                .isEqualTo(MembershipEvents.ALL.size());
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
