package cn.zhangzhou.partybuilding.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every kind of error is problem JSON with a detail naming the problem, and bad input changes nothing. */
class ProblemJsonTest extends SupportApiTestBase {

    @Test
    void beanValidationFailuresListEveryOffendingField() {
        long before = thingCount();
        Reply reply = call("POST", "/api/v1/things", adminToken(), thingJson("bad code!", "", "IN_SERVICE", -1))
                .assertProblem(400, "Validation failed");
        assertThat(reply.errorFields()).containsExactlyInAnyOrder("code", "name", "quantity");
        assertThat(reply.json().path("errors").findValuesAsString("message")).allMatch(m -> !m.isBlank());
        assertThat(thingCount()).isEqualTo(before);
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        long before = thingCount();
        Reply reply = call("POST", "/api/v1/things", adminToken(), "{\"code\":\"" + uniqueCode() + "\",\"name\":\"x\",\"quantity\":1}")
                .assertProblem(400, "category");
        assertThat(reply.errorFields()).containsExactly("category");
        assertThat(thingCount()).isEqualTo(before);
    }

    @Test
    void anOversizedStringIsRefusedBySize() {
        Reply reply = call("POST", "/api/v1/things", adminToken(), thingJson(uniqueCode(), "n".repeat(101), "OTHER", 0))
                .assertProblem(400, "name");
        assertThat(reply.errorFields()).containsExactly("name");
    }

    @Test
    void malformedJsonSaysSo() {
        long before = thingCount();
        call("POST", "/api/v1/things", adminToken(), "{\"code\": \"A\",").assertProblem(400, "Malformed JSON");
        assertThat(thingCount()).isEqualTo(before);
    }

    @Test
    void anUnknownFieldIsRefusedAndNamed() {
        long before = thingCount();
        Reply reply = call("POST", "/api/v1/things", adminToken(),
                "{\"code\":\"" + uniqueCode() + "\",\"name\":\"x\",\"category\":\"OTHER\",\"quantity\":1,\"colour\":\"red\"}")
                .assertProblem(400, "Unknown field 'colour'");
        assertThat(reply.errorFields()).containsExactly("colour");
        assertThat(thingCount()).isEqualTo(before);
    }

    @Test
    void aWrongEnumValueNamesTheFieldAndTheAllowedValues() {
        long before = thingCount();
        call("POST", "/api/v1/things", adminToken(), thingJson(uniqueCode(), "x", "SOLDIER", 1))
                .assertProblem(400, "category: expected one of [IN_SERVICE, RETIRED, MOBILE, OTHER]");
        assertThat(thingCount()).isEqualTo(before);
    }

    @Test
    void aWrongTypeNamesTheFieldAndTheExpectedType() {
        Reply reply = call("POST", "/api/v1/things", adminToken(), thingJson(uniqueCode(), "x", "OTHER", "many"))
                .assertProblem(400, "quantity: expected an integer");
        assertThat(reply.errorFields()).containsExactly("quantity");
        call("POST", "/api/v1/things", adminToken(), "[1,2]").assertProblem(400, "Request body: expected an object");
    }

    @Test
    void aMissingBodySaysSo() {
        call("POST", "/api/v1/things", adminToken(), null, "Content-Type", "application/json")
                .assertProblem(400, "Request body is missing");
    }

    @Test
    void aBadUuidInThePathIs400NotAServerError() {
        Reply reply = call("GET", "/api/v1/things/not-a-uuid", adminToken(), null)
                .assertProblem(400, "Path variable 'id': expected a UUID, got 'not-a-uuid'");
        assertThat(reply.errorFields()).containsExactly("id");
    }

    @Test
    void badAndMissingQueryParametersAreNamed() {
        call("GET", "/api/v1/things?category=KING", adminToken(), null)
                .assertProblem(400, "Query parameter 'category': expected one of [IN_SERVICE, RETIRED, MOBILE, OTHER]");
        Reply tooBig = call("GET", "/api/v1/things?size=500", adminToken(), null).assertProblem(400, "size");
        assertThat(tooBig.errorFields()).containsExactly("size");
        call("GET", "/api/v1/things?size=ten", adminToken(), null)
                .assertProblem(400, "Query parameter 'size': expected an integer");
        call("GET", "/api/v1/things/search", adminToken(), null)
                .assertProblem(400, "Required query parameter 'q' is missing");
    }

    @Test
    void unknownRoutesWrongMethodsAndMediaTypesAreProblems() {
        call("GET", "/api/v1/no-such-thing", adminToken(), null).assertProblem(404, "No endpoint GET /api/v1/no-such-thing");
        call("DELETE", "/api/v1/things", adminToken(), null).assertProblem(405, "DELETE");
        long before = thingCount();
        call("POST", "/api/v1/things", adminToken(), "code=A", "Content-Type", "text/plain")
                .assertProblem(415, "text/plain");
        assertThat(thingCount()).isEqualTo(before);
        UUID id = createThing(uniqueCode(), 0);
        call("GET", "/api/v1/things/" + id, adminToken(), null, "Accept", "application/xml").assertProblem(406, "");
    }

    @Test
    void aClientAcceptingOnlyJsonStillGetsProblemJson() {
        call("GET", "/api/v1/things/" + UUID.randomUUID(), adminToken(), null, "Accept", "application/json")
                .assertProblem(404, "not found");
        call("GET", "/api/v1/things/" + UUID.randomUUID(), adminToken(), null, "Accept", "application/xml")
                .assertProblem(406, "");
    }

    @Test
    void requestsRejectedBeforeAnyControllerAreProblemsToo() {
        // Spring Security's firewall refuses a semicolon in the path; the container's error page is ours too.
        Reply rejected = call("GET", "/api/v1/things;x=1", adminToken(), null);
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(400);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.json().path("status").asInt()).isEqualTo(400);
        assertThat(rejected.detail()).isNotBlank();
    }

    /** Regression: a query value that is not UTF-8 was a 500 (found by the fuzz tests, docs/reliability.md "Bad input"). */
    @Test
    void aParameterThatIsNotUtf8IsTheClientsProblem() {
        call("GET", "/api/v1/things?category=%FF%C0%AF", adminToken(), null)
                .assertProblem(400, "The request cannot be read");
    }

    /** Regression: Tomcat refused these paths with its own HTML page, before any filter (found by the fuzz tests). */
    @Test
    void aPathTheContainerRefusesIsAProblemToo() {
        for (String path : List.of("/api/v1/things/%00", "/api/v1/things/%2F", "/api/v1/things/%FF%C0%AF")) {
            call("GET", path, adminToken(), null).assertProblem(400, "The request cannot be read");
        }
    }

    @Test
    void formPostsReachTheContainerUnreadAndAreBoundedToo() {
        Reply small = call("POST", "/api/v1/things/notes", adminToken(), "text=%E5%BE%AE%E5%BF%83%E6%84%BF",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(small.status()).as(small.body()).isEqualTo(200);
        assertThat(small.json().path("text").asString()).isEqualTo("微心愿");
        call("POST", "/api/v1/things/notes", adminToken(), "text=" + "n".repeat(100 * 1024),
                "Content-Type", "application/x-www-form-urlencoded").assertProblem(413, "larger than the limit");
    }

    @Test
    void aBodyLargerThanTheLimitIs413WhetherDeclaredOrChunked() {
        long before = thingCount();
        String huge = thingJson(uniqueCode(), "n".repeat(100 * 1024), "OTHER", 1);
        call("POST", "/api/v1/things", adminToken(), huge).assertProblem(413, "larger than the limit of 65536 bytes");
        callChunked("POST", "/api/v1/things", adminToken(), huge.getBytes(StandardCharsets.UTF_8))
                .assertProblem(413, "larger than the limit");
        assertThat(thingCount()).isEqualTo(before);
        // Just under the limit is still read (and then refused by @Size, not by the filter).
        String large = thingJson(uniqueCode(), "n".repeat(60 * 1024), "OTHER", 1);
        callChunked("POST", "/api/v1/things", adminToken(), large.getBytes(StandardCharsets.UTF_8))
                .assertProblem(400, "name");
    }

    @Test
    void ourOwnExceptionsMapToTheirStatuses() {
        UUID missing = UUID.randomUUID();
        call("GET", "/api/v1/things/" + missing, adminToken(), null).assertProblem(404, "Thing " + missing + " not found");

        UUID stocked = createThing(uniqueCode(), 3);
        call("POST", "/api/v1/things/" + stocked + "/archive", adminToken(), null).assertProblem(422, "still has 3 in stock");

        UUID empty = createThing(uniqueCode(), 0);
        assertThat(call("POST", "/api/v1/things/" + empty + "/archive", adminToken(), null).status()).isEqualTo(200);
        call("POST", "/api/v1/things/" + empty + "/archive", adminToken(), null).assertProblem(409, "already archived");
    }

    @Test
    void aStaleVersionIs409AndChangesNothing() {
        UUID id = createThing(uniqueCode(), 0);
        assertThat(call("PUT", "/api/v1/things/" + id, adminToken(), "{\"name\":\"first\",\"version\":0}").status())
                .isEqualTo(200);
        call("PUT", "/api/v1/things/" + id, adminToken(), "{\"name\":\"lost update\",\"version\":0}")
                .assertProblem(409, "changed by someone else");
        assertThat(jdbc.sql("SELECT name FROM thing WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("first");
    }

    @Test
    void aDuplicateIs409NamingTheConstraint() {
        String code = uniqueCode();
        createThing(code, 1);
        long before = thingCount();
        Reply reply = call("POST", "/api/v1/things", adminToken(), thingJson(code, "again", "OTHER", 1))
                .assertProblem(409, "Duplicate");
        assertThat(reply.json().path("constraint").asString()).isEqualTo("thing_code_key");
        assertThat(thingCount()).isEqualTo(before);
    }

    @Test
    void anUnexpectedErrorIs500LeakingNothingButTheTraceId() {
        Reply reply = call("GET", "/api/v1/boom", adminToken(), null).assertProblem(500, "unexpected error");
        assertThat(reply.body()).doesNotContain("hunter2", "db-secret-host", "IllegalStateException", "at cn.");
        String traceId = reply.json().path("traceId").asString();
        assertThat(traceId).matches("[0-9a-f]{32}");
        assertThat(reply.detail()).contains(traceId);
    }
}
