package cn.zhangzhou.partybuilding.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;

/**
 * What the local platform tells each instance: Spring properties, the same whether the instance runs in its own JVM
 * (as environment variables, {@link #environment}) or in the host (as its command line, {@link #hosted}).
 */
final class ServiceConfiguration {

    /** Tomcat's threads: the demo load and a developer's clicks, not production's 200. */
    static final int TOMCAT_THREADS = 20;

    private ServiceConfiguration() {
    }

    /**
     * An instance's configuration: its port, district, database (with a pool of {@code pool} connections,
     * {@link ConnectionBudget}) and the broker; identity's JWKS to verify tokens with (every service but identity
     * itself); identity's issuer and generated secrets; the gateway's routes to the dashboard and to every district
     * service of the table in {@code districts}; the wishes service's dev-only replay clock (decision 0010) where its demo data replays a past
     * year.
     *
     * @param jdbcUrl its database, null if it has none
     */
    static Map<String, String> of(Instance instance, String jdbcUrl, String kafka, DemoSecrets secrets,
                                  List<String> districts, int pool) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", String.valueOf(instance.port()));
        // Every request traced locally (production's default is 0.1); spans go nowhere unless the developer names a
        // trace store (docs/operations.md, "Traces").
        p.put("management.tracing.sampling.probability", "1.0");
        if (instance.district() != null) {
            p.put("zz.district", instance.district());
            p.put("zz.service", instance.service().id());
            p.put("spring.kafka.bootstrap-servers", kafka);
            // Kafka names its clients' metrics and MBeans by client id: unique per instance, also in one JVM.
            p.put("spring.kafka.client-id", instance.name());
        }
        if (jdbcUrl != null) {
            p.put("spring.datasource.url", jdbcUrl);
            p.put("spring.datasource.username", PostgresServer.USER);
            p.put("spring.datasource.password", "");
            p.put("spring.datasource.hikari.maximum-pool-size", String.valueOf(pool));
            // Connections are opened when needed and closed when idle: PostgreSQL holds a process for each.
            p.put("spring.datasource.hikari.minimum-idle", "1");
            p.put("spring.datasource.hikari.pool-name", instance.name());
        }
        if (instance.service() != PlatformService.GATEWAY) {
            p.put("server.tomcat.threads.max", String.valueOf(TOMCAT_THREADS));
            p.put("server.tomcat.threads.min-spare", "2");
        }
        switch (instance.service()) {
            case IDENTITY -> {
                // Every district's membership events: which district holds each member (decision 0016).
                p.put("spring.kafka.bootstrap-servers", kafka);
                p.put("zz.identity.issuer", Platform.IDENTITY_URL);
                p.put("zz.identity.bootstrap.admin-username", DemoSecrets.ADMIN_USERNAME);
                p.put("zz.identity.bootstrap.admin-password", secrets.adminPassword());
                p.put("zz.identity.keys.encryption-secret", secrets.keysEncryptionSecret());
                // The longest identity allows (services check no revocation): a token from the `token` command lasts
                // a walk-through. Local demo only; identity's default is 15 minutes.
                p.put("zz.identity.access-token-ttl", "PT1H");
                // The dashboard's page signs in from where it is served (redirect = the page's own address): the
                // dashboard itself and the gateway's /dashboard/; the page's development server (Vite) too.
                p.put("zz.identity.browser-client.redirect-uris", String.join(",",
                        PlatformService.DASHBOARD.instance().localUrl() + "/", Platform.GATEWAY_URL + "/dashboard/",
                        "http://localhost:5173/callback"));
            }
            case GATEWAY -> {
                p.put("zz.gateway.dashboard", PlatformService.DASHBOARD.instance().localUrl());
                for (String d : districts) {
                    for (PlatformService s : PlatformService.districtServices()) {
                        p.put("zz.gateway.districts." + d + "." + s.id(), s.in(d).localUrl());
                    }
                }
            }
            case WISHES -> {
                if (Platform.replays(instance.district())) {
                    p.put("zz.wishes.replay-clock", "true");
                }
            }
            // Every district's events (decision 0023); a client id of its own beside the services in the host.
            case DASHBOARD -> {
                p.put("spring.kafka.bootstrap-servers", kafka);
                p.put("spring.kafka.client-id", instance.name());
                p.put("zz.dashboard.sign-in.issuer", Platform.IDENTITY_URL);
            }
            // Not the development default of its application.yml: the codes' key is the deployment's secret.
            case VOLUNTEERING -> p.put("zz.volunteering.check-in.secret", secrets.checkInSecret());
            default -> {
            }
        }
        if (p.containsKey("spring.kafka.bootstrap-servers")) {
            // The demo data reaches every consumer group of the machine as a trickle of single events: a fetch waits
            // for 64 KiB or its 500 ms long poll, so each group takes them in batches (decision 0036). Production
            // keeps Kafka's own fetches: an event at once.
            p.put("spring.kafka.consumer.fetch-min-size", "64KB");
            p.put("spring.kafka.consumer.fetch-max-wait", "500ms");
        }
        if (instance.service() != PlatformService.IDENTITY) {
            // Tokens are verified with identity's published keys (by kid, refetched when a key rotates).
            p.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", Platform.JWKS_URL);
        }
        return p;
    }

    /**
     * For a service in the host: its configuration, plus what only sharing a JVM asks for. The host closes the
     * contexts itself, in order, and writes the logs; no banner on the launcher's terminal; meters stay in the
     * service's own registry (Micrometer's global one would collect every hosted service's).
     */
    static Map<String, String> hosted(Map<String, String> configuration) {
        Map<String, String> p = new LinkedHashMap<>(configuration);
        p.put("spring.main.register-shutdown-hook", "false");
        p.put("spring.main.banner-mode", "off");
        p.put("management.metrics.use-global-registry", "false");
        return p;
    }

    /** For a service in its own JVM: the properties as environment variables (Spring's relaxed binding). */
    static Map<String, String> environment(Map<String, String> configuration) {
        Map<String, String> env = new LinkedHashMap<>();
        configuration.forEach((property, value) -> env.put(
                property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }
}
