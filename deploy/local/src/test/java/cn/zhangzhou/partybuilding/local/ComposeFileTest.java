package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Docker deployment cannot be started here (no Docker engine), so its file is checked for what
 * makes it work when it is: health-gated start order, memory limits, and configuration that the
 * services actually read.
 */
class ComposeFileTest {

    /** The district services and the districts compose runs them for. */
    private static final List<String> KINDS = List.of("membership", "wishes");
    private static final List<String> DISTRICTS = List.of("xiangcheng", "longwen");

    /** Standard Spring / JVM settings the services read without declaring them in application.yml. */
    private static final Set<String> STANDARD_PROPERTIES = Set.of(
            "server.port", "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
            "spring.kafka.bootstrap-servers", "spring.profiles.active", "java.tool.options",
            // Boot's resource server: the key source is identity's JWKS (no default in application.yml).
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
    private static final String JWKS_IN_COMPOSE = "http://identity:9000/oauth2/jwks";
    private static final Pattern DATABASE_IN_URL = Pattern.compile("jdbc:postgresql://[^/]+/([a-z0-9_]+)");

    private static Path root;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() throws IOException {
        root = RepositoryRoot.require(Path.of(""));
        try (Reader r = Files.newBufferedReader(root.resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
            Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void theComposeFileHasKafkaPostgresAndOneMembershipServicePerDistrict() {
        assertThat(services).containsKeys("kafka", "postgres", "identity", "gateway", "membership-xiangcheng",
                "membership-longwen");
        assertThat((String) services.get("kafka").get("image")).startsWith("apache/kafka:4.1.");
        assertThat(services.get("postgres").get("image")).isEqualTo("postgres:17");
        assertThat(servicesOf("membership")).containsOnlyKeys("membership-xiangcheng", "membership-longwen");
        assertThat(ports("membership-xiangcheng")).contains("8081:8080");
        assertThat(ports("membership-longwen")).contains("8082:8080");
        servicesOf("membership").forEach((name, service) -> {
            Map<String, String> env = environment(service);
            String district = name.substring("membership-".length());
            assertThat(env).as(name).containsEntry("ZZ_DISTRICT", district);
            assertThat(env.get("SPRING_DATASOURCE_URL")).as(name).endsWith("/membership_" + district);
            assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:9092");
            assertThat(((Map<?, ?>) service.get("build")).get("context")).isEqualTo("services/membership");
        });
    }

    @Test
    void oneWishesServicePerDistrictOnTheLocalPlatformsPortsAfterItsMembershipService() {
        assertThat(servicesOf("wishes")).containsOnlyKeys("wishes-xiangcheng", "wishes-longwen");
        assertThat(ports("wishes-xiangcheng")).contains(Options.wishesPort("xiangcheng") + ":8080");
        assertThat(ports("wishes-longwen")).contains(Options.wishesPort("longwen") + ":8080");
        servicesOf("wishes").forEach((name, service) -> {
            Map<String, String> env = environment(service);
            String district = name.substring("wishes-".length());
            assertThat(env).as(name).containsEntry("ZZ_DISTRICT", district);
            assertThat(env.get("SPRING_DATASOURCE_URL")).as(name).endsWith("/wishes_" + district);
            assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:9092");
            // The replay clock is for the local platform's 2015 replay only (decision 0010), never in compose.
            assertThat(env.keySet()).as(name).noneMatch(k -> k.contains("REPLAY"));
            assertThat(((Map<?, ?>) service.get("build")).get("context")).isEqualTo("services/wishes");
            assertThat(((Map<?, ?>) service.get("depends_on")).keySet().stream().map(Object::toString).toList())
                    .as(name).contains("kafka", "postgres", "membership-" + district);
        });
    }

    @Test
    void everyServiceHasAHealthcheck() {
        services.forEach((name, service) -> {
            assertThat(service).as("%s has a healthcheck", name).containsKey("healthcheck");
            Object test = ((Map<?, ?>) service.get("healthcheck")).get("test");
            assertThat(test).as("%s healthcheck test", name).isNotNull();
            if (name.startsWith("membership-") || name.startsWith("wishes-") || name.equals("identity")
                    || name.equals("gateway")) {
                assertThat(test.toString()).as(name).contains("/actuator/health/readiness");
            }
        });
        assertThat(services.get("postgres").get("healthcheck").toString()).contains("pg_isready");
    }

    @Test
    void everyDependencyWaitsForHealth() {
        int dependencies = 0;
        for (var e : services.entrySet()) {
            Object dependsOn = e.getValue().get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            if (!(dependsOn instanceof Map<?, ?> byService)) {
                fail("%s: depends_on must be the long form with condition: service_healthy, was %s", e.getKey(), dependsOn);
                return;
            }
            for (var d : byService.entrySet()) {
                assertThat(services).as("%s depends on a defined service", e.getKey()).containsKey((String) d.getKey());
                assertThat(((Map<?, ?>) d.getValue()).get("condition"))
                        .as("%s → %s", e.getKey(), d.getKey()).isEqualTo("service_healthy");
                dependencies++;
            }
        }
        assertThat(dependencies).isGreaterThanOrEqualTo(4 + 6 + 4 + 1 + 5);
        for (String kind : KINDS) {
            // identity too: a service refuses every call until it can fetch identity's keys.
            servicesOf(kind).forEach((name, s) ->
                    assertThat(((Map<?, ?>) s.get("depends_on")).keySet().stream().map(Object::toString).toList())
                            .as(name).contains("kafka", "postgres", "identity"));
        }
        assertThat(((Map<?, ?>) services.get("identity").get("depends_on")).keySet().stream().map(Object::toString).toList())
                .containsExactly("postgres");
    }

    @Test
    void identityHasItsDatabaseTheBrowserFacingIssuerAndSecretsOnlyFromTheEnvironment() throws IOException {
        Map<String, Object> identity = services.get("identity");
        assertThat(((Map<?, ?>) identity.get("build")).get("context")).isEqualTo("services/identity");
        assertThat(ports("identity")).containsExactly("9000:9000");
        Map<String, String> env = environment(identity);
        assertThat(env).containsEntry("SERVER_PORT", "9000")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/identity")
                .containsEntry("ZZ_IDENTITY_ISSUER", "http://localhost:9000");
        // No secret in the file: compose refuses to start without them (${VAR:?message}).
        for (String secret : List.of("ZZ_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD", "ZZ_IDENTITY_KEYS_ENCRYPTION_SECRET")) {
            assertThat(env.get(secret)).as(secret).startsWith("${" + secret + ":?");
        }
        Set<String> known = properties(root.resolve("services/identity/src/main/resources/application.yaml"));
        for (String variable : env.keySet()) {
            assertThat(known.stream().anyMatch(p -> bindsTo(variable, p))).as("identity: %s", variable).isTrue();
        }
    }

    @Test
    void theGatewayRoutesEveryDistrictServiceOfComposeByItsServiceNameAfterAllAreHealthy() throws IOException {
        Map<String, Object> gateway = services.get("gateway");
        assertThat(((Map<?, ?>) gateway.get("build")).get("context")).isEqualTo("gateway");
        assertThat(ports("gateway")).containsExactly("8080:8080");
        Map<String, String> env = environment(gateway);
        Set<String> routes = new TreeSet<>();
        env.forEach((k, v) -> {
            if (k.startsWith("ZZ_GATEWAY_DISTRICTS_")) {
                routes.add(k);
            }
        });
        Set<String> expected = new TreeSet<>();
        for (String kind : KINDS) {
            for (String d : DISTRICTS) {
                String variable = "ZZ_GATEWAY_DISTRICTS_" + d.toUpperCase(Locale.ROOT) + "_" + kind.toUpperCase(Locale.ROOT);
                expected.add(variable);
                assertThat(env).containsEntry(variable, "http://" + kind + "-" + d + ":8080");
                assertThat(services).containsKey(kind + "-" + d);
            }
        }
        assertThat(routes).isEqualTo(expected);
        assertThat(((Map<?, ?>) gateway.get("depends_on")).keySet().stream().map(Object::toString).toList())
                .containsExactlyInAnyOrder("identity", "membership-xiangcheng", "membership-longwen",
                        "wishes-xiangcheng", "wishes-longwen");
        Set<String> known = properties(root.resolve("gateway/src/main/resources/application.yml"));
        for (String variable : env.keySet()) {
            assertThat(variable.startsWith("ZZ_GATEWAY_DISTRICTS_") || known.stream().anyMatch(p -> bindsTo(variable, p)))
                    .as("gateway: %s", variable).isTrue();
        }
    }

    @Test
    void everyServiceHasAMemoryLimit() {
        services.forEach((name, service) -> {
            Object memLimit = service.get("mem_limit");
            Object deployLimit = service.get("deploy") instanceof Map<?, ?> deploy
                    && deploy.get("resources") instanceof Map<?, ?> resources
                    && resources.get("limits") instanceof Map<?, ?> limits ? limits.get("memory") : null;
            assertThat(memLimit != null || deployLimit != null).as("%s has a memory limit", name).isTrue();
        });
    }

    @Test
    void everyEnvironmentVariableOfTheMembershipServicesIsAPropertyTheServiceReads() throws IOException {
        environmentIsReadBy("membership");
    }

    @Test
    void everyEnvironmentVariableOfTheWishesServicesIsAPropertyTheServiceReads() throws IOException {
        environmentIsReadBy("wishes");
    }

    @Test
    void theLocalPlatformsWishesEnvironmentIsReadByTheWishesServiceToo() throws IOException {
        Set<String> known = properties("wishes");
        // The replay clock is a property of its own (read by a @ConditionalOnProperty, not application.yml).
        known.add("zz.wishes.replay-clock");
        Map<String, String> env = Platform.wishesEnvironment("zhangpu", "jdbc:postgresql://localhost/wishes_zhangpu",
                "localhost:9092", true);
        for (String variable : env.keySet()) {
            assertThat(known.stream().anyMatch(p -> bindsTo(variable, p))).as(variable).isTrue();
        }
        assertThat(env).containsEntry("ZZ_WISHES_REPLAY_CLOCK", "true").containsEntry("SERVER_PORT", "8185");
        assertThat(Platform.wishesEnvironment("xiangcheng", "jdbc:postgresql://localhost/wishes_xiangcheng",
                "localhost:9092", false)).doesNotContainKey("ZZ_WISHES_REPLAY_CLOCK");
        String clock = Files.readString(root.resolve(
                "services/wishes/src/main/java/cn/zhangzhou/partybuilding/wishes/replay/ReplayClockController.java"));
        assertThat(clock).contains("@ConditionalOnProperty(name = \"zz.wishes.replay-clock\", havingValue = \"true\")");
    }

    private static Set<String> properties(String kind) throws IOException {
        return properties(root.resolve("services/" + kind + "/src/main/resources/application.yml"));
    }

    private static Set<String> properties(Path yml) throws IOException {
        if (!Files.isRegularFile(yml)) {
            fail("%s is absent: the module must exist (with its application.yml) for the "
                    + "compose environment to be checked against it", root.relativize(yml));
        }
        Set<String> known = new TreeSet<>(STANDARD_PROPERTIES);
        try (Reader r = Files.newBufferedReader(yml, StandardCharsets.UTF_8)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r)) {
                if (document instanceof Map<?, ?> map) {
                    flatten("", map, known);
                }
            }
        }
        return known;
    }

    private static void environmentIsReadBy(String kind) throws IOException {
        Set<String> known = properties(kind);
        assertThat(servicesOf(kind)).as(kind).isNotEmpty();
        servicesOf(kind).forEach((name, service) -> {
            for (String variable : environment(service).keySet()) {
                assertThat(known.stream().anyMatch(p -> bindsTo(variable, p)))
                        .as("%s: %s maps to no property of application.yml nor a standard one (%s)", name, variable,
                                STANDARD_PROPERTIES)
                        .isTrue();
            }
        });
    }

    @Test
    void relaxedBindingIsModelledLikeSpring() {
        assertThat(bindsTo("ZZ_GATEWAY_TOKEN_CACHE_MAX_ENTRIES", "zz.gateway.token-cache.max-entries")).isTrue();
        assertThat(bindsTo("ZZ_GATEWAY_TOKENCACHE_MAXENTRIES", "zz.gateway.token-cache.max-entries")).isTrue();
        assertThat(bindsTo("SPRING_KAFKA_BOOTSTRAP_SERVERS", "spring.kafka.bootstrap-servers")).isTrue();
        assertThat(bindsTo("ZZ_DISTRICTS", "zz.district")).isFalse();
        assertThat(bindsTo("ZZ_GATEWAY_TOKEN", "zz.gateway.token-cache.max-entries")).isFalse();
    }

    @Test
    void thePostgresInitScriptCreatesExactlyTheDatabasesTheServicesUse() throws IOException {
        Set<String> used = new LinkedHashSet<>();
        services.values().forEach(s -> {
            String url = environment(s).get("SPRING_DATASOURCE_URL");
            if (url != null) {
                Matcher m = DATABASE_IN_URL.matcher(url);
                assertThat(m.find()).as("database in %s", url).isTrue();
                used.add(m.group(1));
            }
        });
        assertThat(((List<?>) services.get("postgres").get("volumes")).toString())
                .contains("./deploy/postgres/init-databases.sql:/docker-entrypoint-initdb.d/");
        String sql = Files.readString(root.resolve("deploy/postgres/init-databases.sql"), StandardCharsets.UTF_8);
        Set<String> created = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?im)^\\s*create\\s+database\\s+\"?([a-z0-9_]+)\"?").matcher(sql);
        while (m.find()) {
            created.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(used).isNotEmpty();
    }

    @Test
    void theServicesAndTheGatewayTrustIdentitysKeysAndNoKeyFile() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>(servicesOf("membership"));
        all.putAll(servicesOf("wishes"));
        assertThat(all).hasSize(KINDS.size() * DISTRICTS.size());
        all.put("gateway", services.get("gateway"));
        all.forEach((name, service) -> {
            Map<String, String> env = environment(service);
            assertThat(env).as(name).containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", JWKS_IN_COMPOSE)
                    .doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION");
            // The development key files of the foundation are gone: nothing signs tokens but identity.
            assertThat(String.valueOf(service.get("volumes"))).as(name).doesNotContain("dev-keys");
            assertThat(((Map<?, ?>) service.get("depends_on")).keySet().stream().map(Object::toString).toList()).as(name)
                    .contains("identity");
        });
    }

    @Test
    void theServiceImagesRunTheBuiltJarAsANonRootUserWithAHealthcheck() throws IOException {
        Map<String, String> images = new LinkedHashMap<>();
        for (String kind : KINDS) {
            images.put("services/" + kind, kind + "-service.jar");
        }
        images.put("services/identity", "identity-service.jar");
        images.put("gateway", "gateway.jar");
        for (Map.Entry<String, String> image : images.entrySet()) {
            String kind = image.getKey();
            String dockerfile = Files.readString(root.resolve(kind + "/Dockerfile"), StandardCharsets.UTF_8);
            assertThat(dockerfile).as(kind).contains("FROM eclipse-temurin:17-jre")
                    .contains("COPY --chown=zz:zz target/" + image.getValue() + " /app/app.jar")
                    .contains("HEALTHCHECK")
                    .contains("/actuator/health/readiness");
            Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
            assertThat(user.find()).as("USER instruction of %s", kind).isTrue();
            assertThat(user.group(1)).as(kind).doesNotStartWith("root").doesNotStartWith("0");
        }
    }

    /** Spring's environment mapping: dots become underscores, dashes are dropped or become underscores. */
    static boolean bindsTo(String variable, String property) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        return variable.equals(upper.replace("-", "")) || variable.equals(upper.replace('-', '_'));
    }

    private static void flatten(String prefix, Map<?, ?> map, Set<String> into) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            into.add(key);
            if (v instanceof Map<?, ?> child) {
                flatten(key, child, into);
            }
        });
    }

    private static Map<String, Map<String, Object>> servicesOf(String kind) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        services.forEach((name, s) -> {
            if (name.startsWith(kind + "-")) {
                result.put(name, s);
            }
        });
        return result;
    }

    private static List<String> ports(String service) {
        return ((List<?>) services.get(service).get("ports")).stream().map(Object::toString).toList();
    }

    /** Both compose forms: a map, or a list of NAME=value. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (raw instanceof List<?> list) {
            for (Object item : list) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }
}
