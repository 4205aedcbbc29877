package cn.zhangzhou.partybuilding.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.identity.testing.IdentityTest;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.fuzz.Fuzzer;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input for every operation of identity's admin API, generated from its OpenAPI document, as the CITY_ADMIN,
 * straight at the service: the gateway does not route identity (docs/gateway.md). Ten thousand requests; reads and
 * refused changes leave every row as it was (docs/reliability.md, "Bad input"). The scene: a staff user of Xiangcheng
 * and a district system.
 */
class FuzzTest extends IdentityTest {

    @Test
    void badInputIsAProblemAndChangesNothing() {
        UUID user = createUser(unique("fuzzed"), Set.of("COMMUNITY_STAFF"), "xiangcheng", UUID.randomUUID(), null);
        Api.Response client = api.post("/api/v1/clients", adminToken(), Map.of("name", unique("系统"),
                "district", "xiangcheng"));
        assertThat(client.status()).as(client.raw()).isEqualTo(201);
        Fuzzer fuzzer = new Fuzzer("identity", api.get("/v3/api-docs", null).body()).caller(adminToken())
                .id("users/{id}", user)
                .id("{clientId}", client.text("clientId"))
                // A dead-letter topic identity reads and a place where no dead letter is: any call is a 4xx, changes nothing.
                .id("{deadLetterTopic}", Topics.deadLetter(Topics.events("longwen", "membership")))
                .id("{partition}", 0).id("{offset}", 0)
                .value("district", "xiangcheng").value("org", UUID.randomUUID()).value("password", PASSWORD)
                .value("roles", List.of("COMMUNITY_STAFF")).value("version", 1);
        try (DatabaseFingerprint rows = new DatabaseFingerprint(JDBC_URL, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword())) {
            Fuzzer.Report report = fuzzer.run(Fuzzer.Target.direct(baseUrl(), 64 * 1024), Fuzzer.seed(),
                    Fuzzer.requests(10_000), rows);
            assertThat(report.count(400)).isPositive();
        }
    }
}
