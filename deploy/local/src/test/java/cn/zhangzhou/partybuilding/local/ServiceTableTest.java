package cn.zhangzhou.partybuilding.local;

import static cn.zhangzhou.partybuilding.platform.PlatformService.WISHES;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;

/**
 * The table of services ({@link PlatformService}) against each service's own configuration and what the launcher
 * gives each instance; compose and the Kubernetes manifests are held to it by {@link ComposeFileTest} and
 * {@link KubernetesManifestsTest}.
 */
class ServiceTableTest {

    @TempDir
    Path dir;

    @Test
    void eachServicesOwnDefaultPortIsItsXiangchengPortInTheTable() {
        for (PlatformService service : PlatformService.values()) {
            Map<String, Object> own = Deployments.ownConfiguration(service);
            Instance instance = service.perDistrict() ? service.in("xiangcheng") : service.instance();
            if (service.perDistrict()) {
                // The port below is the one of this district.
                assertThat(own.get("zz.district")).as(service.id()).isEqualTo("xiangcheng");
            }
            assertThat(own.get("server.port")).as("server.port of %s", Deployments.module(service))
                    .isEqualTo(instance.port());
        }
    }

    @Test
    void theGatewaysOwnConfigurationCarriesNoRoutesOnlyItsDeploymentsDo() {
        // The launcher computes the local routes from the table; compose and Kubernetes give theirs (checked there).
        assertThat(Deployments.ownConfiguration(PlatformService.GATEWAY).keySet())
                .noneMatch(key -> key.startsWith("zz.gateway.districts"));
    }

    @Test
    void everyVariableTheLauncherGivesAnInstanceIsAPropertyItsServiceReads() {
        DemoSecrets secrets = new DemoSecrets(dir);
        for (Instance instance : PlatformService.instances(Districts.IDS)) {
            Set<String> known = Deployments.properties(instance.service());
            // The replay clock is a property of its own (read by a @ConditionalOnProperty, not application.yml).
            known.add("zz.wishes.replay-clock");
            Map<String, String> configuration = configuration(instance, "jdbc:postgresql://localhost/db", secrets,
                    Districts.IDS);
            Map<String, String> env = ServiceConfiguration.environment(configuration);
            for (String variable : env.keySet()) {
                assertThat(variable.startsWith("ZZ_GATEWAY_DISTRICTS_") || Deployments.readBy(variable, known))
                        .as("%s: %s", instance.name(), variable).isTrue();
            }
            assertThat(env).as(instance.name()).containsEntry("SERVER_PORT", String.valueOf(instance.port()));
            // In the host the same configuration is the command line, with what sharing a JVM adds.
            for (String property : ServiceConfiguration.hosted(configuration).keySet()) {
                assertThat(property.startsWith("zz.gateway.districts.") || known.contains(property))
                        .as("%s: %s", instance.name(), property).isTrue();
            }
        }
        assertThat(ServiceConfiguration.environment(configuration(WISHES.in("zhangpu"),
                "jdbc:postgresql://localhost/wishes_zhangpu", secrets, List.of("zhangpu"))))
                .containsEntry("ZZ_WISHES_REPLAY_CLOCK", "true").containsEntry("SERVER_PORT", "8185");
        assertThat(ServiceConfiguration.environment(configuration(WISHES.in("xiangcheng"),
                "jdbc:postgresql://localhost/wishes_xiangcheng", secrets, List.of("xiangcheng"))))
                .doesNotContainKey("ZZ_WISHES_REPLAY_CLOCK");
        String clock = Deployments.read(Deployments.ROOT.resolve(
                "services/wishes/src/main/java/cn/zhangzhou/partybuilding/wishes/replay/ReplayClockController.java"));
        assertThat(clock).contains("@ConditionalOnProperty(name = \"zz.wishes.replay-clock\", havingValue = \"true\")");
    }

    private static Map<String, String> configuration(Instance instance, String jdbcUrl, DemoSecrets secrets,
                                                     List<String> districts) {
        return ServiceConfiguration.of(instance, jdbcUrl, "localhost:9092", secrets, districts, ConnectionBudget.POOL_CAP);
    }
}
