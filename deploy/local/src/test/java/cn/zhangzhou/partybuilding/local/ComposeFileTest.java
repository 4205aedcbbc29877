package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;

import static cn.zhangzhou.partybuilding.platform.PlatformService.WISHES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The Docker deployment cannot be started here (no Docker engine), so its file is checked for what
 * makes it work when it is: every service of the table ({@link PlatformService}) on its port, health-gated start
 * order, memory limits, and configuration that the services actually read.
 */
class ComposeFileTest {

    /** The district services of the table. */
    private static final List<String> KINDS = PlatformService.districtServices().stream().map(PlatformService::id).toList();
    /** What compose runs beside the table's services. */
    private static final Set<String> INFRASTRUCTURE = Set.of("kafka", "postgres");
    private static final String JWKS_IN_COMPOSE = "http://identity:9000/oauth2/jwks";
    private static final Pattern DATABASE_IN_URL = Pattern.compile("jdbc:postgresql://[^/]+/([a-z0-9_]+)");

    /** The observability profile's services (docs/operations.md): none of them is needed by the platform. */
    private static final Set<String> OBSERVABILITY = Set.of("prometheus", "grafana", "zipkin", "otel-collector",
            "kafka-ui");

    private static Path root;
    /** The platform's services: every service outside the observability profile. */
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Map<String, Object>> observability;
    /** The districts compose runs any district service for, in {@link Districts#IDS} order. */
    private static List<String> districts;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readCompose() {
        root = Deployments.ROOT;
        Map<String, Object> compose = (Map<String, Object>) Deployments.yamlDocuments(root.resolve("docker-compose.yml")).get(0);
        services = new LinkedHashMap<>();
        observability = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) compose.get("services")).forEach((name, service) ->
                (service.containsKey("profiles") ? observability : services).put(name, service));
        districts = Districts.IDS.stream()
                .filter(d -> KINDS.stream().anyMatch(kind -> services.containsKey(kind + "-" + d))).toList();
    }

    @Test
    void composeRunsEveryServiceOfTheTableForEachOfItsDistrictsOnTheTablesPortAndNothingElse() {
        assertThat(districts).containsExactly("xiangcheng", "longwen");
        List<Instance> instances = PlatformService.instances(districts);
        Set<String> expected = new TreeSet<>(INFRASTRUCTURE);
        instances.forEach(i -> expected.add(i.name()));
        assertThat(services.keySet()).as("compose's services: the table's for %s, Kafka and PostgreSQL", districts)
                .containsExactlyInAnyOrderElementsOf(expected);
        for (Instance i : instances) {
            Map<String, Object> service = services.get(i.name());
            int inContainer = Deployments.imagePort(i.service());
            assertThat(ports(i.name())).as(i.name()).containsExactly(i.port() + ":" + inContainer);
            Map<String, String> env = environment(service);
            assertThat(env).as(i.name()).containsEntry("SERVER_PORT", String.valueOf(inContainer));
            assertThat(builtJar(service)).as(i.name()).isEqualTo(i.service().jar());
            assertThat(env.get("SPRING_DATASOURCE_URL")).as(i.name())
                    .isEqualTo(i.database().map(db -> "jdbc:postgresql://postgres:5432/" + db).orElse(null));
            assertThat(env.get("ZZ_DISTRICT")).as(i.name()).isEqualTo(i.district());
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
            assertThat(builtJar(service)).isEqualTo("services/membership/target/membership-service.jar");
        });
    }

    @Test
    void oneWishesServicePerDistrictOnTheLocalPlatformsPortsAfterItsMembershipService() {
        assertThat(servicesOf("wishes")).containsOnlyKeys("wishes-xiangcheng", "wishes-longwen");
        assertThat(ports("wishes-xiangcheng")).contains(WISHES.in("xiangcheng").port() + ":8080");
        assertThat(ports("wishes-longwen")).contains(WISHES.in("longwen").port() + ":8080");
        servicesOf("wishes").forEach((name, service) -> {
            Map<String, String> env = environment(service);
            String district = name.substring("wishes-".length());
            assertThat(env).as(name).containsEntry("ZZ_DISTRICT", district);
            assertThat(env.get("SPRING_DATASOURCE_URL")).as(name).endsWith("/wishes_" + district);
            assertThat(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:9092");
            // The replay clock is for the local platform's 2015 replay only (decision 0010), never in compose.
            assertThat(env.keySet()).as(name).noneMatch(k -> k.contains("REPLAY"));
            assertThat(builtJar(service)).isEqualTo("services/wishes/target/wishes-service.jar");
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
            if (name.startsWith("membership-") || name.startsWith("wishes-") || name.startsWith("volunteering-")
                    || name.equals("identity")
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
        assertThat(builtJar(identity)).isEqualTo("services/identity/target/identity-service.jar");
        assertThat(ports("identity")).containsExactly("9000:9000");
        Map<String, String> env = environment(identity);
        assertThat(env).containsEntry("SERVER_PORT", "9000")
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/identity")
                .containsEntry("ZZ_IDENTITY_ISSUER", "http://localhost:9000");
        // No secret in the file: compose refuses to start without them (${VAR:?message}).
        for (String secret : List.of("ZZ_IDENTITY_BOOTSTRAP_ADMIN_PASSWORD", "ZZ_IDENTITY_KEYS_ENCRYPTION_SECRET")) {
            assertThat(env.get(secret)).as(secret).startsWith("${" + secret + ":?");
        }
        Set<String> known = Deployments.properties(PlatformService.IDENTITY);
        for (String variable : env.keySet()) {
            assertThat(Deployments.readBy(variable, known)).as("identity: %s", variable).isTrue();
        }
    }

    @Test
    void theGatewayRoutesEveryDistrictServiceOfComposeByItsServiceNameAfterAllAreHealthy() throws IOException {
        Map<String, Object> gateway = services.get("gateway");
        assertThat(builtJar(gateway)).isEqualTo("gateway/target/gateway.jar");
        assertThat(ports("gateway")).containsExactly("8080:8080");
        Map<String, String> env = environment(gateway);
        Set<String> routes = new TreeSet<>();
        env.forEach((k, v) -> {
            if (k.startsWith("ZZ_GATEWAY_DISTRICTS_")) {
                routes.add(k);
            }
        });
        Set<String> expected = new TreeSet<>();
        List<String> gatewayWaitsFor = new ArrayList<>(List.of("identity", "dashboard"));
        assertThat(env).containsEntry("ZZ_GATEWAY_DASHBOARD",
                "http://dashboard:" + Deployments.imagePort(PlatformService.DASHBOARD));
        for (PlatformService kind : PlatformService.districtServices()) {
            for (String d : districts) {
                String variable = ("ZZ_GATEWAY_DISTRICTS_" + d + "_" + kind.id()).toUpperCase(Locale.ROOT);
                gatewayWaitsFor.add(kind.in(d).name());
                expected.add(variable);
                assertThat(env).containsEntry(variable, "http://" + kind.in(d).name() + ":" + Deployments.imagePort(kind));
                assertThat(services).containsKey(kind.in(d).name());
            }
        }
        assertThat(routes).isEqualTo(expected);
        assertThat(((Map<?, ?>) gateway.get("depends_on")).keySet().stream().map(Object::toString).toList())
                .containsExactlyInAnyOrderElementsOf(gatewayWaitsFor);
        Set<String> known = Deployments.properties(PlatformService.GATEWAY);
        for (String variable : env.keySet()) {
            assertThat(variable.startsWith("ZZ_GATEWAY_DISTRICTS_") || Deployments.readBy(variable, known))
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
    void everyEnvironmentVariableOfTheMembershipServicesIsAPropertyTheServiceReads() {
        environmentIsReadBy("membership");
    }

    @Test
    void everyEnvironmentVariableOfTheWishesServicesIsAPropertyTheServiceReads() {
        environmentIsReadBy("wishes");
    }

    @Test
    void everyEnvironmentVariableOfTheVolunteeringServicesIsAPropertyTheServiceReadsAndItsCheckInKeyComesFromOutside() {
        environmentIsReadBy("volunteering");
        servicesOf("volunteering").forEach((name, service) -> assertThat(environment(service)
                .get("ZZ_VOLUNTEERING_CHECK_IN_SECRET")).as(name).startsWith("${ZZ_VOLUNTEERING_CHECK_IN_SECRET_"));
    }

    private static void environmentIsReadBy(String kind) {
        Set<String> known = Deployments.properties(PlatformService.valueOf(kind.toUpperCase(Locale.ROOT)));
        assertThat(servicesOf(kind)).as(kind).isNotEmpty();
        servicesOf(kind).forEach((name, service) -> {
            for (String variable : environment(service).keySet()) {
                assertThat(Deployments.readBy(variable, known))
                        .as("%s: %s maps to no property of application.yml nor a standard one (%s)", name, variable,
                                Deployments.STANDARD_PROPERTIES)
                        .isTrue();
            }
        });
    }

    @Test
    void relaxedBindingIsModelledLikeSpring() {
        assertThat(Deployments.bindsTo("ZZ_GATEWAY_TOKEN_CACHE_MAX_ENTRIES", "zz.gateway.token-cache.max-entries")).isTrue();
        assertThat(Deployments.bindsTo("ZZ_GATEWAY_TOKENCACHE_MAXENTRIES", "zz.gateway.token-cache.max-entries")).isTrue();
        assertThat(Deployments.bindsTo("SPRING_KAFKA_BOOTSTRAP_SERVERS", "spring.kafka.bootstrap-servers")).isTrue();
        assertThat(Deployments.bindsTo("ZZ_DISTRICTS", "zz.district")).isFalse();
        assertThat(Deployments.bindsTo("ZZ_GATEWAY_TOKEN", "zz.gateway.token-cache.max-entries")).isFalse();
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
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        PlatformService.districtServices().forEach(kind -> all.putAll(servicesOf(kind.id())));
        assertThat(all).hasSize(KINDS.size() * districts.size());
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
        // One Dockerfile for every image: the jar and the port come from compose's build arguments.
        String dockerfile = Deployments.dockerfile();
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre")
                .contains("ARG JAR\n")
                .contains("COPY --chown=zz:zz ${JAR} /app/app.jar")
                .contains("ENV SERVER_PORT=${PORT}")
                .contains("EXPOSE ${PORT}")
                .contains("HEALTHCHECK")
                .contains("/actuator/health/readiness");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
        assertThat(user.find()).as("USER instruction of %s", Deployments.DOCKERFILE).isTrue();
        assertThat(user.group(1)).isEqualTo("10001:10001");
        assertThat(dockerfile).contains("--uid 10001");
        for (PlatformService service : PlatformService.values()) {
            assertThat(Deployments.buildArguments(service)).as(service.id()).containsEntry("JAR", service.jar());
        }
        assertThat(Deployments.imagePort(PlatformService.IDENTITY)).isEqualTo(9000);
        assertThat(Deployments.imagePort(PlatformService.MEMBERSHIP)).isEqualTo(8080);
        // The build context is the repository root: only the built jars are sent to the daemon.
        assertThat(Files.readAllLines(root.resolve(".dockerignore"))).contains("*", "!services/*/target/*-service.jar",
                "!gateway/target/gateway.jar");
        try (var modules = Files.list(root.resolve("services"))) {
            assertThat(modules.filter(m -> Files.exists(m.resolve("Dockerfile"))).toList())
                    .as("no Dockerfile of its own beside deploy/Dockerfile").isEmpty();
        }
        assertThat(root.resolve("gateway/Dockerfile")).doesNotExist();
    }

    /** The jar a compose service's image is built with (its build argument JAR). */
    private static String builtJar(Map<String, Object> service) {
        Map<?, ?> build = (Map<?, ?>) service.get("build");
        assertThat(build.get("dockerfile")).isEqualTo(Deployments.DOCKERFILE);
        assertThat(build.get("context")).isEqualTo(".");
        return String.valueOf(((Map<?, ?>) build.get("args")).get("JAR"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theObservabilityProfileScrapesEveryServiceOfComposeAndMountsFilesOfTheRepository() {
        assertThat(observability.keySet()).containsExactlyInAnyOrderElementsOf(OBSERVABILITY);
        observability.forEach((name, service) -> {
            assertThat(service.get("profiles")).as(name).isEqualTo(List.of("observability"));
            assertThat(service).as(name).containsKey("mem_limit");
            for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
                String hostPath = volume.toString().substring(0, volume.toString().indexOf(':'));
                assertThat(root.resolve(hostPath)).as(name + " mounts " + hostPath).exists();
            }
        });
        Map<String, Object> prometheus = (Map<String, Object>) Deployments.yamlDocuments(
                root.resolve("deploy/observability/prometheus/prometheus.yml")).get(0);
        Map<String, String> scraped = new TreeMap<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            for (Map<String, Object> c : (List<Map<String, Object>>) job.get("static_configs")) {
                Map<String, String> labels = (Map<String, String>) c.get("labels");
                ((List<String>) c.get("targets")).forEach(t -> scraped.put(t, labels.get("district") + "/"
                        + labels.get("service")));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (Instance i : PlatformService.instances(districts)) {
            expected.put(i.name() + ":" + Deployments.imagePort(i.service()),
                    (i.district() == null ? "city" : i.district()) + "/" + i.service().id());
        }
        assertThat(scraped).as("prometheus.yml's targets: every service of compose, labelled").isEqualTo(expected);
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
