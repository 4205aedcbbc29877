package cn.zhangzhou.partybuilding.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.Topics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The federation's Kafka principals and what each may do: the one set of ACLs that the tests grant and
 * docs/federation.md shows. One principal per district (named as the district, as its KafkaUser in deploy/kubernetes) for all its services, one for the
 * dashboard and one for identity (the city's consumers).
 * <ul>
 *   <li>A district writes, creates, reads and describes (with their configuration) only its own topics ({@code
 *       <district>.} prefixed: its events topics and their dead-letter topics), and reads of the other districts
 *       exactly what its listeners consume: every district's membership events (the membership directory of
 *       wishes, volunteering and evaluation; membership's transfers and dual reporting) and volunteering events
 *       (membership: a member's hours served elsewhere). Its
 *       consumer groups are {@code <service>-<district>} and evaluation's {@code evaluation-<district>-outcomes}
 *       (prefixed {@code <service>-<district>}).</li>
 *   <li>The dashboard reads every district's events topics, in its group {@code dashboard}; identity reads every
 *       district's membership events, in its group {@code identity}.</li>
 *   <li>A consumer dead-letters a poison record into {@code <topic>-dlt} of the topic it read (decision 0005), so it
 *       also writes (and reads) the dead-letter topics of the topics it reads; never their events topics.</li>
 * </ul>
 */
public final class Federation {

    public static final String DASHBOARD = "dashboard";
    public static final String IDENTITY = "identity";

    /** The services whose events every district's services read from the other districts. */
    static final List<String> READ_FROM_EVERY_DISTRICT = List.of("membership", "volunteering");

    private Federation() {
    }

    /** The Kafka principal (SCRAM user name) of a district's services. */
    public static String principal(String district) {
        return Districts.require(district);
    }

    /** Every principal of these districts, the dashboard and identity, with its ACLs. */
    public static Map<String, List<AclBinding>> acls(List<String> districts) {
        Map<String, List<AclBinding>> acls = new LinkedHashMap<>();
        districts.forEach(d -> acls.put(principal(d), district(d)));
        acls.put(DASHBOARD, dashboard());
        acls.put(IDENTITY, identity());
        return acls;
    }

    /** A district's ACLs. */
    public static List<AclBinding> district(String district) {
        String user = principal(district);
        List<AclBinding> acls = new ArrayList<>();
        ResourcePattern own = new ResourcePattern(ResourceType.TOPIC, district + ".", PatternType.PREFIXED);
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS)) {
            acls.add(allow(user, own, operation));
        }
        for (String other : Districts.IDS) {
            if (!other.equals(district)) {
                READ_FROM_EVERY_DISTRICT.forEach(s -> acls.addAll(reads(user, Topics.events(other, s))));
            }
        }
        for (PlatformService service : PlatformService.districtServices()) {
            acls.add(allow(user, new ResourcePattern(ResourceType.GROUP, service.id() + "-" + district,
                    PatternType.PREFIXED), AclOperation.READ));
        }
        return acls;
    }

    /** The dashboard's ACLs: every district's events. */
    public static List<AclBinding> dashboard() {
        List<AclBinding> acls = new ArrayList<>();
        for (String district : Districts.IDS) {
            PlatformService.districtServices().forEach(s -> acls.addAll(reads(DASHBOARD, Topics.events(district,
                    s.id()))));
        }
        acls.add(group(DASHBOARD));
        return acls;
    }

    /** Identity's ACLs: every district's membership events (which district holds a member, decision 0016). */
    public static List<AclBinding> identity() {
        List<AclBinding> acls = new ArrayList<>();
        Districts.IDS.forEach(d -> acls.addAll(reads(IDENTITY, Topics.events(d, "membership"))));
        acls.add(group(IDENTITY));
        return acls;
    }

    /**
     * Reads the topic and its dead-letter topic (the prefix {@code <topic>} covers both), and dead-letters a record of
     * it: the same rule as the KafkaUsers of deploy/kubernetes.
     */
    private static List<AclBinding> reads(String user, String topic) {
        ResourcePattern both = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.PREFIXED);
        return List.of(allow(user, both, AclOperation.READ), allow(user, both, AclOperation.DESCRIBE),
                allow(user, literal(ResourceType.TOPIC, Topics.deadLetter(topic)), AclOperation.WRITE));
    }

    private static AclBinding group(String user) {
        return allow(user, literal(ResourceType.GROUP, user), AclOperation.READ);
    }

    private static ResourcePattern literal(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.LITERAL);
    }

    private static AclBinding allow(String user, ResourcePattern resource, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry("User:" + user, "*", operation,
                AclPermissionType.ALLOW));
    }
}
