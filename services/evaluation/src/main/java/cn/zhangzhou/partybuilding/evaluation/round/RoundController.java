package cn.zhangzhou.partybuilding.evaluation.round;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.evaluation.Grade;
import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;
import cn.zhangzhou.partybuilding.support.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Rounds (多向度考评): open, rate from every direction, assess cadres, issue residents' codes, close, and the frozen
 * scores of organisations and cadres with how each was computed. Ratings answer 204: nothing of a rating is ever returned.
 */
@RestController
@Validated
class RoundController {

    private final RoundService service;

    RoundController(RoundService service) {
        this.service = service;
    }

    record WeightsRequest(@NotNull @Min(0) @Max(100) Integer self, @NotNull @Min(0) @Max(100) Integer mutual,
                          @NotNull @Min(0) @Max(100) Integer assessment, @NotNull @Min(0) @Max(100) Integer members,
                          @NotNull @Min(0) @Max(100) Integer residents,
                          @NotNull @Min(0) @Max(100) Integer objective) {
    }

    record OpenRoundRequest(@NotNull @Min(2000) @Max(2100) Integer year, @NotNull RoundLevel level,
                            @NotNull @Valid WeightsRequest weights) {
    }

    record RatingRequest(@NotNull UUID organisationId, @NotNull @Min(0) @Max(100) Integer score) {
    }

    record CadreAssessmentRequest(@NotNull UUID memberId, @NotNull @Min(0) @Max(100) Integer score) {
    }

    record CodesRequest(@NotNull UUID communityId, @NotNull @Min(1) @Max(500) Integer count) {
    }

    record Codes(UUID communityId, List<String> codes) {
    }

    record CloseRequest(@NotNull Long version) {
    }

    record CalibrationRequest(@NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 2)
                              BigDecimal score, @NotBlank @Size(max = 500) String reason) {
    }

    record GradeRequest(@NotNull UUID organisationId, @NotNull Grade grade) {
    }

    record GradesRequest(@NotNull @Size(min = 1, max = 1000) List<@NotNull @Valid GradeRequest> grades) {
    }

    /** A resident's rating: the one-time code is the credential. */
    record ResidentRatingRequest(@NotBlank @Pattern(regexp = "[0-9A-Za-z -]{10,14}") String code,
                                 @NotNull @Min(0) @Max(100) Integer score) {
    }

    @PostMapping("/api/v1/rounds")
    ResponseEntity<Round> open(Caller caller, @Valid @RequestBody OpenRoundRequest r) {
        WeightsRequest w = r.weights();
        Round round = service.open(caller, r.year(), r.level(), new Round.Weights(w.self(), w.mutual(),
                w.assessment(), w.members(), w.residents(), w.objective()));
        return ResponseEntity.created(URI.create("/api/v1/rounds/" + round.id())).body(round);
    }

    @GetMapping("/api/v1/rounds/{id}")
    Round get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id);
    }

    @GetMapping("/api/v1/rounds")
    List<Round> ofYear(Caller caller, @RequestParam @Min(2000) @Max(2100) int year) {
        return service.ofYear(caller, year);
    }

    @PostMapping("/api/v1/rounds/{id}/self-assessments")
    ResponseEntity<Void> selfAssess(Caller caller, @PathVariable UUID id, @Valid @RequestBody RatingRequest r) {
        service.rateOfficially(caller, id, r.organisationId(), Component.SELF, r.score());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/rounds/{id}/assessments")
    ResponseEntity<Void> assess(Caller caller, @PathVariable UUID id, @Valid @RequestBody RatingRequest r) {
        service.rateOfficially(caller, id, r.organisationId(), Component.ASSESSMENT, r.score());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/rounds/{id}/mutual-ratings")
    ResponseEntity<Void> ratePeer(Caller caller, @PathVariable UUID id, @Valid @RequestBody RatingRequest r) {
        service.ratePeer(caller, id, r.organisationId(), r.score());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/rounds/{id}/member-ratings")
    ResponseEntity<Void> rateAsMember(Caller caller, @PathVariable UUID id, @Valid @RequestBody RatingRequest r) {
        service.rateAsMember(caller, id, r.organisationId(), r.score());
        return ResponseEntity.noContent().build();
    }

    /** 考评 of a cadre by the level above the organisation they serve (decision 0027). */
    @PostMapping("/api/v1/rounds/{id}/cadre-assessments")
    ResponseEntity<Void> assessCadre(Caller caller, @PathVariable UUID id,
                                     @Valid @RequestBody CadreAssessmentRequest r) {
        service.assessCadre(caller, id, r.memberId(), r.score());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/rounds/{id}/resident-codes")
    ResponseEntity<Codes> issueCodes(Caller caller, @PathVariable UUID id, @Valid @RequestBody CodesRequest r) {
        return ResponseEntity.status(201).body(new Codes(r.communityId(),
                service.issueCodes(caller, id, r.communityId(), r.count())));
    }

    /** Without a token (zz.security.open-paths): residents have no account. */
    @PostMapping("/api/v1/resident-ratings")
    ResponseEntity<Void> rateWithCode(@Valid @RequestBody ResidentRatingRequest r) {
        service.rateWithCode(r.code(), r.score());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/rounds/{id}/close")
    Round close(Caller caller, @PathVariable UUID id, @Valid @RequestBody CloseRequest r) {
        return service.close(caller, id, r.version());
    }

    @GetMapping("/api/v1/rounds/{id}/scores")
    List<RoundStore.Ranked> ranking(Caller caller, @PathVariable UUID id) {
        return service.ranking(caller, id);
    }

    @GetMapping("/api/v1/rounds/{id}/scores/{organisationId}")
    ScoreView explanation(Caller caller, @PathVariable UUID id, @PathVariable UUID organisationId) {
        return service.explanation(caller, id, organisationId);
    }

    @GetMapping("/api/v1/rounds/{id}/cadre-scores")
    List<CadreStore.RankedCadre> cadreRanking(Caller caller, @PathVariable UUID id) {
        return service.cadreRanking(caller, id);
    }

    @GetMapping("/api/v1/rounds/{id}/cadre-scores/{memberId}")
    CadreScore cadreExplanation(Caller caller, @PathVariable UUID id, @PathVariable UUID memberId) {
        return service.cadreExplanation(caller, id, memberId);
    }

    @PostMapping("/api/v1/rounds/{id}/scores/{organisationId}/calibration")
    ScoreView calibrate(Caller caller, @PathVariable UUID id, @PathVariable UUID organisationId,
                        @Valid @RequestBody CalibrationRequest r) {
        return service.calibrate(caller, id, organisationId, r.score().setScale(2), r.reason().strip());
    }

    @PostMapping("/api/v1/rounds/{id}/grades")
    List<RoundStore.Ranked> grade(Caller caller, @PathVariable UUID id, @Valid @RequestBody GradesRequest r) {
        Map<UUID, Grade> grades = new LinkedHashMap<>();
        r.grades().forEach(g -> grades.put(g.organisationId(), g.grade()));
        return service.grade(caller, id, grades);
    }

    /** 创先争优: the best {@code top} of the round and every organisation graded 优秀. */
    @GetMapping("/api/v1/rounds/{id}/honours")
    List<RoundStore.Ranked> honours(Caller caller, @PathVariable UUID id,
                                    @RequestParam(defaultValue = "10") @Min(1) @Max(1000) int top) {
        return service.honours(caller, id, top);
    }
}
