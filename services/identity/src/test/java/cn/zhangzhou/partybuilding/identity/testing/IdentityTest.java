package cn.zhangzhou.partybuilding.identity.testing;

import static org.awaitility.Awaitility.await;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MembershipEvents;
import cn.zhangzhou.partybuilding.identity.member.MemberHomeStore;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventFeed;
import cn.zhangzhou.partybuilding.testing.TestClock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The identity service on a random port with its own real PostgreSQL database and the shared real Kafka broker (the
 * districts' membership events), one context for all test classes.
 * Tokens come the real way: the bootstrap CITY_ADMIN signs in through the login form (authorization code + PKCE).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "zz.identity.issuer=" + IdentityTest.ISSUER,
        "zz.identity.bootstrap.admin-username=" + IdentityTest.ADMIN,
        "zz.identity.bootstrap.admin-password=" + IdentityTest.ADMIN_PASSWORD,
        "zz.identity.browser-client.redirect-uris=" + IdentityTest.REDIRECT_URI,
        "zz.identity.keys.encryption-secret=test-secret-0123456789-0123456789-abcdef",
        "zz.identity.access-token-ttl=PT10M",
        // A small pool, as the local platform gives every service with all districts (4): a request that holds one
        // connection while it asks for a second (Spring Authorization Server's authorization rows read their client
        // in a nested query) waits for the others doing the same; concurrent sign-ins froze identity that way.
        "spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.connection-timeout=10000"})
@Import(TestClockConfig.class)
public abstract class IdentityTest {

    public static final String ISSUER = "http://identity.test";
    public static final String ADMIN = "city-admin";
    public static final String ADMIN_PASSWORD = "bootstrap-password-for-tests";
    public static final String REDIRECT_URI = "http://127.0.0.1:5173/callback";
    public static final String PASSWORD = "correct horse battery staple";

    protected static final String JDBC_URL = TestInfrastructure.newDatabase("identity");

    /** A fresh consumer group per run: a test JVM never inherits offsets of an earlier run. */
    private static final String GROUP = "identity-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> JDBC_URL);
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("spring.kafka.consumer.group-id", () -> GROUP);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected TestClock clock;
    @Autowired
    protected MemberHomeStore memberHomes;

    protected Api api;
    protected Browser browser;

    @BeforeEach
    void clients() {
        api = new Api(baseUrl());
        browser = new Browser(baseUrl());
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    private String adminToken;

    /** The bootstrap CITY_ADMIN's token, signed in once per test in a browser of its own. */
    protected String adminToken() {
        if (adminToken == null) {
            adminToken = signIn(ADMIN, ADMIN_PASSWORD);
        }
        return adminToken;
    }

    /** An access token of the user, signed in through the form in a browser of its own. */
    protected String signIn(String username, String password) {
        return new Browser(baseUrl()).signIn(username, password).accessToken();
    }

    /** The body of {@code POST /api/v1/users}. */
    protected static Map<String, Object> user(String username, String password, Collection<String> roles,
                                              String district, UUID org, UUID member) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("roles", roles);
        body.put("district", district);
        body.put("org", org);
        body.put("member", member);
        return body;
    }

    /** A user created by the CITY_ADMIN through the API; returns its id. */
    protected UUID createUser(String username, Set<String> roles, String district, UUID org, UUID member) {
        Api.Response created = api.post("/api/v1/users", adminToken(),
                user(username, PASSWORD, roles, district, org, member));
        if (created.status() != 201) {
            throw new AssertionError("could not create " + username + ": " + created);
        }
        return UUID.fromString(created.id());
    }

    /** A member of the district, registered by its membership service (the event), once identity has learnt it. */
    protected UUID member(String district) {
        UUID id = UUID.randomUUID();
        EventFeed.send(district, "membership", MembershipEvents.MEMBER_REGISTERED, new MemberRegistered(id,
                UUID.randomUUID(), district, null, MemberCategory.IN_SERVICE, List.of(), null, false));
        awaitHome(id, Optional.of(district));
        return id;
    }

    /** Waits until identity holds the member in that district (empty: in none). */
    protected void awaitHome(UUID member, Optional<String> district) {
        await().atMost(Duration.ofSeconds(60)).until(() -> memberHomes.districtOf(member).equals(district));
    }

    /** A fresh decoder of our tokens, like a service whose jwk-set-uri points here (one started after a rotation). */
    protected JwtDecoder jwksDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(baseUrl() + "/oauth2/jwks").build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
        return decoder;
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

}
