package cn.zhangzhou.partybuilding.events;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker itself: each kind of breaking change is flagged, an added optional field is not. */
class SchemaCompatibilityTest {

    private static final JsonNode BASELINE = EventSchemas.schemaDocument(MembershipEvents.MEMBER_REGISTERED);

    @Test
    void anUnchangedSchemaIsCompatible() {
        assertThat(SchemaCompatibility.breakingChanges(BASELINE, BASELINE.deepCopy())).isEmpty();
    }

    @Test
    void anAddedOptionalFieldIsCompatible() {
        assertThat(changes(s -> properties(s).putObject("volunteerHours")
                .put("type", "integer").put("minimum", 0).put("description", "Approved hours so far.")))
                .isEmpty();
    }

    @Test
    void changedDescriptionsAreCompatible() {
        assertThat(changes(s -> {
            s.put("description", "Reworded.");
            field(s, "memberId").put("description", "Reworded too.");
        })).isEmpty();
    }

    @Test
    void anAddedRequiredFieldBreaks() {
        assertThat(changes(s -> {
            properties(s).putObject("partyAge").put("type", "integer").put("description", "Years in the party.");
            required(s).add("partyAge");
        })).containsExactly("$.partyAge: required field added");
    }

    @Test
    void makingAnExistingOptionalFieldRequiredBreaks() {
        JsonNode base = withOptionalField();
        ObjectNode current = (ObjectNode) base.deepCopy();
        ((ArrayNode) current.get("required")).add("volunteerHours");

        assertThat(SchemaCompatibility.breakingChanges(base, current))
                .containsExactly("$.volunteerHours: required field added");
    }

    @Test
    void aRemovedRequiredFieldBreaks() {
        assertThat(changes(s -> {
            properties(s).remove("communityWorker");
            removeRequired(s, "communityWorker");
        })).containsExactlyInAnyOrder("$.communityWorker: required field removed (or made optional)",
                "$.communityWorker: field removed");
    }

    @Test
    void aRequiredFieldMadeOptionalBreaks() {
        assertThat(changes(s -> removeRequired(s, "homeOrganisationId")))
                .containsExactly("$.homeOrganisationId: required field removed (or made optional)");
    }

    @Test
    void aRemovedOptionalFieldBreaks() {
        JsonNode base = withOptionalField();
        ObjectNode current = (ObjectNode) base.deepCopy();
        properties(current).remove("volunteerHours");

        assertThat(SchemaCompatibility.breakingChanges(base, current)).containsExactly("$.volunteerHours: field removed");
    }

    @Test
    void aChangedTypeBreaks() {
        assertThat(changes(s -> field(s, "communityWorker").put("type", "string")))
                .containsExactly("$.communityWorker: type changed from [boolean] to [string]");
    }

    @Test
    void aWidenedTypeBreaks() {
        assertThat(changes(s -> field(s, "communityWorker").putArray("type").add("boolean").add("string")))
                .containsExactly("$.communityWorker: type changed from [boolean] to [boolean, string]");
    }

    @Test
    void aNullableFieldBecomingNonNullableBreaks() {
        assertThat(changes(s -> field(s, "residenceCommunityId").put("type", "string")))
                .containsExactly("$.residenceCommunityId: nullable field became non-nullable (type [null, string] -> [string])");
    }

    @Test
    void aFieldBecomingNullableBreaks() {
        assertThat(changes(s -> field(s, "homeOrganisationId").putArray("type").add("string").add("null")))
                .containsExactly("$.homeOrganisationId: field became nullable (type [string] -> [null, string])");
    }

    @Test
    void aRemovedEnumValueBreaks() {
        assertThat(changes(s -> {
            ArrayNode values = (ArrayNode) field(s, "category").get("enum");
            values.remove(2);
        })).containsExactly("$.category: enum values removed [\"MOBILE\"]");
    }

    @Test
    void anAddedEnumValueBreaks() {
        assertThat(changes(s -> ((ArrayNode) field(s, "residenceDistrict").get("enum")).add("xiamen")))
                .singleElement().asString().startsWith("$.residenceDistrict: enum values added [\"xiamen\"]");
    }

    @Test
    void changedFormatAndLengthsBreakAtAnyDepth() {
        assertThat(changes(s -> {
            field(s, "memberId").remove("format");
            ((ObjectNode) field(s, "specialties").get("items")).put("maxLength", 80);
            field(s, "specialties").put("minItems", 1);
        })).containsExactlyInAnyOrder(
                "$.memberId: constraint format removed (was \"uuid\")",
                "$.specialties[]: constraint maxLength changed from 50 to 80",
                "$.specialties: constraint minItems added (1)");
    }

    @Test
    void forbiddingAdditionalPropertiesBreaks() {
        assertThat(changes(s -> s.put("additionalProperties", false)))
                .containsExactly("$: constraint additionalProperties added (false)");
    }

    @Test
    void aChangedIdBreaks() {
        assertThat(changes(s -> s.put("$id", "https://example.org/other.json")))
                .singleElement().asString().startsWith("$: constraint $id changed");
    }

    private static java.util.List<String> changes(Consumer<ObjectNode> edit) {
        ObjectNode current = (ObjectNode) BASELINE.deepCopy();
        edit.accept(current);
        return SchemaCompatibility.breakingChanges(BASELINE, current);
    }

    private static JsonNode withOptionalField() {
        ObjectNode schema = (ObjectNode) BASELINE.deepCopy();
        properties(schema).putObject("volunteerHours").put("type", "integer").put("description", "Approved hours.");
        return schema;
    }

    private static ObjectNode properties(ObjectNode schema) {
        return (ObjectNode) schema.get("properties");
    }

    private static ObjectNode field(ObjectNode schema, String name) {
        return (ObjectNode) properties(schema).get(name);
    }

    private static ArrayNode required(ObjectNode schema) {
        return (ArrayNode) schema.get("required");
    }

    private static void removeRequired(ObjectNode schema, String name) {
        ArrayNode required = required(schema);
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asString().equals(name)) {
                required.remove(i);
                return;
            }
        }
        throw new IllegalArgumentException(name + " is not required");
    }
}
