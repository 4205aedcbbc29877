package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.embedded.ProcessJar;
import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;
import cn.zhangzhou.partybuilding.local.host.HostedJar;
import cn.zhangzhou.partybuilding.local.host.HostedService;
import cn.zhangzhou.partybuilding.local.host.ServiceHost;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;
import cn.zhangzhou.partybuilding.platform.RepositoryRoot;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.support.testing.TestTokens;
import cn.zhangzhou.partybuilding.testing.Api;

/**
 * The membership and wishes services of one district, started from their built jars with the configuration the
 * launcher gives them ({@link ServiceConfiguration}) on the test infrastructure, trusting the test key: either in JVMs
 * of their own (as compose and Kubernetes run them) or as contexts of a {@link ServiceHost} in this JVM (as the local
 * platform does). Nothing else differs.
 */
final class DistrictServices implements AutoCloseable {

    static final Path ROOT = RepositoryRoot.require(Path.of("").toAbsolutePath());
    static final Duration START = Duration.ofMinutes(4);

    final String district;
    final Map<PlatformService, Api> apis;
    /** Each service's base URL, {@code http://localhost:<port>}. */
    final Map<PlatformService, String> urls;
    final Map<PlatformService, String> databases;
    final Map<PlatformService, Path> logs;
    private final List<AutoCloseable> running;

    private DistrictServices(String district, Map<PlatformService, Api> apis, Map<PlatformService, String> urls,
                             Map<PlatformService, String> databases, Map<PlatformService, Path> logs,
                             List<AutoCloseable> running) {
        this.district = district;
        this.apis = apis;
        this.urls = urls;
        this.databases = databases;
        this.logs = logs;
        this.running = running;
    }

    /**
     * Each service in its own JVM, from its jar ({@code java -jar}, extracted, with class data sharing:
     * {@link ProcessJar}), configured by environment variables.
     */
    static DistrictServices inOwnJvms(String district, Path dir) {
        return inOwnJvms(district, dir, Map.of());
    }

    /** As {@link #inOwnJvms(String, Path)}, with {@code more} properties for every service. */
    static DistrictServices inOwnJvms(String district, Path dir, Map<String, String> more) {
        Started started = new Started(district, dir, more);
        List<ServiceProcess> processes = new ArrayList<>();
        for (PlatformService s : PlatformService.districtServices()) {
            Instance i = s.in(district);
            Map<String, String> configuration = started.configuration(i);
            processes.add(ServiceProcess.start(i.name(), ProcessJar.besideJar(ROOT.resolve(s.jar())), ROOT,
                    Integer.parseInt(configuration.get("server.port")), ServiceConfiguration.environment(configuration),
                    List.of("-XX:TieredStopAtLevel=1"), started.logs.get(s)));
        }
        started.running.addAll(processes);
        Instant deadline = Instant.now().plus(START);
        processes.forEach(p -> p.awaitReady(deadline));
        return started.services();
    }

    /**
     * Every service as a context of one {@link ServiceHost} in this JVM, configured by its command line. Once per JVM:
     * Tomcat sets the JVM's one URL stream handler factory.
     */
    static DistrictServices inHost(String district, Path dir) {
        Started started = new Started(district, dir, Map.of());
        Map<PlatformService, HostedJar> jars = new LinkedHashMap<>();
        for (PlatformService s : PlatformService.districtServices()) {
            jars.put(s, HostedJar.unpack(ROOT.resolve(s.jar()), dir.resolve("host")));
        }
        ServiceHost host = ServiceHost.create(jars.values(), dir.resolve("host"), dir.resolve("logs"));
        started.running.add(host);
        Instant deadline = Instant.now().plus(START);
        for (PlatformService s : PlatformService.districtServices()) {
            Instance i = s.in(district);
            HostedService service = host.start(i.name(), jars.get(s),
                    ServiceConfiguration.hosted(started.configuration(i)));
            // Closed before the host: most recent first.
            started.running.add(0, service);
            service.awaitReady(deadline);
        }
        return started.services();
    }

    /**
     * The launcher's configuration of the instance, on a free port, a fresh database of the test infrastructure, the
     * broker {@code kafka} and the test key in {@code keyFile}.
     */
    static Map<String, String> configuration(Instance i, String kafka, Path keyFile, List<String> districts) {
        String database = TestInfrastructure.newDatabase(i.database().orElseThrow());
        Map<String, String> c = new LinkedHashMap<>(ServiceConfiguration.of(i, database, kafka,
                new DemoSecrets(keyFile.getParent()), districts, ConnectionBudget.POOL_CAP));
        c.put("server.port", String.valueOf(FreePorts.find()));
        c.put("spring.datasource.username", TestInfrastructure.postgresUser());
        c.put("spring.datasource.password", TestInfrastructure.postgresPassword());
        c.remove("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
        c.put("spring.security.oauth2.resourceserver.jwt.public-key-location", "file:" + keyFile);
        return c;
    }

    @Override
    public void close() throws Exception {
        // Every service JVM asked first, so that their shutdowns (and a class archive written at an exit) overlap.
        running.stream().filter(ServiceProcess.class::isInstance).map(ServiceProcess.class::cast)
                .forEach(ServiceProcess::requestStop);
        for (AutoCloseable r : running) {
            r.close();
        }
    }

    /** What both ways share: ports, databases, the test key, log files. */
    private static final class Started {
        final String district;
        final Path keyFile;
        final Map<String, String> more;
        final Map<PlatformService, Api> apis = new LinkedHashMap<>();
        final Map<PlatformService, String> urls = new LinkedHashMap<>();
        final Map<PlatformService, String> databases = new LinkedHashMap<>();
        final Map<PlatformService, Path> logs = new LinkedHashMap<>();
        final List<AutoCloseable> running = new ArrayList<>();

        Started(String district, Path dir, Map<String, String> more) {
            this.district = district;
            this.more = more;
            try {
                keyFile = Files.writeString(Files.createDirectories(dir).resolve("jwt-public.pem"),
                        TestTokens.publicKeyPem());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (PlatformService s : PlatformService.districtServices()) {
                logs.put(s, dir.resolve("logs").resolve(s.in(district).name() + ".log"));
            }
        }

        Map<String, String> configuration(Instance i) {
            Map<String, String> c = DistrictServices.configuration(i, TestInfrastructure.kafkaBootstrapServers(),
                    keyFile, List.of(district));
            c.putAll(more);
            urls.put(i.service(), "http://localhost:" + c.get("server.port"));
            apis.put(i.service(), new Api(urls.get(i.service())));
            databases.put(i.service(), c.get("spring.datasource.url"));
            return c;
        }

        DistrictServices services() {
            return new DistrictServices(district, apis, urls, databases, logs, running);
        }
    }
}
