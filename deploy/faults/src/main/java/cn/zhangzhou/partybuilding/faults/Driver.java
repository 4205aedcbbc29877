package cn.zhangzhou.partybuilding.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import cn.zhangzhou.partybuilding.faults.History.Command;
import cn.zhangzhou.partybuilding.faults.History.Kind;
import cn.zhangzhou.partybuilding.platform.PlatformService;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceClient.Response;

/**
 * A steady mix of commands on every district, as district systems send them: register a member, post a wish for
 * the district's community, publish it. Every command carries an Idempotency-Key; a command without an answer (the
 * connection refused or cut, a 5xx, a 409 "still in progress") is sent again with the same key until it is answered,
 * and its outcome goes into the {@link History}.
 */
final class Driver {

    /** A command still unanswered after this long is recorded as unknown (the checker reports it). */
    static final Duration ANSWER_DEADLINE = Duration.ofMinutes(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

    private final Platform platform;
    private final List<String> districts;
    private final Map<String, UUID> communities = new LinkedHashMap<>();
    private final History history = new History();
    private final String run = Platform.runId();
    private final AtomicBoolean driving = new AtomicBoolean();
    private final AtomicLong retries = new AtomicLong();
    private final List<Thread> clients = new ArrayList<>();
    private final Map<String, ServiceClient> apis = new ConcurrentHashMap<>();

    Driver(Platform platform, List<String> districts) {
        this.platform = platform;
        this.districts = districts;
    }

    History history() {
        return history;
    }

    String run() {
        return run;
    }

    long retries() {
        return retries.get();
    }

    /** Each district's organisation tree (committee, street, community), through membership's API. */
    void createTrees() {
        for (String district : districts) {
            ServiceClient membership = client(PlatformService.MEMBERSHIP, district);
            UUID root = organisation(membership, "DC", "区委 " + run, "DISTRICT_COMMITTEE", null);
            UUID street = organisation(membership, "ST", "故障街道 " + run, "STREET_COMMITTEE", root);
            communities.put(district, organisation(membership, "CM", "故障社区 " + run, "COMMUNITY", street));
        }
    }

    UUID community(String district) {
        return communities.get(district);
    }

    private UUID organisation(ServiceClient membership, String code, String name, String type, UUID parent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code + "-" + run);
        body.put("name", name);
        body.put("type", type);
        body.put("parentId", parent);
        return UUID.fromString(membership.post("/organisations", body, run + "-" + code)
                .requireSuccess("creating " + type).text("id"));
    }

    /** Starts {@code count} clients, each driving commands round the districts until {@link #stop()}. */
    void start(int count) {
        driving.set(true);
        for (int c = 0; c < count; c++) {
            int client = c;
            Thread thread = new Thread(() -> drive(client), "client-" + c);
            thread.start();
            clients.add(thread);
        }
    }

    void stop() throws InterruptedException {
        driving.set(false);
        for (Thread client : clients) {
            client.join(TimeUnit.MINUTES.toMillis(6));
        }
    }

    private void drive(int client) {
        for (long i = 0; driving.get(); i++) {
            String district = districts.get((int) ((client + i) % districts.size()));
            String key = run + "-" + client + "-" + i;
            Command registered = send(Kind.REGISTER_MEMBER, district, "/members", member(key, district, community(district)), key);
            if (platform.runs(PlatformService.WISHES, district)) {
                Command posted = send(Kind.POST_WISH, district, "/wishes", wish(key, community(district)), key + "-wish");
                if (posted.acknowledged()) {
                    send(Kind.PUBLISH_WISH, district, "/wishes/" + posted.id() + "/publish",
                            Map.of("version", posted.version()), key + "-publish");
                }
            }
            if (!registered.acknowledged() && !registered.unknown()) {
                // A refused registration is the system's answer, not a fault: pace this client a little.
                LockSupport.parkNanos(RETRY_PAUSE.toNanos());
            }
        }
    }

    private Command send(Kind kind, String district, String path, Object body, String key) {
        ServiceClient api = client(kind == Kind.REGISTER_MEMBER ? PlatformService.MEMBERSHIP : PlatformService.WISHES,
                district);
        long deadline = System.nanoTime() + ANSWER_DEADLINE.toNanos();
        long firstBlocked = 0;
        for (int attempt = 1; ; attempt++) {
            Response answer = null;
            try {
                answer = api.post(path, body, key);
            } catch (RuntimeException connectionRefusedOrCut) {
                // The service is down or restarting: the same key again, as a district system would.
            }
            long now = System.nanoTime();
            long blocked = firstBlocked == 0 ? 0 : (now - firstBlocked) / 1_000_000;
            if (answer != null && answer.status() < 500 && !inProgress(answer)) {
                Command command = new Command(kind, district, key, answer.status(), answer.text("id"),
                        answer.body() == null ? 0 : answer.body().path("version").asLong(), attempt, blocked);
                history.add(command);
                return command;
            }
            if (answer != null && inProgress(answer) && firstBlocked == 0) {
                firstBlocked = now;
            }
            if (now > deadline) {
                Command unknown = new Command(kind, district, key, 0, null, 0, attempt, blocked);
                history.add(unknown);
                return unknown;
            }
            retries.incrementAndGet();
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
    }

    /** 409 from the Idempotency-Key filter: the first request with this key still runs (decision 0018). */
    private static boolean inProgress(Response answer) {
        return answer.status() == 409 && answer.problem().contains("in progress");
    }

    private ServiceClient client(PlatformService kind, String district) {
        return apis.computeIfAbsent(kind.in(district).name(), name -> {
            String token = platform.adminToken(district);
            return new ServiceClient(platform.service(kind, district).baseUrl(), () -> token);
        });
    }

    static Map<String, Object> member(String key, String district, UUID community) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "故障 " + key);
        body.put("phone", "+86 596 1234567");
        body.put("address", "故障社区 " + key);
        body.put("homeOrganisationId", community);
        body.put("residenceDistrict", district);
        body.put("residenceCommunityId", community);
        body.put("category", "IN_SERVICE");
        body.put("specialties", List.of("志愿服务"));
        body.put("communityWorker", false);
        return body;
    }

    static Map<String, Object> wish(String key, UUID community) {
        return Map.of("communityId", community, "category", "DAILY_NECESSITIES",
                "description", "故障微心愿 " + key, "estimatedValueYuan", 100,
                "beneficiary", Map.of("name", "王秀兰", "phone", "+86 596 7654321", "address", "故障社区 " + key));
    }
}
