package cn.zhangzhou.partybuilding.identity;

import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.ALLOWED;
import static cn.zhangzhou.partybuilding.testing.matrix.Outcome.HIDDEN;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.CITY_ADMIN;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.DISTRICT_ADMIN;
import static cn.zhangzhou.partybuilding.testing.matrix.Who.OTHER_DISTRICT_ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.identity.testing.IdentityTest;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.matrix.Call;
import cn.zhangzhou.partybuilding.testing.matrix.DatabaseFingerprint;
import cn.zhangzhou.partybuilding.testing.matrix.DeadLetterRules;
import cn.zhangzhou.partybuilding.testing.matrix.Outcome;
import cn.zhangzhou.partybuilding.testing.matrix.Rule;
import cn.zhangzhou.partybuilding.testing.matrix.Scene;
import cn.zhangzhou.partybuilding.testing.matrix.ScopeMatrix;
import cn.zhangzhou.partybuilding.testing.matrix.Who;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Every operation of identity's admin API × every caller × an account (district system) of Xiangcheng and one of
 * Longwen (docs/reliability.md, "Scope matrix"). Users and district systems are administered by the CITY_ADMIN and
 * by their own district's DISTRICT_ADMIN only; keys and identity's dead letters by the CITY_ADMIN. Everyone else is 403,
 * whatever their role.
 * Tokens are identity's own, signed by its active key.
 */
class ScopeMatrixTest extends IdentityTest {

    private static final String XC = "xiangcheng";
    private static final String LW = "longwen";

    @Autowired
    JwtEncoder encoder;

    @Test
    void everyOperationEveryCallerEveryScope() {
        Scene scene = new Scene(XC, LW, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                member(XC), member(XC), member(LW));
        ScopeMatrix.Minter minter = (subject, claims, issuedAt, expiresAt) -> encoder.encode(JwtEncoderParameters.from(
                JwsHeader.with(SignatureAlgorithm.RS256).build(), JwtClaimsSet.builder().issuer(ISSUER).subject(subject)
                        .issuedAt(issuedAt).notBefore(issuedAt).expiresAt(expiresAt).claims(c -> c.putAll(claims))
                        .build())).getTokenValue();
        try (DatabaseFingerprint database = new DatabaseFingerprint(JDBC_URL, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword(), "member_home")) {
            ScopeMatrix matrix = new ScopeMatrix("identity", api, minter, scene, database);
            users(matrix);
            clients(matrix);
            matrix.rule("GET /api/v1/keys").on(() -> Call.get("/api/v1/keys")).allow(CITY_ADMIN);
            matrix.rule("POST /api/v1/keys/rotate").on(() -> Call.post("/api/v1/keys/rotate", null)).allow(CITY_ADMIN);
            matrix.rule("GET /api/v1/me").on(() -> Call.get("/api/v1/me")).allow(Who.AUTHENTICATED);
            member("zhangpu"); // identity's listener has the partitions of Zhangpu's topic, where the dead letters are made
            DeadLetterRules.addTo(matrix, api, adminToken(), EnumSet.of(CITY_ADMIN));
            assertThat(matrix.run().calls()).isGreaterThan(300);
        }
    }

    private void users(ScopeMatrix matrix) {
        userAdministration(matrix.rule("POST /api/v1/users"),
                district -> Call.post("/api/v1/users", staffUser(district)));
        userAdministration(matrix.rule("GET /api/v1/users/{id}"), district -> Call.get("/api/v1/users/" + user(district)));
        // A DISTRICT_ADMIN's list holds their district's users only: another's are not in it.
        matrix.rule("GET /api/v1/users").on(() -> listed(XC)).allow(CITY_ADMIN, DISTRICT_ADMIN)
                .as(HIDDEN, OTHER_DISTRICT_ADMIN)
                .elsewhere(() -> listed(LW), Outcome.FORBIDDEN)
                .elsewhereAs(ALLOWED, CITY_ADMIN, OTHER_DISTRICT_ADMIN).elsewhereAs(HIDDEN, DISTRICT_ADMIN);
        userAdministration(matrix.rule("PUT /api/v1/users/{id}/access"), district -> {
            String id = user(district).toString();
            Map<String, Object> access = new HashMap<>();
            access.put("roles", List.of("STREET_STAFF"));
            access.put("district", district);
            access.put("org", UUID.randomUUID());
            access.put("version", api.get("/api/v1/users/" + id, adminToken()).version());
            return Call.put("/api/v1/users/" + id + "/access", access);
        });
        for (String action : List.of("disable", "enable", "unlock")) {
            userAdministration(matrix.rule("POST /api/v1/users/{id}/" + action),
                    district -> Call.post("/api/v1/users/" + user(district) + "/" + action, null));
        }
        userAdministration(matrix.rule("POST /api/v1/users/{id}/password"),
                district -> Call.post("/api/v1/users/" + user(district) + "/password",
                        new HashMap<>(Map.of("password", "another correct horse battery"))));
    }

    private void clients(ScopeMatrix matrix) {
        userAdministration(matrix.rule("POST /api/v1/clients"), district -> Call.post("/api/v1/clients",
                new HashMap<>(Map.of("name", unique("系统"), "district", district))));
        userAdministration(matrix.rule("GET /api/v1/clients/{clientId}"),
                district -> Call.get("/api/v1/clients/" + client(district)));
        matrix.rule("GET /api/v1/clients")
                .on(() -> Call.get("/api/v1/clients?size=200&district=" + XC).showing(client(XC)))
                .allow(CITY_ADMIN, DISTRICT_ADMIN)
                .elsewhere(() -> Call.get("/api/v1/clients?size=200&district=" + LW).showing(client(LW)),
                        Outcome.FORBIDDEN)
                .elsewhereAs(ALLOWED, CITY_ADMIN, OTHER_DISTRICT_ADMIN);
    }

    /** The CITY_ADMIN administers every district; a DISTRICT_ADMIN their own. */
    private static void userAdministration(Rule rule, Function<String, Call> call) {
        rule.on(() -> call.apply(XC)).allow(CITY_ADMIN, DISTRICT_ADMIN)
                .elsewhere(() -> call.apply(LW), Outcome.FORBIDDEN)
                .elsewhereAs(ALLOWED, CITY_ADMIN, OTHER_DISTRICT_ADMIN);
    }

    private static Map<String, Object> staffUser(String district) {
        return new HashMap<>(user(unique("staff"), PASSWORD, List.of("COMMUNITY_STAFF"), district, UUID.randomUUID(),
                null));
    }

    private UUID user(String district) {
        return createUser(unique("user"), Set.of("COMMUNITY_STAFF"), district, UUID.randomUUID(), null);
    }

    /** The user list filtered by a new user's name, which only who sees that user shows. */
    private Call listed(String district) {
        UUID id = user(district);
        String username = api.get("/api/v1/users/" + id, adminToken()).text("username");
        return Call.get("/api/v1/users?username=" + username).showing(id);
    }

    private String client(String district) {
        Api.Response registered = api.post("/api/v1/clients", adminToken(),
                Map.of("name", unique("系统"), "district", district));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        return registered.text("clientId");
    }
}
