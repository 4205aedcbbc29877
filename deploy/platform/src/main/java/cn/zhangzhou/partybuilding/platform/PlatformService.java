package cn.zhangzhou.partybuilding.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import cn.zhangzhou.partybuilding.events.Districts;

/**
 * The table of the platform's services, one row each, in start order (decision 0014). The local launcher starts
 * what it says, the gateway's local routes are computed from it, and deploy/local's tests hold docker-compose.yml,
 * the Kubernetes manifests and each service's own {@code server.port} to it.
 * <p>
 * A city service runs once, on its port. A district service runs once per district, on its base port plus the
 * district's index in {@link Districts#IDS}: membership 8081 xiangcheng, 8082 longwen, 8085 zhangpu … 8091 huaan;
 * wishes 8181 … 8191; volunteering 8281 … 8291; evaluation 8381 … 8391. Ports are those on the host (the local platform, compose's published
 * ports); in a container every service listens on its image's port.
 */
public enum PlatformService {

    /** The OpenID Connect issuer of every district; first, because every other service needs its keys. */
    IDENTITY(9000, false, "services/identity/target/identity-service.jar", true, false),
    MEMBERSHIP(8081, true, "services/membership/target/membership-service.jar", true, true),
    /** After membership: it learns its district from membership's events. */
    WISHES(8181, true, "services/wishes/target/wishes-service.jar", true, true),
    /** After membership: it learns its district's members from membership's events (decision 0015). */
    VOLUNTEERING(8281, true, "services/volunteering/target/volunteering-service.jar", true, true),
    /** After membership, wishes and volunteering: it scores from their verified outcomes (decision 0021). */
    EVALUATION(8381, true, "services/evaluation/target/evaluation-service.jar", true, true),
    /** The city's view of every district's events (decision 0023); one for the city, like identity. */
    DASHBOARD(8480, false, "services/dashboard/target/dashboard-service.jar", true, true),
    /** Last: it routes to all the others. */
    GATEWAY(8080, false, "gateway/target/gateway.jar", false, false);

    private final int port;
    private final boolean perDistrict;
    private final String jar;
    private final boolean ownsDatabase;
    private final boolean hostedLocally;

    PlatformService(int port, boolean perDistrict, String jar, boolean ownsDatabase, boolean hostedLocally) {
        this.port = port;
        this.perDistrict = perDistrict;
        this.jar = jar;
        this.ownsDatabase = ownsDatabase;
        this.hostedLocally = hostedLocally;
    }

    /** The service's id: in names, topics ({@code <district>.<id>.events}), routes and {@code ZZ_SERVICE}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean perDistrict() {
        return perDistrict;
    }

    /**
     * Whether the local platform runs it in the launcher's JVM, one Spring context per instance (decision 0019): every
     * district service and the dashboard (built as they are) do; identity and the gateway, whose libraries differ from
     * the domain services', run in JVMs of their own. Compose and Kubernetes run every instance in its own process.
     */
    public boolean hostedLocally() {
        return hostedLocally;
    }

    /** The executable jar, relative to the repository root. */
    public String jar() {
        return jar;
    }

    /** The city service's only instance. */
    public Instance instance() {
        if (perDistrict) {
            throw new IllegalArgumentException(id() + " runs per district: name the district");
        }
        return new Instance(this, null);
    }

    /** The district service's instance of one district. */
    public Instance in(String district) {
        if (!perDistrict) {
            throw new IllegalArgumentException(id() + " is a city service, not one per district");
        }
        return new Instance(this, Districts.require(district));
    }

    /** Every instance for these districts, in start order (the districts in {@link Districts#IDS} order). */
    public static List<Instance> instances(List<String> districts) {
        List<Instance> instances = new ArrayList<>();
        for (PlatformService service : values()) {
            if (service.perDistrict) {
                Districts.IDS.stream().filter(districts::contains).forEach(d -> instances.add(service.in(d)));
            } else {
                instances.add(service.instance());
            }
        }
        return instances;
    }

    public static List<PlatformService> districtServices() {
        return List.of(values()).stream().filter(PlatformService::perDistrict).toList();
    }

    /** One running copy of a service: the city's, or a district's ({@code district} null for a city service). */
    public record Instance(PlatformService service, String district) {

        /** {@code identity}, {@code membership-xiangcheng}: process, log and compose service names. */
        public String name() {
            return district == null ? service.id() : service.id() + "-" + district;
        }

        public int port() {
            return district == null ? service.port : service.port + Districts.IDS.indexOf(district);
        }

        /** Its own database ({@code identity}, {@code membership_xiangcheng}), if it has one. */
        public Optional<String> database() {
            if (!service.ownsDatabase) {
                return Optional.empty();
            }
            return Optional.of(district == null ? service.id() : service.id() + "_" + district);
        }

        /** Where it answers on this machine. */
        public String localUrl() {
            return "http://localhost:" + port();
        }
    }
}
