package cn.zhangzhou.partybuilding.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.zhangzhou.partybuilding.embedded.FreePorts;
import cn.zhangzhou.partybuilding.platform.ServiceProcess;
import cn.zhangzhou.partybuilding.testing.Api;
import tools.jackson.databind.JsonNode;

/**
 * A real trace store on this machine: Zipkin's server from its executable jar (copied from Maven Central into
 * {@code target/zipkin} by the build), in-memory storage, on a free port (decision 0024).
 */
final class TraceStore implements AutoCloseable {

    static final Path JAR = DistrictServices.ROOT.resolve("deploy/local/target/zipkin/zipkin-server.jar");

    private final ServiceProcess process;
    private final Api api;

    private TraceStore(ServiceProcess process) {
        this.process = process;
        this.api = new Api("http://localhost:" + process.port());
    }

    /**
     * Starts Zipkin's server and returns at once, so that it starts while the services do; {@link #awaitUp()} before
     * reading a trace. Spans sent before it answers are lost, and none of those is looked for.
     */
    static TraceStore launch(Path dir) {
        int port = FreePorts.find();
        ServiceProcess process = ServiceProcess.start("zipkin", JAR, dir, port,
                Map.of("QUERY_PORT", String.valueOf(port), "STORAGE_TYPE", "mem"),
                List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), dir.resolve("logs/zipkin.log"));
        return new TraceStore(process);
    }

    void awaitUp() {
        process.awaitAnswer("/health", 200, Instant.now().plus(Duration.ofMinutes(2)));
    }

    /** Where the services post their spans (Zipkin's v2 JSON). */
    String spansEndpoint() {
        return api.baseUrl() + "/api/v2/spans";
    }

    /** The spans the store holds of the trace, as Zipkin's API answers them (an empty array while it has none). */
    JsonNode trace(String traceId) {
        Api.Response answer = api.get("/api/v2/trace/" + traceId, null);
        return answer.status() == 200 ? answer.body() : tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    @Override
    public void close() {
        process.close();
    }
}
