package cn.zhangzhou.partybuilding.local;

import java.nio.file.Path;

/** {@link ServiceBehaviour} of changtai's services, hosted in this JVM as the local platform hosts them. */
class ServiceBehaviourInHostTest extends ServiceBehaviour {

    @Override
    DistrictServices start(Path dir) {
        return DistrictServices.inHost("changtai", dir);
    }
}
