package cn.zhangzhou.partybuilding.local;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServiceBehaviour} of changtai's services, hosted in this JVM as the local platform hosts them. */
class ServiceBehaviourInHostTest extends ServiceBehaviour {

    @TempDir
    static Path dir;
    private static DistrictServices services;

    @BeforeAll
    static void start() {
        services = DistrictServices.inHost("changtai", dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @Override
    DistrictServices services() {
        return services;
    }
}
