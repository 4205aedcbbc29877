package cn.zhangzhou.partybuilding.local;

import java.nio.file.Path;

/** {@link ServiceBehaviour} of longhai's services, each in its own JVM: the reference. */
class ServiceBehaviourInOwnJvmsTest extends ServiceBehaviour {

    @Override
    DistrictServices start(Path dir) {
        return DistrictServices.inOwnJvms("longhai", dir);
    }
}
