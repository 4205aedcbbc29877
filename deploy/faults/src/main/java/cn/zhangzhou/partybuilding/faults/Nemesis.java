package cn.zhangzhou.partybuilding.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import cn.zhangzhou.partybuilding.platform.PlatformService;

/**
 * The faults, injected one after another while the driver runs, {@code rounds} times each. After each, the time
 * until the platform is less than a second behind again ({@link Lag}) is measured before the next one.
 */
final class Nemesis {

    enum Fault {
        /** SIGKILL of the broker; restarted on the same ports and data after a few seconds. */
        BROKER_KILL,
        /** PostgreSQL stopped (odd rounds: SIGKILL of every process, a crash; even rounds: fast shutdown), restarted. */
        POSTGRES_RESTART,
        /** SIGKILL of a district's wishes service, consuming membership events, mid-stream; restarted. */
        CONSUMER_KILL,
        /** SIGKILL of a district's membership service while its relay publishes the driver's stream; restarted. */
        RELAY_KILL,
        /** A second membership instance of a district (same database, same consumer groups) started, then stopped. */
        CONSUMERS_ADDED_REMOVED,
        /** Latency on every connection to Kafka and PostgreSQL (odd rounds 100 ms, even 400 ms a chunk), for 5 s. */
        LATENCY,
        /** Every connection between the services and Kafka or PostgreSQL reset. */
        CONNECTION_RESET
    }

    /** One injection: what was done, how long the fault lasted, and how long until under a second behind (null: not within the limit). */
    record Injection(Fault fault, int round, String detail, Duration lasted, Duration recovery) {
    }

    static final Duration DOWN = Duration.ofSeconds(3);
    static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);

    private final Platform platform;
    private final List<String> districts;
    private final Lag lag;
    private final PrintStream out;
    private final List<Injection> injections = new ArrayList<>();

    Nemesis(Platform platform, List<String> districts, Lag lag, PrintStream out) {
        this.platform = platform;
        this.districts = districts;
        this.lag = lag;
        this.out = out;
    }

    List<Injection> run(int rounds) {
        for (int round = 1; round <= rounds; round++) {
            for (Fault fault : Fault.values()) {
                long start = System.nanoTime();
                String detail = inject(fault, round);
                Duration lasted = Duration.ofNanos(System.nanoTime() - start);
                Duration recovery = lag.awaitUnder(1.0, RECOVERY_LIMIT);
                Injection injection = new Injection(fault, round, detail, lasted, recovery);
                injections.add(injection);
                out.printf(Locale.ROOT, "[%s] round %d %s: %s; lasted %.1f s, under 1 s behind %s%n",
                        java.time.LocalTime.now().withNano(0), round, fault, detail, lasted.toMillis() / 1000.0,
                        recovery == null ? "NOT within " + RECOVERY_LIMIT.toSeconds() + " s"
                                : String.format(Locale.ROOT, "after %.1f s", recovery.toMillis() / 1000.0));
            }
        }
        return List.copyOf(injections);
    }

    private String inject(Fault fault, int round) {
        String district = districts.get(round % districts.size());
        switch (fault) {
            case BROKER_KILL -> {
                platform.kafka.kill();
                pause(DOWN);
                platform.kafka.start();
                return "broker killed, down " + DOWN.toSeconds() + " s";
            }
            case POSTGRES_RESTART -> {
                boolean crash = round % 2 == 1;
                platform.stopPostgres(crash);
                pause(DOWN);
                platform.startPostgres();
                return (crash ? "crashed (SIGKILL)" : "fast shutdown") + ", down " + DOWN.toSeconds() + " s";
            }
            case CONSUMER_KILL -> {
                List<String> withWishes = districts.stream().filter(d -> platform.runs(PlatformService.WISHES, d))
                        .toList();
                Platform.Service wishes = platform.service(PlatformService.WISHES,
                        withWishes.get(round % withWishes.size()));
                double behind = lag.seconds();
                wishes.kill();
                wishes.start();
                return wishes.name + " killed (" + String.format(Locale.ROOT, "%.1f", behind) + " s behind)";
            }
            case RELAY_KILL -> {
                Platform.Service membership = platform.service(PlatformService.MEMBERSHIP, district);
                membership.kill();
                membership.start();
                return membership.name + " killed";
            }
            case CONSUMERS_ADDED_REMOVED -> {
                Platform.Service second = platform.secondInstance(PlatformService.MEMBERSHIP, district);
                pause(DOWN);
                second.stop();
                return second.name + " added, then removed";
            }
            case LATENCY -> {
                Duration latency = Duration.ofMillis(round % 2 == 1 ? 100 : 400);
                platform.kafkaProxy().latency(latency);
                platform.postgresProxy().latency(latency);
                pause(Duration.ofSeconds(5));
                platform.kafkaProxy().latency(Duration.ZERO);
                platform.postgresProxy().latency(Duration.ZERO);
                return latency.toMillis() + " ms for 5 s";
            }
            case CONNECTION_RESET -> {
                int kafka = platform.kafkaProxy().resetAll();
                int postgres = platform.postgresProxy().resetAll();
                return kafka + " Kafka and " + postgres + " PostgreSQL connections reset";
            }
            default -> throw new IllegalArgumentException(fault.name());
        }
    }

    /** How long a fault lasts: the fault itself, not a wait for a result. */
    private static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
