package cn.zhangzhou.partybuilding.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No Kubernetes API server runs here, so deploy/kubernetes's production overlay, rendered by {@link Kustomize}, is
 * checked for what makes it work and safe when applied: every container non-root with a read-only root filesystem,
 * limits, the services' own probes, a ServiceAccount of its own, a PodDisruptionBudget and NetworkPolicies; each
 * gateway route names a Service that exists, in the namespace of the district it is for, on the port its Deployment
 * listens on; each district service finds identity's JWKS, its own district id and its own databases in its
 * district's PostgreSQL cluster. {@link KubernetesOverlaysTest} validates every overlay against the schemas.
 */
class KubernetesManifestsTest {

    private static final Pattern ROUTE_ENV = Pattern.compile("ZZ_GATEWAY_DISTRICTS_([A-Z]+)_([A-Z]+)");
    private static final Pattern CLUSTER_URL = Pattern.compile("http://([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc:(\\d+)(/.*)?");

    private static List<Map<String, Object>> objects;

    @BeforeAll
    static void readManifests() {
        objects = Kustomize.resources("overlays/production");
        assertThat(objects).isNotEmpty();
    }

    @Test
    void everyContainerIsNonRootReadOnlyLimitedAndProbed() {
        List<Map<String, Object>> deployments = ofKind("Deployment");
        assertThat(deployments).extracting(KubernetesManifestsTest::name)
                .contains("identity", "gateway", "dashboard", "membership", "wishes");
        for (Map<String, Object> deployment : deployments) {
            String where = namespace(deployment) + "/" + name(deployment);
            Map<String, Object> pod = map(path(deployment, "spec", "template", "spec"));
            assertThat(path(pod, "securityContext", "runAsNonRoot")).as(where).isEqualTo(true);
            assertThat(path(pod, "securityContext", "seccompProfile", "type")).as(where).isEqualTo("RuntimeDefault");
            assertThat(pod.get("automountServiceAccountToken")).as(where + ": no API token").isEqualTo(false);
            assertThat(pod.get("serviceAccountName")).as(where + ": a ServiceAccount of its own").isEqualTo(name(deployment));
            object("ServiceAccount", namespace(deployment), name(deployment));
            assertThat(selecting("PodDisruptionBudget", deployment)).as(where + ": a PodDisruptionBudget").hasSize(1);
            List<Map<String, Object>> policies = selecting("NetworkPolicy", deployment);
            assertThat(policies.stream().flatMap(p -> list(path(p, "spec", "policyTypes")).stream()).toList())
                    .as(where + ": NetworkPolicies limit what reaches it and what it reaches").contains("Ingress", "Egress");
            for (Object c : list(pod.get("containers"))) {
                Map<String, Object> container = map(c);
                assertThat(path(container, "securityContext", "readOnlyRootFilesystem")).as(where).isEqualTo(true);
                assertThat(path(container, "securityContext", "allowPrivilegeEscalation")).as(where).isEqualTo(false);
                assertThat(list(path(container, "securityContext", "capabilities", "drop"))).as(where).contains("ALL");
                for (String kind : List.of("requests", "limits")) {
                    assertThat(map(path(container, "resources", kind))).as(where + " " + kind).containsKeys("cpu", "memory");
                }
                assertThat(path(container, "livenessProbe", "httpGet", "path")).as(where)
                        .isEqualTo("/actuator/health/liveness");
                assertThat(path(container, "readinessProbe", "httpGet", "path")).as(where)
                        .isEqualTo("/actuator/health/readiness");
                // A read-only root needs a writable /tmp (Tomcat's and Netty's work files).
                assertThat(list(container.get("volumeMounts"))).as(where)
                        .anySatisfy(m -> assertThat(map(m).get("mountPath")).isEqualTo("/tmp"));
                assertThat(String.valueOf(container.get("image"))).as(where).startsWith("zz-partybuilding/");
            }
        }
    }

    @Test
    void everyServiceOfTheTableRunsInTheCityOrInEachDistrictsNamespaceOnItsImagesPort() {
        List<String> districts = ofKind("Namespace").stream().map(KubernetesManifestsTest::name)
                .filter(n -> n.startsWith("zz-") && Districts.isKnown(n.substring(3))).map(n -> n.substring(3)).toList();
        assertThat(districts).containsExactlyInAnyOrderElementsOf(Districts.IDS);
        Set<String> expected = new TreeSet<>();
        for (PlatformService service : PlatformService.values()) {
            List<String> namespaces = service.perDistrict() ? districts.stream().map(d -> "zz-" + d).toList()
                    : List.of("zz-city");
            String port = String.valueOf(Deployments.imagePort(service));
            for (String namespace : namespaces) {
                String where = namespace + "/" + service.id();
                expected.add(where);
                Map<String, Object> deployment = deployment(namespace, service.id());
                assertThat(containerPorts(deployment)).as(where).contains(port);
                assertThat(env(deployment)).as(where).containsEntry("SERVER_PORT", port);
                assertThat(map(list(path(deployment, "spec", "template", "spec", "containers")).get(0)).get("image"))
                        .as(where).isEqualTo("zz-partybuilding/" + Deployments.jarName(service).replace(".jar", "")
                                + ":0.1.0-SNAPSHOT");
                assertThat(deploymentSelectedBy(object("Service", namespace, service.id()))).as(where).isSameAs(deployment);
            }
        }
        assertThat(ofKind("Deployment").stream().map(d -> namespace(d) + "/" + name(d)).toList())
                .as("the Deployments: the table's services, no more and no less").containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyGatewayRouteReachesThatDistrictsServiceOnItsPort() {
        Map<String, String> env = env(deployment("zz-city", "gateway"));
        List<String> routes = env.keySet().stream().filter(k -> ROUTE_ENV.matcher(k).matches()).sorted().toList();
        assertThat(routes).isNotEmpty();
        for (String key : routes) {
            Matcher route = ROUTE_ENV.matcher(key);
            assertThat(route.matches()).isTrue();
            String district = route.group(1).toLowerCase(Locale.ROOT);
            String service = route.group(2).toLowerCase(Locale.ROOT);
            Matcher url = CLUSTER_URL.matcher(env.get(key));
            assertThat(url.matches()).as(key + " = " + env.get(key)).isTrue();
            assertThat(url.group(2)).as(key + ": the district's own namespace").isEqualTo("zz-" + district);
            assertThat(url.group(1)).as(key).isEqualTo(service);
            Map<String, Object> target = object("Service", url.group(2), url.group(1));
            int port = Integer.parseInt(url.group(3));
            Map<String, Object> servicePort = list(path(target, "spec", "ports")).stream().map(KubernetesManifestsTest::map)
                    .filter(p -> Objects.equals(p.get("port"), port)).findFirst().orElseThrow(() ->
                            new AssertionError(key + ": Service " + url.group(2) + "/" + url.group(1) + " has no port " + port));
            Map<String, Object> backing = deploymentSelectedBy(target);
            assertThat(containerPorts(backing)).as(key + ": the Service's target port is the container's")
                    .contains(String.valueOf(servicePort.get("targetPort")));
            assertThat(district(backing)).as(key + ": the Deployment behind it serves that district").isEqualTo(district);
        }
        // Every district service in the manifests is routed.
        for (Map<String, Object> d : ofKind("Deployment")) {
            if (namespace(d).startsWith("zz-") && !namespace(d).equals("zz-city")) {
                String key = "ZZ_GATEWAY_DISTRICTS_" + namespace(d).substring(3).toUpperCase(Locale.ROOT) + "_"
                        + name(d).toUpperCase(Locale.ROOT);
                assertThat(routes).as("the gateway routes " + namespace(d) + "/" + name(d)).contains(key);
            }
        }
    }

    @Test
    void everyDistrictServiceFindsIdentityItsDistrictAndItsOwnDatabase() {
        Map<String, Object> identity = object("Service", "zz-city", "identity");
        int identityPort = (Integer) map(list(path(identity, "spec", "ports")).get(0)).get("port");
        String jwks = "http://identity.zz-city.svc:" + identityPort + "/oauth2/jwks";
        assertThat(env(deployment("zz-city", "gateway"))).containsEntry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", jwks);
        for (Map<String, Object> d : ofKind("Deployment")) {
            String ns = namespace(d);
            if (ns.equals("zz-city")) {
                continue;
            }
            Map<String, Object> config = object("ConfigMap", ns, "zz-district");
            Map<String, Object> data = map(config.get("data"));
            String district = ns.substring(3);
            assertThat(data.get("district")).as(ns).isEqualTo(district);
            assertThat(data.get("jwk-set-uri")).as(ns).isEqualTo(jwks);
            String database = PlatformService.valueOf(name(d).toUpperCase(Locale.ROOT)).in(district).database().orElseThrow();
            assertThat(String.valueOf(data.get(name(d) + "-db-url"))).as(ns + "/" + name(d))
                    .isEqualTo("jdbc:postgresql://postgres-rw:5432/" + database).endsWith("/" + name(d) + "_" + district);
            assertThat(ofKind("Database")).as(ns + "/" + name(d) + ": its database in the district's own cluster")
                    .anySatisfy(db -> assertThat(List.of(namespace(db), path(db, "spec", "name"), path(db, "spec", "cluster", "name")))
                            .containsExactly(ns, database, "postgres"));
            object("Cluster", ns, "postgres");
            assertThat(district(d)).as(ns + "/" + name(d)).isEqualTo(district);
            assertThat(env(d)).as(ns + "/" + name(d)).containsKeys("SPRING_DATASOURCE_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                    "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
        }
    }

    @Test
    void theServicesThatScaleHaveAnAutoscalerAndStagingRunsTheSameServices() {
        List<String> scaled = ofKind("HorizontalPodAutoscaler").stream()
                .map(h -> namespace(h) + "/" + path(h, "spec", "scaleTargetRef", "name")).toList();
        List<String> expected = new ArrayList<>(List.of("zz-city/gateway"));
        Districts.IDS.forEach(d -> expected.addAll(List.of("zz-" + d + "/membership", "zz-" + d + "/wishes")));
        assertThat(scaled).containsExactlyInAnyOrderElementsOf(expected);
        scaled.forEach(s -> deployment(s.substring(0, s.indexOf('/')), s.substring(s.indexOf('/') + 1)));
        assertThat(Kustomize.resources("overlays/staging").stream().filter(o -> "Deployment".equals(o.get("kind")))
                .map(d -> namespace(d) + "/" + name(d)).toList())
                .containsExactlyInAnyOrderElementsOf(ofKind("Deployment").stream().map(d -> namespace(d) + "/" + name(d)).toList());
    }

    /** The ZZ_DISTRICT a Deployment runs with: a literal value or the key of its namespace's ConfigMap. */
    private static String district(Map<String, Object> deployment) {
        Map<String, Object> variable = envVariables(deployment).stream().filter(v -> "ZZ_DISTRICT".equals(v.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError(name(deployment) + " has no ZZ_DISTRICT"));
        if (variable.containsKey("value")) {
            return String.valueOf(variable.get("value"));
        }
        Map<String, Object> ref = map(path(variable, "valueFrom", "configMapKeyRef"));
        return String.valueOf(map(object("ConfigMap", namespace(deployment), String.valueOf(ref.get("name"))).get("data"))
                .get(String.valueOf(ref.get("key"))));
    }

    private static Map<String, Object> deploymentSelectedBy(Map<String, Object> service) {
        Map<String, Object> selector = map(path(service, "spec", "selector"));
        return ofKind("Deployment").stream()
                .filter(d -> namespace(d).equals(namespace(service)))
                .filter(d -> map(path(d, "spec", "template", "metadata", "labels")).entrySet().containsAll(selector.entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment behind Service " + name(service)));
    }

    private static List<String> containerPorts(Map<String, Object> deployment) {
        List<String> ports = new ArrayList<>();
        for (Object c : list(path(deployment, "spec", "template", "spec", "containers"))) {
            for (Object p : list(map(c).get("ports"))) {
                ports.add(String.valueOf(map(p).get("name")));
                ports.add(String.valueOf(map(p).get("containerPort")));
            }
        }
        return ports;
    }

    /** The environment of a Deployment's first container: literals and ConfigMap keys resolved, Secrets left out. */
    private static Map<String, String> env(Map<String, Object> deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> v : envVariables(deployment)) {
            Map<String, Object> ref = map(path(v, "valueFrom", "configMapKeyRef"));
            String value = v.containsKey("value") ? String.valueOf(v.get("value")) : ref.isEmpty() ? "(ref)"
                    : String.valueOf(map(object("ConfigMap", namespace(deployment), String.valueOf(ref.get("name"))).get("data"))
                            .get(String.valueOf(ref.get("key"))));
            env.put(String.valueOf(v.get("name")), value);
        }
        return env;
    }

    /** The objects of a kind in the Deployment's namespace whose pod selector selects its pods. */
    private static List<Map<String, Object>> selecting(String kind, Map<String, Object> deployment) {
        Map<String, Object> labels = map(path(deployment, "spec", "template", "metadata", "labels"));
        return ofKind(kind).stream().filter(o -> namespace(o).equals(namespace(deployment)))
                .filter(o -> labels.entrySet().containsAll(map(path(o, "spec", kind.equals("NetworkPolicy") ? "podSelector"
                        : "selector", "matchLabels")).entrySet()))
                .toList();
    }

    private static List<Map<String, Object>> envVariables(Map<String, Object> deployment) {
        Map<String, Object> container = map(list(path(deployment, "spec", "template", "spec", "containers")).get(0));
        return list(container.get("env")).stream().map(KubernetesManifestsTest::map).toList();
    }

    private static Map<String, Object> deployment(String namespace, String name) {
        return object("Deployment", namespace, name);
    }

    private static Map<String, Object> object(String kind, String namespace, String name) {
        return ofKind(kind).stream().filter(o -> namespace(o).equals(namespace) && name(o).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + namespace + "/" + name + " in deploy/kubernetes"));
    }

    private static List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(path(object, "metadata", "name"));
    }

    private static String namespace(Map<String, Object> object) {
        return String.valueOf(path(object, "metadata", "namespace"));
    }

    private static Object path(Map<String, Object> object, String... keys) {
        Object current = object;
        for (String key : keys) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
