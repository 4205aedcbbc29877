package cn.zhangzhou.partybuilding.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;

import cn.zhangzhou.partybuilding.platform.ServiceClient;

/**
 * The dashboard's live stream (Server-Sent Events, GET /api/v1/live) as a browser of the city sees it: every change it
 * sends, with when it arrived. The dashboard sends a change after the transaction that applied its events committed,
 * so its arrival is when the figure is readable. An event counts as shown by the first change of its district and
 * kind that arrived after it was sent and is of its time or later.
 */
final class LiveFigures {

    private record Change(String district, String kind, Instant at, long arrivedNanos) {
    }

    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    /** Opens the stream with the token (of a city administrator) for {@code seconds}; returns once it is open. */
    static LiveFigures open(int port, String token, int seconds) {
        LiveFigures live = new LiveFigures();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/live?seconds="
                + seconds)).header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(live::line));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (live.lines.stream().noneMatch(l -> l.startsWith("event:open"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the live stream did not open: " + live.lines);
            }
            LockSupport.parkNanos(50_000_000L);
        }
        return live;
    }

    private void line(String raw) {
        long now = System.nanoTime();
        String line = raw.replace("event: ", "event:").replace("data: ", "data:");
        lines.add(line.length() > 200 ? line.substring(0, 200) : line);
        if (line.startsWith("data:") && line.contains("\"kind\"")) {
            JsonNode change = ServiceClient.JSON.readTree(line.substring(5));
            changes.add(new Change(change.get("district").asString(), change.get("kind").asString(),
                    Instant.parse(change.get("at").asString()), now));
        }
    }

    /** Nanoseconds from sending to the change that showed it, or -1 while none did. */
    long shownAfter(String district, String kind, Instant at, long sentNanos) {
        long first = Long.MAX_VALUE;
        for (Change c : changes) {
            if (c.district().equals(district) && c.kind().equals(kind) && !c.at().isBefore(at)
                    && c.arrivedNanos() >= sentNanos) {
                first = Math.min(first, c.arrivedNanos());
            }
        }
        return first == Long.MAX_VALUE ? -1 : first - sentNanos;
    }

    /** The changes of the district and kind that arrived, as "time of its newest event @ arrival ns" (a diagnosis). */
    List<String> changesOf(String district, String kind) {
        return changes.stream().filter(c -> c.district().equals(district) && c.kind().equals(kind))
                .map(c -> c.at() + " @ " + c.arrivedNanos()).toList();
    }

    /** How many changes arrived. */
    int received() {
        return new ArrayList<>(changes).size();
    }
}
