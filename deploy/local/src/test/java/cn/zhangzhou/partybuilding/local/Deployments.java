package cn.zhangzhou.partybuilding.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.RepositoryRoot;

/**
 * What the tests that hold the deployments to the table of services ({@link PlatformService}) read: the repository's
 * files, each service's module, image and own configuration.
 */
final class Deployments {

    static final Path ROOT = RepositoryRoot.require(Path.of(""));

    /** Standard Spring / JVM settings the services read without declaring them in application.yml. */
    static final Set<String> STANDARD_PROPERTIES = Set.of(
            "server.port", "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
            "spring.kafka.bootstrap-servers", "spring.profiles.active", "java.tool.options",
            // Boot's resource server: the key source is identity's JWKS (no default in application.yml).
            "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
            // The local platform's sizing (ConnectionBudget, ServiceConfiguration) and names of its instances.
            "spring.datasource.hikari.maximum-pool-size", "spring.datasource.hikari.minimum-idle",
            "spring.datasource.hikari.pool-name", "spring.kafka.client-id", "server.tomcat.threads.max",
            "server.tomcat.threads.min-spare",
            // The local platform's consumers take the demo data's trickle in batches (decision 0036).
            "spring.kafka.consumer.fetch-min-size", "spring.kafka.consumer.fetch-max-wait",
            // What a service in the local platform's host is told besides (ServiceConfiguration.hosted).
            "spring.main.register-shutdown-hook", "spring.main.banner-mode", "management.metrics.use-global-registry",
            // Boot's OTLP span export (spring-boot-starter-opentelemetry): compose sends spans to its collector.
            "management.opentelemetry.tracing.export.otlp.endpoint",
            // Traces (decision 0024): how many, and the trace store a deployment names.
            "management.tracing.sampling.probability", "management.tracing.export.zipkin.enabled",
            "management.tracing.export.zipkin.endpoint");

    /** Every service's image, built with the repository root as its context. */
    static final String DOCKERFILE = "deploy/Dockerfile";
    private static final Pattern DEFAULT_PORT = Pattern.compile("(?m)^ARG\\s+PORT=(\\d+)");

    private Deployments() {
    }

    /** The service's Maven module, e.g. {@code services/membership}. */
    static String module(PlatformService service) {
        return service.jar().substring(0, service.jar().indexOf("/target/"));
    }

    /** The jar's file name, e.g. {@code membership-service.jar}. */
    static String jarName(PlatformService service) {
        return service.jar().substring(service.jar().lastIndexOf('/') + 1);
    }

    /** The one Dockerfile of every service's image: the jar and the port are its build arguments. */
    static String dockerfile() {
        return read(ROOT.resolve(DOCKERFILE));
    }

    /** The build arguments compose gives the service's image: the same for every instance of it. */
    @SuppressWarnings("unchecked")
    static Map<String, String> buildArguments(PlatformService service) {
        Map<String, Object> compose = (Map<String, Object>) yamlDocuments(ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<String, Object> instance = services.get(service.perDistrict() ? service.in("xiangcheng").name() : service.id());
        assertThat(instance).as("compose's %s", service.id()).isNotNull();
        Map<String, Object> build = (Map<String, Object>) instance.get("build");
        assertThat(build).as("compose's %s builds its image", service.id()).containsEntry("context", ".")
                .containsEntry("dockerfile", DOCKERFILE);
        Map<String, String> arguments = new java.util.LinkedHashMap<>();
        ((Map<?, ?>) build.getOrDefault("args", Map.of())).forEach((k, v) -> arguments.put(String.valueOf(k),
                String.valueOf(v)));
        return arguments;
    }

    /** The port the service's image listens on inside its container: its PORT build argument, else the default. */
    static int imagePort(PlatformService service) {
        Matcher m = DEFAULT_PORT.matcher(dockerfile());
        assertThat(m.find()).as("ARG PORT=<default> in %s", DOCKERFILE).isTrue();
        return Integer.parseInt(buildArguments(service).getOrDefault("PORT", m.group(1)));
    }

    /** The service's own application.yml (or .yaml), every document flattened to dotted keys → values. */
    static Map<String, Object> ownConfiguration(PlatformService service) {
        Path resources = ROOT.resolve(module(service)).resolve("src/main/resources");
        Path yml = Files.isRegularFile(resources.resolve("application.yml")) ? resources.resolve("application.yml")
                : resources.resolve("application.yaml");
        if (!Files.isRegularFile(yml)) {
            fail("%s has no application.yml: the module must exist for the deployments to be checked against it",
                    module(service));
        }
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        for (Object document : yamlDocuments(yml)) {
            if (document instanceof Map<?, ?> map) {
                flatten("", map, flat);
            }
        }
        return flat;
    }

    /** The properties a service reads: its application.yml's keys and the standard ones. */
    static Set<String> properties(PlatformService service) {
        Set<String> known = new TreeSet<>(STANDARD_PROPERTIES);
        known.addAll(ownConfiguration(service).keySet());
        if (service == PlatformService.GATEWAY) {
            // No default in its application.yml: the gateway routes to the dashboard only where one is named.
            known.add("zz.gateway.dashboard");
        }
        return known;
    }

    /** Whether an environment variable sets one of these properties (Spring's relaxed binding). */
    static boolean readBy(String variable, Set<String> properties) {
        return properties.stream().anyMatch(p -> bindsTo(variable, p));
    }

    /** Spring's environment mapping: dots become underscores, dashes are dropped or become underscores. */
    static boolean bindsTo(String variable, String property) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        return variable.equals(upper.replace("-", "")) || variable.equals(upper.replace('-', '_'));
    }

    static List<Object> yamlDocuments(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Object> documents = new ArrayList<>();
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r).forEach(documents::add);
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, Object> into) {
        map.forEach((k, v) -> {
            String key = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
            into.put(key, v);
            if (v instanceof Map<?, ?> child) {
                flatten(key, child, into);
            }
        });
    }
}
