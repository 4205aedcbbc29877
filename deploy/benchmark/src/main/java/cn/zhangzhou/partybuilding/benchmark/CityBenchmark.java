package cn.zhangzhou.partybuilding.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.embedded.PostgresServer;
import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.platform.ServiceClient;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The municipal dashboard at city scale (issue 15): a {@link CityYear} written to the districts' topics in three
 * slices, a fresh dashboard (its own database and consumer group) rebuilding its projections from the topics after
 * each (a quarter, half and all of the year: does the rebuild grow linearly?), its figures checked against what the
 * year holds and against the sum of the districts' (reconciliation), then events at steady rates while a city
 * administrator's live stream is open: event sent to Kafka until the change is on the stream (sent after commit, so
 * the figure is readable; an event not shown within 30 s counts as infinitely late). Memory and CPU per event of the
 * dashboard throughout. Fails when a figure is wrong.
 */
@Command(name = "city", mixinStandardHelpOptions = true, description = "The dashboard's replay of a city-scale year "
        + "(events/s, rebuild time at 1/4, 1/2, all), then event on Kafka to live change at steady rates.")
final class CityBenchmark extends Mode {

    static final int PARTITIONS = 3;
    static final String JAR = "services/dashboard/target/dashboard-service.jar";
    static final List<String> SERVICES = List.of("membership", "wishes", "volunteering", "evaluation");

    @Option(names = "--members", paramLabel = "N", defaultValue = "100000", description = "members (default ${DEFAULT-VALUE})")
    int members;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
            description = "events of the year at least (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "15", description = "the year's seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--rates", split = ",", paramLabel = "PER_SECOND", defaultValue = "3,30,300",
            description = "steady rates of live events per second (default ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(names = "--rate-seconds", paramLabel = "S", defaultValue = "60",
            description = "seconds per steady rate (default ${DEFAULT-VALUE})")
    int rateSeconds;

    /** One rebuild: a fresh dashboard reading the topics from the beginning until its group committed them all. */
    record Rebuild(long events, double seconds, double consumingSeconds, DashboardMemory.Peaks memory,
                   ProcessCpu.PerCommand cpu) {

        double eventsPerSecond() {
            return events / consumingSeconds;
        }
    }

    /** One steady rate: events sent, shown on the live stream, and the latency percentiles in ms. */
    record Steady(int rate, long sent, long shown, double p50, double p99, double max, DashboardMemory.Peaks memory,
                  ProcessCpu.PerCommand cpu) {
    }

    @Override
    List<Integer> defaultLevels() {
        return List.of();
    }

    @Override
    void measure(Machine machine) throws Exception {
        createTopics();
        KafkaProducer<String, byte[]> producer = producer();
        resources.push(producer);
        long[] slices = {events / 4, events / 2, Long.MAX_VALUE};
        String[] names = {"quarter", "half", "all"};
        List<Rebuild> rebuilds = new ArrayList<>();
        CityYear.Tally tally = null;
        ServiceProcess dashboard = null;
        long written = 0;
        for (int i = 0; i < slices.length; i++) {
            long from = written;
            long to = slices[i];
            long started = System.nanoTime();
            tally = CityYear.write(seed, members, events, sliceOf(from, to, producer));
            producer.flush();
            written = Math.min(to, tally.events());
            out.printf(Locale.ROOT, "wrote events %d to %d of the year in %.1f s%n", from, written,
                    (System.nanoTime() - started) / 1e9);
            if (dashboard != null) {
                dashboard.close();
            }
            dashboard = startDashboard(names[i]);
            rebuilds.add(rebuild(dashboard, names[i], written));
            Rebuild r = rebuilds.get(i);
            out.printf(Locale.ROOT, "rebuild %-7s %,9d events: %.1f s with start-up, %.1f s consuming, %,.0f events/s; "
                            + "dashboard peak PSS %.0f RSS %.0f heap %.0f MiB; CPU ms/event dashboard %.3f PostgreSQL "
                            + "%.3f machine %.3f%n", names[i], r.events(), r.seconds(), r.consumingSeconds(),
                    r.eventsPerSecond(), r.memory().pssMiB(), r.memory().rssMiB(), r.memory().heapUsedMiB(),
                    r.cpu().service(), r.cpu().postgres(), r.cpu().machine());
        }
        ServiceClient api = new ServiceClient("http://localhost:" + dashboard.port(), bench::cityAdminToken);
        checkFigures(api, tally);
        List<Steady> steady = new ArrayList<>();
        try (DashboardMemory memory = new DashboardMemory(dashboard)) {
            LiveFigures live = LiveFigures.open(dashboard.port(), bench.cityAdminToken(), 1800);
            ProcessCpu cpu = new ProcessCpu(dashboard.pid(), bench.postgres.dataDir());
            Random random = new Random(seed);
            for (int rate : rates) {
                steady.add(steady(producer, live, memory, cpu, random, tally, rate));
                Steady s = steady.get(steady.size() - 1);
                out.printf(Locale.ROOT, "steady %4d events/s: %d sent, %d shown; Kafka → live change p50 %.1f p99 %.1f "
                                + "max %.1f ms; dashboard peak PSS %.0f RSS %.0f heap %.0f MiB; CPU ms/event dashboard "
                                + "%.3f PostgreSQL %.3f%n", rate, s.sent(), s.shown(), s.p50(), s.p99(), s.max(),
                        s.memory().pssMiB(), s.memory().rssMiB(), s.memory().heapUsedMiB(), s.cpu().service(),
                        s.cpu().postgres());
            }
        }
        List<String> differing = reconciliationDifferences(api);
        if (!differing.isEmpty()) {
            throw new IllegalStateException("reconciliation after the live phase differs: " + differing);
        }
        out.println("reconciliation after the live phase: every figure equal");
        markdown(machine, tally, rebuilds, steady);
    }

    private void createTopics() throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bench.kafka.bootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String district : Districts.IDS) {
                for (String service : SERVICES) {
                    topics.add(new NewTopic(Topics.events(district, service), PARTITIONS, (short) 1)
                            .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1")));
                }
            }
            admin.createTopics(topics).all().get();
        }
    }

    /**
     * A producer configured as the relays' (acknowledged by all replicas, idempotent), batching for throughput, with
     * one request in flight: the topics were just created, and a first request refused NOT_LEADER_OR_FOLLOWER while a
     * later one to the same partition is accepted leaves the idempotent producer retrying the first for ever with
     * OUT_OF_ORDER_SEQUENCE_NUMBER (KAFKA-15591; seen here, the year's write never ended).
     */
    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bench.kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends the records from index {@code from} (included) to {@code to} (excluded) of the year, skips the others. */
    private static Consumer<ProducerRecord<String, byte[]>> sliceOf(long from, long to,
                                                                  KafkaProducer<String, byte[]> producer) {
        long[] index = {0};
        return record -> {
            long i = index[0]++;
            if (i >= from && i < to) {
                producer.send(record, (metadata, e) -> {
                    if (e != null) {
                        throw new IllegalStateException("Kafka refused a record of the year", e);
                    }
                });
            }
        };
    }

    private ServiceProcess startDashboard(String name) {
        int port = Bench.freePort();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(port));
        env.put("SPRING_DATASOURCE_URL", bench.postgres.ensureDatabase("dashboard_" + name));
        env.put("SPRING_DATASOURCE_USERNAME", PostgresServer.USER);
        env.put("SPRING_DATASOURCE_PASSWORD", "");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bench.kafka.bootstrapServers());
        env.put("SPRING_KAFKA_CONSUMER_GROUP_ID", group(name));
        env.put(Bench.KEY_LOCATION_VARIABLE, bench.keyLocation());
        return bench.start("dashboard-" + name, JAR, port, env);
    }

    private static String group(String name) {
        return "dashboard-" + name;
    }

    /**
     * A rebuild that commits nothing new for this long has stalled: it fails with the dashboard's threads, its group's
     * offsets and its log, rather than waiting out a long deadline (a stall once took 30 minutes of a CI run).
     */
    static final Duration STALL_LIMIT = Duration.ofMinutes(2);

    /** Waits until the dashboard's group has committed every record written, sampling memory and CPU meanwhile. */
    private Rebuild rebuild(ServiceProcess dashboard, String name, long written) throws Exception {
        long started = System.nanoTime();
        ProcessCpu cpu = new ProcessCpu(dashboard.pid(), bench.postgres.dataDir());
        try (DashboardMemory memory = new DashboardMemory(dashboard);
             Admin admin = Admin.create(Map.of("bootstrap.servers", bench.kafka.bootstrapServers()))) {
            long firstCommit = 0;
            long committedFirst = 0;
            ProcessCpu.Snapshot from = null;
            long last = -1;
            long lastProgress = System.nanoTime();
            while (true) {
                long committed = committed(admin, group(name));
                if (committed > 0 && firstCommit == 0) {
                    firstCommit = System.nanoTime();
                    committedFirst = committed;
                    from = cpu.snapshot();
                }
                if (committed >= written) {
                    long done = System.nanoTime();
                    ProcessCpu.PerCommand perEvent = ProcessCpu.PerCommand.between(from, cpu.snapshot(),
                            committed - committedFirst);
                    dashboard.awaitReady(Instant.now().plus(Bench.READY_TIMEOUT));
                    return new Rebuild(committed - committedFirst, (done - started) / 1e9, (done - firstCommit) / 1e9,
                            memory.resetPeaks(), perEvent);
                }
                if (committed != last) {
                    last = committed;
                    lastProgress = System.nanoTime();
                }
                if (!dashboard.isAlive() || System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                    throw new IllegalStateException("the dashboard did not rebuild " + written + " events: committed "
                            + committed + ", nothing more for " + (System.nanoTime() - lastProgress) / 1_000_000_000L
                            + " s (alive: " + dashboard.isAlive() + "); offsets by partition: "
                            + offsets(admin, group(name)) + "\nlog tail:\n" + dashboard.tail(80) + "\nthreads:\n"
                            + dashboard.threadDump(60_000));
                }
                LockSupport.parkNanos(100_000_000L);
            }
        }
    }

    /** The group's committed offsets as "topic-partition=offset", sorted: which partitions a stalled rebuild left. */
    private static String offsets(Admin admin, String group) throws ExecutionException, InterruptedException {
        Map<String, Long> sorted = new java.util.TreeMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((partition, offset) ->
                sorted.put(partition.toString(), offset == null ? -1 : offset.offset()));
        return sorted.toString();
    }

    /** The sum of the group's committed offsets: how many records of its topics it has consumed. */
    static long committed(Admin admin, String group) throws ExecutionException, InterruptedException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                .filter(java.util.Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** The city's figures are what the year holds, and each equals the sum of the districts'. */
    private void checkFigures(ServiceClient api, CityYear.Tally tally) {
        JsonNode city = api.getOk("/city", Map.of()).get("total");
        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        expected.put("communities", tally.communities());
        expected.put("grids", tally.grids());
        expected.put("partyGroups", tally.partyGroups());
        expected.put("members", tally.members());
        expected.put("wishesPosted", tally.wishesPosted());
        expected.put("wishesPublished", tally.wishesPublished());
        expected.put("wishesClaimed", tally.wishesClaimed());
        expected.put("wishesFulfilled", tally.wishesFulfilled());
        expected.put("wishesConfirmed", tally.wishesConfirmed());
        expected.put("serviceMinutes", tally.serviceMinutes());
        expected.put("trainingMinutes", tally.trainingMinutes());
        List<String> wrong = new ArrayList<>();
        expected.forEach((figure, value) -> {
            if (city.get(figure).asLong() != value) {
                wrong.add(figure + " " + city.get(figure).asLong() + " (the year holds " + value + ")");
            }
        });
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("the city's figures differ from the year's: " + wrong);
        }
        List<String> differing = reconciliationDifferences(api);
        if (!differing.isEmpty()) {
            throw new IllegalStateException("reconciliation differs: " + differing);
        }
        out.printf("figures: the year's %d checked, and all reconciled (every city figure equals the sum of the "
                + "districts')%n", expected.size());
    }

    private static List<String> reconciliationDifferences(ServiceClient api) {
        List<String> differing = new ArrayList<>();
        api.getOk("/reconciliation", Map.of()).forEach(r -> {
            if (!r.get("equal").asBoolean()) {
                differing.add(r.get("figure").asString() + " by " + r.get("difference").asLong());
            }
        });
        return differing;
    }

    /** Approved hours at {@code rate} per second for the phase, open loop; each timed until the live change. */
    private Steady steady(KafkaProducer<String, byte[]> producer, LiveFigures live, DashboardMemory memory,
                          ProcessCpu cpu, Random random, CityYear.Tally tally, int rate) throws Exception {
        memory.resetPeaks();
        record Sent(String district, Instant at, long nanos, UUID hours) {
        }
        List<Sent> sent = new ArrayList<>();
        long count = (long) rate * rateSeconds;
        long period = 1_000_000_000L / rate;
        ProcessCpu.Snapshot from = cpu.snapshot();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            LockSupport.parkNanos(start + i * period - System.nanoTime());
            String district = Districts.IDS.get(random.nextInt(Districts.IDS.size()));
            List<UUID> communities = tally.communitiesOf().get(district);
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            // Fresh ids, not from the seeded random: the year's ids came from a Random of the same seed, and one of
            // these once equalled an id of the year, so its event was (rightly) skipped as a duplicate and never shown.
            UUID hours = UUID.randomUUID();
            HoursApproved event = new HoursApproved(hours, UUID.randomUUID(), VolunteerKind.MEMBER, district,
                    communities.get(random.nextInt(communities.size())), ShiftKind.POST, UUID.randomUUID(), false,
                    "IT", null, 30, LocalDate.now(CityYear.CHINA), HoursSource.CLAIM);
            sent.add(new Sent(district, at, System.nanoTime(), hours));
            producer.send(CityYear.relayed(district, VolunteeringEvents.HOURS_APPROVED, event, at, 1,
                    UUID.randomUUID()));
        }
        producer.flush();
        long[] latencies = new long[sent.size()];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int shown = 0;
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            long latency;
            while ((latency = live.shownAfter(s.district(), "hours", s.at(), s.nanos())) < 0
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000L);
            }
            latencies[i] = latency < 0 ? Long.MAX_VALUE : latency;
            shown += latency < 0 ? 0 : 1;
            if (latency < 0) {
                out.printf(Locale.ROOT, "not shown: event %d of %d, %s at %s, sent %.1f ms after the first; that "
                        + "district's hours changes on the stream: %s; its row in the dashboard's database: %d%n",
                        i + 1, sent.size(), s.district(), s.at(), (s.nanos() - sent.get(0).nanos()) / 1e6,
                        live.changesOf(s.district(), "hours"), hoursRows(s.hours()));
                out.println("  the topic's offsets, committed by the dashboard / end: " + topicOffsets(
                        Topics.events(s.district(), "volunteering")));
            }
        }
        ProcessCpu.PerCommand perEvent = ProcessCpu.PerCommand.between(from, cpu.snapshot(), sent.size());
        java.util.Arrays.sort(latencies);
        return new Steady(rate, sent.size(), shown, percentile(latencies, 0.50), percentile(latencies, 0.99),
                percentile(latencies, 1.0), memory.resetPeaks(), perEvent);
    }

    /** The last dashboard's committed offset and the end offset of each partition of the topic (a diagnosis). */
    private String topicOffsets(String topic) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bench.kafka.bootstrapServers()))) {
            Map<org.apache.kafka.common.TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                    group("all")).partitionsToOffsetAndMetadata().get();
            List<String> parts = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition(topic, p);
                long end = admin.listOffsets(Map.of(partition, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                        .partitionResult(partition).get().offset();
                OffsetAndMetadata at = committed.get(partition);
                parts.add(partition + " " + (at == null ? "none" : at.offset()) + " / " + end);
            }
            return String.join(", ", parts);
        } catch (ExecutionException | InterruptedException e) {
            return "unknown (" + e + ")";
        }
    }

    /** How many rows the last dashboard holds for the hours entry (a diagnosis of an event not shown). */
    private long hoursRows(UUID hours) {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(
                bench.postgres.ensureDatabase("dashboard_all"), PostgresServer.USER, "");
             java.sql.PreparedStatement query = connection.prepareStatement("select count(*) from hours where id = ?")) {
            query.setObject(1, hours);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    /** In ms; infinite when an event at that rank was never shown. */
    private static double percentile(long[] sortedNanos, double p) {
        long nanos = sortedNanos[Math.max(0, (int) Math.ceil(p * sortedNanos.length) - 1)];
        return nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e6;
    }

    private void markdown(Machine machine, CityYear.Tally tally, List<Rebuild> rebuilds, List<Steady> steady) {
        out.println();
        out.printf(Locale.ROOT, "Machine: %d CPUs, %s, %d MiB, load average %s at the end.%n", machine.cpus(),
                machine.cpuModel(), machine.memoryMiB(), Machine.currentLoadAverage());
        out.printf(Locale.ROOT, "Year: %,d events (%d types), %,d members, %d communities (seed %d).%n%n",
                tally.events(), tally.byType().size(), tally.members(), tally.communities(), seed);
        out.println("| rebuild | events | with start-up s | consuming s | events/s | PSS MiB | RSS MiB | heap MiB | "
                + "dashboard CPU ms/event | PostgreSQL CPU ms/event |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        String[] names = {"a quarter", "half", "all"};
        for (int i = 0; i < rebuilds.size(); i++) {
            Rebuild r = rebuilds.get(i);
            out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.1f | %,.0f | %.0f | %.0f | %.0f | %.3f | %.3f |%n", names[i],
                    r.events(), r.seconds(), r.consumingSeconds(), r.eventsPerSecond(), r.memory().pssMiB(),
                    r.memory().rssMiB(), r.memory().heapUsedMiB(), r.cpu().service(), r.cpu().postgres());
        }
        out.println();
        out.println("| steady rate /s | sent | shown | Kafka → live change p50 ms | p99 ms | max ms | PSS MiB | "
                + "RSS MiB | heap MiB | dashboard CPU ms/event | PostgreSQL CPU ms/event |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Steady s : steady) {
            out.printf(Locale.ROOT, "| %d | %d | %d | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f | %.3f | %.3f |%n",
                    s.rate(), s.sent(), s.shown(), s.p50(), s.p99(), s.max(), s.memory().pssMiB(),
                    s.memory().rssMiB(), s.memory().heapUsedMiB(), s.cpu().service(), s.cpu().postgres());
        }
    }
}
