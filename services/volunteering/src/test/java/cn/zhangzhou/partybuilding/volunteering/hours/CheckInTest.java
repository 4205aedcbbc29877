package cn.zhangzhou.partybuilding.volunteering.hours;

import static cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import cn.zhangzhou.partybuilding.events.volunteering.VolunteeringEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.volunteering.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.volunteering.testing.RunningVolunteering;

/**
 * Check-in and check-out with the rotating code (digits or QR image): valid only in its window, never twice for the
 * same volunteer; the minutes inside the shift (and a flexible post's budget) become verified hours.
 */
class CheckInTest {

    private static final RunningVolunteering v = RunningVolunteering.get();
    private static final MembershipFeed feed = v.feed;

    @Test
    void theMinutesInsideAFixedShiftAreVerifiedAtCheckOut() {
        UUID community = feed.community();
        String post = v.post(community, Duration.ofDays(1), Map.of("specialty", "LEGAL"));
        UUID member = feed.member(community);
        UUID stranger = v.volunteer(community);
        require(v.api.post("/api/v1/posts/" + post + "/claims", v.member(member), null), 201);

        Api.Response early = v.check("in", "posts", post, community, v.member(member));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.raw()).contains("not open for check-in");
        v.clock.advance(Duration.ofDays(1).minusMinutes(10));
        String code = v.code("posts", post, community);
        String wrong = (code.charAt(0) == '9' ? "0" : String.valueOf(code.charAt(0) - '0' + 1)) + code.substring(1);
        Api.Response refused = v.api.post("/api/v1/posts/" + post + "/check-in", v.member(member), Map.of("code", wrong));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("code");
        // Only who holds a claim checks in; staff cannot check in as a member.
        assertThat(v.check("in", "posts", post, community, v.member(stranger)).status()).isEqualTo(422);
        assertThat(v.check("in", "posts", post, community, v.member(feed.member(community))).status()).isEqualTo(404);
        assertThat(v.check("in", "posts", post, community, v.staff(community)).status()).isEqualTo(403);

        String hours;
        try (EventTap tap = EventTap.open(v.topic())) {
            Api.Response in = v.api.post("/api/v1/posts/" + post + "/check-in", v.member(member), Map.of("code", code));
            assertThat(in.status()).isEqualTo(201);
            assertThat(in.text("status")).isEqualTo("OPEN");
            hours = in.id();
            tap.awaitType(VolunteeringEvents.CHECKED_IN.ceType(), hours);
            assertThat(v.api.post("/api/v1/posts/" + post + "/check-in", v.member(member), Map.of("code", code))
                    .status()).isEqualTo(409);

            v.clock.advance(Duration.ofMinutes(130));
            Api.Response stale = v.api.post("/api/v1/posts/" + post + "/check-out", v.member(member),
                    Map.of("code", code));
            assertThat(stale.status()).isEqualTo(422);
            Api.Response out = require(v.check("out", "posts", post, community, v.member(member)), 200);
            assertThat(out.text("status")).isEqualTo("APPROVED");
            assertThat(out.body().path("minutes").asInt()).isEqualTo(120);
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.HOURS_APPROVED.ceType(), hours)))
                    .contains("\"minutes\":120").contains("\"source\":\"CHECK_IN\"").contains("\"specialty\":\"LEGAL\"")
                    .contains("\"training\":false");
        }
        // A fixed shift is served once.
        assertThat(v.check("in", "posts", post, community, v.member(member)).status()).isIn(409, 422);
        assertThat(v.rows("hours where volunteer_id = '" + member + "'")).isEqualTo(1);
    }

    @Test
    void aCodeChecksAVolunteerInOnceAndAFlexiblePostsBudgetCapsTheHours() {
        UUID community = feed.community();
        String post = v.post(community, Duration.ofMinutes(5), Map.of("schedule", "FLEXIBLE", "hoursBudget", 1,
                "endsAt", v.in(Duration.ofDays(20)).toString(), "title", "12月助老服务"));
        UUID member = feed.member(community);
        require(v.api.post("/api/v1/posts/" + post + "/claims", v.member(member), null), 201);
        v.clock.advance(Duration.ofMinutes(10));
        String token = v.member(member);

        String code = v.code("posts", post, community);
        require(v.api.post("/api/v1/posts/" + post + "/check-in", token, Map.of("code", code)), 201);
        v.clock.advance(Duration.ofMinutes(2));
        String sameWindow = v.code("posts", post, community);
        if (sameWindow.equals(code)) {
            assertThat(require(v.api.post("/api/v1/posts/" + post + "/check-out", token, Map.of("code", code)), 200)
                    .body().path("minutes").asInt()).isEqualTo(2);
            Api.Response twice = v.api.post("/api/v1/posts/" + post + "/check-in", token, Map.of("code", code));
            assertThat(twice.status()).isEqualTo(409);
            assertThat(twice.raw()).contains("used");
        } else {
            // The window turned between the two requests: check out with the new code instead.
            require(v.api.post("/api/v1/posts/" + post + "/check-out", token, Map.of("code", sameWindow)), 200);
        }
        v.clock.advance(Duration.ofMinutes(10));
        require(v.check("in", "posts", post, community, token), 201);
        v.clock.advance(Duration.ofMinutes(90));
        Api.Response capped = require(v.check("out", "posts", post, community, token), 200);
        assertThat(capped.body().path("minutes").asInt()).isEqualTo(58);
        Api.Response served = v.check("in", "posts", post, community, token);
        assertThat(served.status()).isEqualTo(422);
        assertThat(served.raw()).contains("served");
    }

    @Test
    void theQrImageForThePhoneAtTheDoorCarriesTheCurrentCode() throws Exception {
        UUID community = feed.community();
        String activity = v.activity(community, "TRAINING", 10, Duration.ofHours(1));
        UUID member = feed.member(community);
        require(v.api.post("/api/v1/activities/" + activity + "/sign-ups", v.member(member), null), 201);
        v.clock.advance(Duration.ofMinutes(45));

        HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        v.baseUrl + "/api/v1/activities/" + activity + "/check-in-code.png"))
                .header("Authorization", "Bearer " + v.staff(community)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        String text = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(ImageIO.read(new ByteArrayInputStream(png.body())))))).getText();
        String code = v.code("activities", activity, community);
        assertThat(text).contains("\"shiftKind\":\"ACTIVITY\"").contains(activity).contains("\"code\":\"" + code + "\"");
        assertThat(v.api.get("/api/v1/activities/" + activity + "/check-in-code", v.member(member)).status())
                .isEqualTo(403);
        assertThat(v.api.get("/api/v1/activities/" + activity + "/check-in-code", v.staff(feed.community())).status())
                .isEqualTo(403);

        String hours = require(v.api.post("/api/v1/activities/" + activity + "/check-in", v.member(member),
                Map.of("code", code)), 201).id();
        v.clock.advance(Duration.ofHours(3));
        try (EventTap tap = EventTap.open(v.topic())) {
            Api.Response out = require(v.check("out", "activities", activity, community, v.member(member)), 200);
            assertThat(out.body().path("minutes").asInt()).isEqualTo(120);
            assertThat(EventTap.payload(tap.awaitType(VolunteeringEvents.HOURS_APPROVED.ceType(), hours)))
                    .contains("\"training\":true").contains("\"shiftKind\":\"ACTIVITY\"");
        }
    }
}
