package cn.zhangzhou.partybuilding.dashboard.figures;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Csv;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * The dashboard's read API: the figures of the city, a district, a street or a community with those one level down
 * (drill-down city → district → street → community), each district's freshness, the reconciliation of the city with
 * its districts, a district's rankings (paged: the one list that grows with the district); every table also as CSV
 * ({@code .csv}, whole). {@code from} and {@code to} (days, both included) limit the figures that have a time: wishes
 * and hours.
 */
@RestController
@Validated
class FiguresController {

    private final FiguresService figures;

    FiguresController(FiguresService figures) {
        this.figures = figures;
    }

    @GetMapping("/api/v1/city")
    FiguresService.View city(Caller caller, @RequestParam(required = false) LocalDate from,
                             @RequestParam(required = false) LocalDate to) {
        return figures.city(caller, Period.of(from, to));
    }

    @GetMapping(value = "/api/v1/city.csv", produces = "text/csv")
    ResponseEntity<byte[]> cityCsv(Caller caller, @RequestParam(required = false) LocalDate from,
                                   @RequestParam(required = false) LocalDate to) {
        return csv("city.csv", figures.city(caller, Period.of(from, to)));
    }

    @GetMapping("/api/v1/districts/{district}")
    FiguresService.View district(Caller caller, @PathVariable String district,
                                 @RequestParam(required = false) LocalDate from,
                                 @RequestParam(required = false) LocalDate to) {
        return figures.district(caller, district, Period.of(from, to));
    }

    @GetMapping(value = "/api/v1/districts/{district}.csv", produces = "text/csv")
    ResponseEntity<byte[]> districtCsv(Caller caller, @PathVariable String district,
                                       @RequestParam(required = false) LocalDate from,
                                       @RequestParam(required = false) LocalDate to) {
        return csv(district + ".csv", figures.district(caller, district, Period.of(from, to)));
    }

    @GetMapping("/api/v1/organisations/{id}")
    FiguresService.View organisation(Caller caller, @PathVariable UUID id,
                                     @RequestParam(required = false) LocalDate from,
                                     @RequestParam(required = false) LocalDate to) {
        return figures.organisation(caller, id, Period.of(from, to));
    }

    @GetMapping(value = "/api/v1/organisations/{id}.csv", produces = "text/csv")
    ResponseEntity<byte[]> organisationCsv(Caller caller, @PathVariable UUID id,
                                           @RequestParam(required = false) LocalDate from,
                                           @RequestParam(required = false) LocalDate to) {
        return csv("organisation-" + id + ".csv", figures.organisation(caller, id, Period.of(from, to)));
    }

    @GetMapping("/api/v1/freshness")
    List<FiguresService.DistrictFreshness> freshness(Caller caller) {
        return figures.freshness(caller);
    }

    @GetMapping(value = "/api/v1/freshness.csv", produces = "text/csv")
    ResponseEntity<byte[]> freshnessCsv(Caller caller) {
        return Csv.attachment("freshness.csv", lines(List.of("district", "name", "last_event_at", "received_at",
                "stale"), figures.freshness(caller).stream().map(f -> List.of(f.district(), f.name(),
                Objects.toString(f.lastEventAt(), ""), Objects.toString(f.receivedAt(), ""),
                String.valueOf(f.stale())))));
    }

    @GetMapping("/api/v1/reconciliation")
    List<FiguresService.Reconciled> reconciliation(Caller caller, @RequestParam(required = false) LocalDate from,
                                                   @RequestParam(required = false) LocalDate to) {
        return figures.reconciliation(caller, Period.of(from, to));
    }

    @GetMapping(value = "/api/v1/reconciliation.csv", produces = "text/csv")
    ResponseEntity<byte[]> reconciliationCsv(Caller caller, @RequestParam(required = false) LocalDate from,
                                             @RequestParam(required = false) LocalDate to) {
        return Csv.attachment("reconciliation.csv", lines(List.of("figure", "city", "sum_of_districts",
                "difference", "equal"), figures.reconciliation(caller, Period.of(from, to)).stream()
                .map(r -> List.of(r.figure(), String.valueOf(r.city()), String.valueOf(r.sumOfDistricts()),
                        String.valueOf(r.difference()), String.valueOf(r.equal())))));
    }

    @GetMapping("/api/v1/districts/{district}/rankings")
    Page<FiguresService.Ranking> rankings(Caller caller, @PathVariable String district,
                                          @RequestParam @Min(2000) @Max(2100) int year,
                                          @RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return figures.rankings(caller, district, year, page, size);
    }

    @GetMapping(value = "/api/v1/districts/{district}/rankings.csv", produces = "text/csv")
    ResponseEntity<byte[]> rankingsCsv(Caller caller, @PathVariable String district,
                                       @RequestParam @Min(2000) @Max(2100) int year) {
        return Csv.attachment("rankings-" + district + "-" + year + ".csv", lines(List.of("level", "rank",
                "organisation_id", "name", "score", "round_id"), figures.allRankings(caller, district, year).stream()
                .map(r -> List.of(r.level(), Objects.toString(r.rank(), ""), r.organisationId().toString(),
                        Objects.toString(r.name(), ""), r.score() == null ? "" : r.score().toPlainString(),
                        r.roundId().toString()))));
    }

    /** The scope's own row first, then its children's; a column per figure. */
    private static ResponseEntity<byte[]> csv(String filename, FiguresService.View view) {
        List<String> header = new ArrayList<>(List.of("scope", "name"));
        header.addAll(view.total().values().keySet());
        return Csv.attachment(filename, lines(header, Stream.concat(Stream.of(view.total()), view.children().stream())
                .map(f -> Stream.concat(Stream.of(f.scope(), f.name()),
                        f.values().values().stream().map(String::valueOf)).toList())));
    }

    private static String lines(List<String> header, Stream<List<String>> rows) {
        return Stream.concat(Stream.of(header), rows)
                .map(row -> row.stream().map(Csv::field).collect(Collectors.joining(",")) + "\r\n")
                .collect(Collectors.joining());
    }
}
