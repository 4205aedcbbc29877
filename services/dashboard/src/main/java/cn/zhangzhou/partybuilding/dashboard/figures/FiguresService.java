package cn.zhangzhou.partybuilding.dashboard.figures;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.dashboard.DashboardProperties;
import cn.zhangzhou.partybuilding.dashboard.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;

/** The figures of a scope and its children (drill-down), checked against the caller's scope first. */
@Service
class FiguresService {

    /** A scope's own figures, its hours by category, and the figures of each scope one level down. */
    record View(Figures total, List<HoursByCategory> hours, List<Figures> children) {
    }

    /** Minutes of approved hours of one category, of service or of training. */
    record HoursByCategory(String category, boolean training, long minutes) {
    }

    /** 创先争优: one organisation's place in a closed round. */
    record Ranking(String level, Integer rank, UUID organisationId, String name, BigDecimal score, UUID roundId) {
    }

    /** A district's last event and whether it has been silent too long (never heard from: stale). */
    record DistrictFreshness(String district, String name, Instant lastEventAt, Instant receivedAt, boolean stale) {
    }

    /** One figure of the city against the sum of the districts' own. */
    record Reconciled(String figure, long city, long sumOfDistricts, long difference, boolean equal) {
    }

    private final FiguresStore store;
    private final AccessPolicy policy;
    private final DashboardProperties properties;
    private final Clock clock;

    FiguresService(FiguresStore store, AccessPolicy policy, DashboardProperties properties, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.properties = properties;
        this.clock = clock;
    }

    /** The city's figures, every row once, and each district's (all eleven, in their fixed order). */
    @Transactional(readOnly = true)
    View city(Caller caller, Period period) {
        policy.requireCity(caller);
        return new View(store.city(period), store.cityHours(period), districts(period));
    }

    @Transactional(readOnly = true)
    View district(Caller caller, String district, Period period) {
        requireKnown(district);
        policy.requireDistrict(caller, district);
        return new View(store.district(district, period), store.districtHours(district, period),
                store.streetsOf(district, period));
    }

    @Transactional(readOnly = true)
    View organisation(Caller caller, UUID id, Period period) {
        policy.requireStaff(caller);
        FiguresStore.Organisation organisation = store.findOrganisation(id)
                .orElseThrow(() -> new NotFoundException("No organisation " + id + " is known to the dashboard"));
        policy.requireOrganisation(caller, organisation.district(), id);
        return new View(store.organisation(id, period), store.organisationHours(id, period),
                store.communitiesBelow(id, period));
    }

    @Transactional(readOnly = true)
    List<DistrictFreshness> freshness(Caller caller) {
        policy.requireCity(caller);
        Map<String, FiguresStore.Freshness> heard = store.freshness().stream()
                .collect(Collectors.toMap(FiguresStore.Freshness::district, Function.identity()));
        Instant silentSince = clock.instant().minus(properties.staleAfter());
        return Districts.IDS.stream().map(d -> {
            FiguresStore.Freshness f = heard.get(d);
            return f == null ? new DistrictFreshness(d, Districts.NAMES.get(d), null, null, true)
                    : new DistrictFreshness(d, Districts.NAMES.get(d), f.lastEventAt(), f.receivedAt(),
                    f.lastEventAt().isBefore(silentSince));
        }).toList();
    }

    /**
     * Each figure of the city (every row counted once) against the sum of the districts' figures (rows counted under
     * the organisations of a district's tree). They differ by the rows whose organisation no district has told of yet.
     */
    @Transactional(readOnly = true)
    List<Reconciled> reconciliation(Caller caller, Period period) {
        policy.requireCity(caller);
        Map<String, Long> city = store.city(period).values();
        List<Map<String, Long>> districts = districts(period).stream().map(Figures::values).toList();
        return city.entrySet().stream().map(figure -> {
            long sum = districts.stream().mapToLong(d -> d.get(figure.getKey())).sum();
            return new Reconciled(figure.getKey(), figure.getValue(), sum, figure.getValue() - sum,
                    figure.getValue() == sum);
        }).toList();
    }

    /** One page of the district's rankings of the year. */
    @Transactional(readOnly = true)
    Page<Ranking> rankings(Caller caller, String district, int year, int page, int size) {
        requireKnown(district);
        policy.requireDistrict(caller, district);
        return Page.of(store.rankings(district, year, (long) page * size, size), page, size,
                store.rankingCount(district, year));
    }

    /** All of the district's rankings of the year (the CSV export). */
    @Transactional(readOnly = true)
    List<Ranking> allRankings(Caller caller, String district, int year) {
        requireKnown(district);
        policy.requireDistrict(caller, district);
        return store.rankings(district, year, 0, Integer.MAX_VALUE);
    }

    private List<Figures> districts(Period period) {
        Map<String, Figures> known = store.byDistrict(period).stream()
                .collect(Collectors.toMap(Figures::scope, Function.identity()));
        return Districts.IDS.stream().map(d -> known.getOrDefault(d, Figures.zero(d, d))).toList();
    }

    private static void requireKnown(String district) {
        if (!Districts.isKnown(district)) {
            throw new NotFoundException("No district " + district + "; the districts are " + Districts.IDS);
        }
    }
}
