package cn.zhangzhou.partybuilding.dashboard.figures;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The figures of scopes, read from the projection's tables. Every read groups the rows by a scope CTE
 * {@code s(org_id, bucket, label)}: which organisations (by id) count in which bucket (a district, a street, a
 * community) and its name. Streets and communities take every organisation below them by a recursive walk down the
 * parent links; districts take the organisations their own topic told of.
 */
@Repository
class FiguresStore {

    private static final String ALL_OF_CITY = """
            s(org_id, bucket, label) as (
              select id, 'city', 'city' from organisation
              union select home_organisation_id, 'city', 'city' from member
              union select community_id, 'city', 'city' from wish_step
              union select community_id, 'city', 'city' from hours)""";
    private static final String BY_DISTRICT = """
            s(org_id, bucket, label) as (select id, district, district from organisation)""";
    private static final String DISTRICT = """
            s(org_id, bucket, label) as (select id, district, district from organisation where district = :id)""";
    private static final String DOWN = """
            s(org_id, bucket, label) as (
              select id, cast(id as text), name from organisation where %s
              union all
              select o.id, s.bucket, s.label from organisation o join s on o.parent_id = s.org_id)""";
    private static final String STREETS_OF_DISTRICT = DOWN.formatted(
            "district = :id and type = 'STREET_COMMITTEE' and active");
    private static final String ORGANISATION = DOWN.formatted("id = cast(:id as uuid)");
    private static final String COMMUNITIES_BELOW = DOWN.formatted(
            "parent_id = cast(:id as uuid) and type = 'COMMUNITY' and active");

    private static final String FIGURES = """
            with recursive %s,
            org_figures as (
              select bucket, count(*) filter (where o.type = 'COMMUNITY') communities,
                count(*) filter (where o.type = 'GRID') grids, count(*) filter (where o.type = 'PARTY_GROUP') party_groups
              from s join organisation o on o.id = s.org_id where o.active group by bucket),
            member_figures as (
              select bucket, count(*) members,
                count(*) filter (where m.category = 'IN_SERVICE') members_in_service,
                count(*) filter (where m.category = 'RETIRED') members_retired,
                count(*) filter (where m.category = 'MOBILE') members_mobile,
                count(*) filter (where m.category = 'OTHER') members_other,
                count(*) filter (where m.community_worker) community_workers,
                count(*) filter (where m.community_worker and m.cadre_role is not null) community_workers_in_committees
              from s join member m on m.home_organisation_id = s.org_id where m.active group by bucket),
            wish_figures as (
              select bucket, count(distinct t.wish_id) filter (where t.step = 'POST') wishes_posted,
                count(distinct t.wish_id) filter (where t.step = 'PUBLISH') wishes_published,
                count(distinct t.wish_id) filter (where t.step = 'CLAIM') wishes_claimed,
                count(distinct t.wish_id) filter (where t.step = 'FULFIL') wishes_fulfilled,
                count(distinct t.wish_id) filter (where t.step = 'CONFIRM') wishes_confirmed,
                count(distinct w.beneficiary_id) filter (where t.step = 'CONFIRM') residents_helped
              from s join wish_step t on t.community_id = s.org_id left join wish w on w.id = t.wish_id
              where t.at >= :from and t.at < :to group by bucket),
            hour_figures as (
              select bucket, coalesce(sum(h.minutes) filter (where not h.training), 0) service_minutes,
                coalesce(sum(h.minutes) filter (where h.training), 0) training_minutes
              from s join hours h on h.community_id = s.org_id
              where h.served_on >= :fromDay and h.served_on < :toDay group by bucket),
            buckets as (select distinct bucket, label from s)
            select b.bucket scope, b.label name, coalesce(communities, 0) communities, coalesce(grids, 0) grids,
              coalesce(party_groups, 0) party_groups, coalesce(members, 0) members,
              coalesce(members_in_service, 0) members_in_service, coalesce(members_retired, 0) members_retired,
              coalesce(members_mobile, 0) members_mobile, coalesce(members_other, 0) members_other,
              coalesce(community_workers, 0) community_workers,
              coalesce(community_workers_in_committees, 0) community_workers_in_committees,
              coalesce(wishes_posted, 0) wishes_posted, coalesce(wishes_published, 0) wishes_published,
              coalesce(wishes_claimed, 0) wishes_claimed, coalesce(wishes_fulfilled, 0) wishes_fulfilled,
              coalesce(wishes_confirmed, 0) wishes_confirmed, coalesce(residents_helped, 0) residents_helped,
              coalesce(service_minutes, 0) service_minutes, coalesce(training_minutes, 0) training_minutes
            from buckets b left join org_figures using (bucket) left join member_figures using (bucket)
              left join wish_figures using (bucket) left join hour_figures using (bucket)
            order by b.label, b.bucket
            """;

    private final JdbcClient jdbc;

    FiguresStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The whole city, every row counted once, whether or not its organisation is known yet. */
    Figures city(Period period) {
        return figures(ALL_OF_CITY, null, period).stream().findFirst().orElse(Figures.zero("city", "city"));
    }

    /** Each district's figures, by the organisations of its tree. */
    List<Figures> byDistrict(Period period) {
        return figures(BY_DISTRICT, null, period);
    }

    Figures district(String district, Period period) {
        return figures(DISTRICT, district, period).stream().findFirst().orElse(Figures.zero(district, district));
    }

    List<Figures> streetsOf(String district, Period period) {
        return figures(STREETS_OF_DISTRICT, district, period);
    }

    Figures organisation(UUID organisation, Period period) {
        return figures(ORGANISATION, organisation.toString(), period).get(0);
    }

    List<Figures> communitiesBelow(UUID organisation, Period period) {
        return figures(COMMUNITIES_BELOW, organisation.toString(), period);
    }

    /** Approved hours of the scope by category (分类: the specialty of the shift, GENERAL without one), trainings apart. */
    List<FiguresService.HoursByCategory> cityHours(Period period) {
        return hours(ALL_OF_CITY, null, period);
    }

    List<FiguresService.HoursByCategory> districtHours(String district, Period period) {
        return hours(DISTRICT, district, period);
    }

    List<FiguresService.HoursByCategory> organisationHours(UUID organisation, Period period) {
        return hours(ORGANISATION, organisation.toString(), period);
    }

    private List<FiguresService.HoursByCategory> hours(String scope, String id, Period period) {
        return jdbc.sql("with recursive " + scope + """
                         select coalesce(h.specialty, 'GENERAL') category, h.training, sum(h.minutes) minutes
                        from s join hours h on h.community_id = s.org_id
                        where h.served_on >= :fromDay and h.served_on < :toDay
                        group by 1, 2 order by 2, 1
                        """)
                .param("id", id)
                .param("fromDay", period.from())
                .param("toDay", period.to().plusDays(1))
                .query(FiguresService.HoursByCategory.class).list();
    }

    Optional<Organisation> findOrganisation(UUID id) {
        return jdbc.sql("select id, district, type, name from organisation where id = ?").param(id)
                .query(Organisation.class).optional();
    }

    private List<Figures> figures(String scope, String id, Period period) {
        return jdbc.sql(FIGURES.formatted(scope))
                .param("id", id)
                .param("from", Timestamp.from(period.start()))
                .param("to", Timestamp.from(period.end()))
                .param("fromDay", period.from())
                .param("toDay", period.to().plusDays(1))
                .query(Figures.class).list();
    }

    /** An organisation of some district, as its events told it. */
    record Organisation(UUID id, String district, String type, String name) {
    }

    /** The district's freshness, or none before its first event. */
    List<Freshness> freshness() {
        return jdbc.sql("select district, last_event_at, received_at from district_freshness order by district")
                .query((rs, i) -> new Freshness(rs.getString("district"), rs.getTimestamp("last_event_at").toInstant(),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    record Freshness(String district, Instant lastEventAt, Instant receivedAt) {
    }

    /** Each organisation's score and rank of the year's closed rounds in the district, best first per level. */
    List<FiguresService.Ranking> rankings(String district, int year, long offset, int limit) {
        return jdbc.sql("""
                        select s.level, s.rank, s.organisation_id, o.name, s.score, s.round_id
                        from score s left join organisation o on o.id = s.organisation_id
                        where s.district = ? and s.year = ?
                        order by s.level, s.rank nulls last, s.score desc, s.organisation_id
                        offset ? limit ?
                        """)
                .params(district, year, offset, limit).query(FiguresService.Ranking.class).list();
    }

    long rankingCount(String district, int year) {
        return jdbc.sql("select count(*) from score where district = ? and year = ?").params(district, year)
                .query(Long.class).single();
    }

}
