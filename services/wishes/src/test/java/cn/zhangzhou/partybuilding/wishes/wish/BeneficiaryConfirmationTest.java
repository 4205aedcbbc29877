package cn.zhangzhou.partybuilding.wishes.wish;

import static cn.zhangzhou.partybuilding.wishes.testing.RunningWishes.require;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zhangzhou.partybuilding.events.wishes.WishesEvents;
import cn.zhangzhou.partybuilding.testing.Api;
import cn.zhangzhou.partybuilding.testing.EventTap;
import cn.zhangzhou.partybuilding.wishes.testing.MembershipFeed;
import cn.zhangzhou.partybuilding.wishes.testing.RunningWishes;

/**
 * The beneficiary's own confirmation (受助群众确认): the one-time code of their paper slip, presented through any
 * valid token, once; wrong codes are bounded, then staff confirm.
 */
class BeneficiaryConfirmationTest {

    private static final RunningWishes w = RunningWishes.get();
    private static final MembershipFeed feed = w.feed;

    private Api.Response confirm(String id, String token, String code) {
        return w.api.post("/api/v1/wishes/" + id + "/confirm", token, Map.of("confirmationCode", code));
    }

    private String code(String id, UUID community) {
        return require(w.api.get("/api/v1/wishes/" + id + "/confirmation-code", w.staff(community)), 200)
                .text("code");
    }

    private static String wrong(String code) {
        return code.equals("00000000") ? "00000001" : "00000000";
    }

    @Test
    void theBeneficiaryConfirmsOnceWithTheCodeOfTheirSlip() {
        UUID community = feed.community();
        UUID claimer = feed.residentMember(community);
        String id = w.published(community);
        // Only staff in scope read the code; never the claimer, who could otherwise confirm their own work.
        String code = code(id, community);
        assertThat(code).matches("[0-9]{8}");
        assertThat(w.api.get("/api/v1/wishes/" + id + "/confirmation-code", w.member(claimer)).status())
                .isEqualTo(403);
        assertThat(w.api.get("/api/v1/wishes/" + id + "/confirmation-code", w.staff(feed.community())).status())
                .isEqualTo(403);

        require(w.api.post("/api/v1/wishes/" + id + "/claim", w.member(claimer), null), 201);
        require(w.api.post("/api/v1/wishes/" + id + "/contacted", w.member(claimer), null), 200);
        // Not fulfilled yet: the right code is refused and nothing is counted or used.
        assertThat(confirm(id, w.member(claimer), code).status()).isEqualTo(409);
        assertThat(confirm(id, w.member(claimer), wrong(code)).status()).isEqualTo(409);
        require(w.api.post("/api/v1/wishes/" + id + "/fulfilment", w.member(claimer),
                Map.of("note", "送到了")), 200);

        Api.Response wrongCode = confirm(id, w.member(claimer), wrong(code));
        assertThat(wrongCode.status()).isEqualTo(422);
        assertThat(wrongCode.raw()).contains("4 attempts left");
        assertThat(w.wish(id, community).text("status")).isEqualTo("FULFILLED");
        Api.Response codeView = w.api.get("/api/v1/wishes/" + id + "/confirmation-code", w.staff(community));
        assertThat(codeView.body().path("failedAttempts").asInt()).isEqualTo(1);
        assertThat(codeView.body().path("attemptsLeft").asInt()).isEqualTo(4);

        // An empty code is bad input, not a guess: not counted.
        assertThat(confirm(id, w.member(claimer), "  ").status()).isEqualTo(422);
        assertThat(w.api.get("/api/v1/wishes/" + id + "/confirmation-code", w.staff(community)).body()
                .path("failedAttempts").asInt()).isEqualTo(1);
        // No token: 401, nothing happens. Both a code and a version: 422.
        assertThat(confirm(id, null, code).status()).isEqualTo(401);
        assertThat(w.api.post("/api/v1/wishes/" + id + "/confirm", w.member(claimer),
                Map.of("confirmationCode", code, "version", 5)).status()).isEqualTo(422);

        try (EventTap tap = EventTap.open(w.topic())) {
            Api.Response confirmed = confirm(id, w.member(claimer), " " + code + " ");
            assertThat(confirmed.status()).isEqualTo(200);
            assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
            assertThat(confirmed.text("confirmedBy")).isEqualTo("BENEFICIARY");
            assertThat(EventTap.payload(tap.awaitType(WishesEvents.WISH_CONFIRMED.ceType(), id)))
                    .contains("\"confirmedBy\":\"BENEFICIARY\"").doesNotContain(code);
        }
        assertThat(w.wish(id, community).text("status")).isEqualTo("CONFIRMED");
        assertThat(w.rows("claim where wish_id = '" + id + "' and status = 'CONFIRMED' and confirmed_at is not null"))
                .isEqualTo(1);
        assertThat(w.api.get("/api/v1/wishes/" + id + "/history", w.staff(community)).body()
                .findValuesAsString("reason")).contains("confirmed by the beneficiary's code");

        // Used: a second presentation is a conflict, whoever presents it.
        Api.Response again = confirm(id, w.admin(), code);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.raw()).contains("already used");
    }

    @Test
    void parallelGuessesAreBoundedAndParallelRightCodesConfirmOnce() throws Exception {
        UUID community = feed.community();
        UUID claimer = feed.residentMember(community);
        String guessed = w.fulfilled(community, claimer);
        String guessedCode = code(guessed, community);
        List<Integer> guesses = parallel(12, () -> confirm(guessed, w.member(claimer), wrong(guessedCode)).status());
        // Exactly five wrong codes are counted (422); every other guess finds the code invalidated (409).
        assertThat(guesses).filteredOn(s -> s == 422).hasSize(5);
        assertThat(guesses).filteredOn(s -> s == 409).hasSize(7);
        assertThat(w.wish(guessed, community).text("status")).isEqualTo("FULFILLED");

        String confirmed = w.fulfilled(community, claimer);
        String code = code(confirmed, community);
        List<Integer> rights = parallel(8, () -> confirm(confirmed, w.member(claimer), code).status());
        assertThat(rights).filteredOn(s -> s == 200).hasSize(1);
        assertThat(rights).filteredOn(s -> s == 409).hasSize(7);
        assertThat(w.rows("wish_transition where wish_id = '" + confirmed + "' and transition = 'CONFIRM'"))
                .isEqualTo(1);
    }

    private static List<Integer> parallel(int n, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiveWrongCodesInvalidateItAndStaffConfirm() {
        UUID community = feed.community();
        UUID claimer = feed.residentMember(community);
        String id = w.fulfilled(community, claimer);
        String code = code(id, community);
        for (int i = 1; i <= 4; i++) {
            assertThat(confirm(id, w.member(claimer), wrong(code)).status()).isEqualTo(422);
        }
        Api.Response fifth = confirm(id, w.member(claimer), wrong(code));
        assertThat(fifth.status()).isEqualTo(422);
        assertThat(fifth.raw()).contains("invalidated");
        // Even the right code no longer works.
        Api.Response right = confirm(id, w.member(claimer), code);
        assertThat(right.status()).isEqualTo(409);
        assertThat(right.raw()).contains("staff must confirm");
        assertThat(w.wish(id, community).text("status")).isEqualTo("FULFILLED");
        assertThat(w.api.get("/api/v1/wishes/" + id + "/confirmation-code", w.staff(community)).text("status"))
                .isEqualTo("INVALIDATED");

        try (EventTap tap = EventTap.open(w.topic())) {
            long version = w.wish(id, community).version();
            Api.Response staff = w.api.post("/api/v1/wishes/" + id + "/confirm", w.staff(community),
                    Map.of("version", version));
            assertThat(staff.status()).isEqualTo(200);
            assertThat(EventTap.payload(tap.awaitType(WishesEvents.WISH_CONFIRMED.ceType(), id)))
                    .contains("\"confirmedBy\":\"STAFF\"");
        }
        // A staff confirmation without version nor code is bad input.
        assertThat(w.api.post("/api/v1/wishes/" + id + "/confirm", w.staff(community), Map.of()).status())
                .isEqualTo(422);
    }
}
