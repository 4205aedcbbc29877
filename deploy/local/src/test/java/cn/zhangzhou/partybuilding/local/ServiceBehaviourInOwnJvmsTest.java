package cn.zhangzhou.partybuilding.local;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServiceBehaviour} of longhai's services, each in its own JVM: the reference. */
class ServiceBehaviourInOwnJvmsTest extends ServiceBehaviour {

    @TempDir
    static Path dir;
    private static DistrictServices services;

    @BeforeAll
    static void start() {
        services = DistrictServices.inOwnJvms("longhai", dir);
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
