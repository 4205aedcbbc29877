package cn.zhangzhou.partybuilding.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.dashboard.testing.ArticleCity;
import cn.zhangzhou.partybuilding.dashboard.testing.DistrictEvents;
import cn.zhangzhou.partybuilding.dashboard.testing.RunningDashboard;

/**
 * The live channel (Server-Sent Events): a change of a figure reaches an open stream soon after its event (the
 * benchmark measures the p99 against the second), and only the streams whose caller sees that district.
 */
class LiveTest {

    private static final RunningDashboard d = RunningDashboard.get();

    @Test
    void aChangeReachesTheStreamsOfItsDistrictOnly() {
        List<String> xiangcheng = open(d.admin(ArticleCity.XIANGCHENG));
        List<String> city = open(d.cityAdmin());
        await().atMost(Duration.ofSeconds(10)).until(() -> xiangcheng.contains("event:open") && city.contains("event:open"));

        DistrictEvents.hours(ArticleCity.LONGWEN, d.city.communities.get(ArticleCity.LONGWEN).get(0), "PATROL", false,
                60, LocalDate.of(2016, 6, 1));
        long sent = System.nanoTime();
        DistrictEvents.hours(ArticleCity.XIANGCHENG, d.city.qunyu, "LEGAL", false, 90, LocalDate.of(2016, 6, 1));
        await().atMost(Duration.ofSeconds(3)).until(() -> figures(xiangcheng).anyMatch(l -> l.contains("xiangcheng")));
        System.out.println("live: xiangcheng's change on the stream after "
                + Duration.ofNanos(System.nanoTime() - sent).toMillis() + " ms");
        await().atMost(Duration.ofSeconds(3)).until(() -> figures(city).anyMatch(l -> l.contains("xiangcheng"))
                && figures(city).anyMatch(l -> l.contains("longwen")));
        assertThat(figures(xiangcheng)).noneMatch(l -> l.contains("longwen"))
                .allMatch(l -> l.contains("\"kind\":\"hours\""));
    }

    /** The lines of a stream opened with the token, as they arrive. */
    private static List<String> open(String token) {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(d.baseUrl + "/api/v1/live?seconds=30"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(line -> lines.add(line.replace("event: ", "event:")
                .replace("data: ", "data:"))));
        return lines;
    }

    private static Stream<String> figures(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("data:") && l.contains("\"kind\""));
    }
}
