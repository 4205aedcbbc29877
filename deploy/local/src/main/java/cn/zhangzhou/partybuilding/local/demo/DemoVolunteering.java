package cn.zhangzhou.partybuilding.local.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/**
 * The volunteering demo data: the article's brand projects (一社区一品牌, docs/domain.md) in 芗城区, their service
 * records by outcome type in the year before the current one, and 南坑街道's patrol team of retired members. The
 * figures are the article's; how they spread over the months is the demo's.
 */
public final class DemoVolunteering {

    public static final String DISTRICT = DemoData.XIANGCHENG;
    public static final String PATROL_STREET = "南坑街道";
    /** 南坑街道's patrol team (治安巡逻队): twelve members, its lead the first of them. */
    public static final int PATROL_TEAM_SIZE = 12;

    /** A month's service records of one type: {@code quantity} in {@code month} (1-12). */
    public record Record(String type, int quantity, int month) {
    }

    /** A brand project of the community or street {@code organisationName}, with its records. */
    public record BrandProject(String key, String organisationName, String name, String description,
                               List<Record> records) {

        public long total(String type) {
            return records.stream().filter(r -> r.type().equals(type)).mapToLong(Record::quantity).sum();
        }
    }

    /** 群裕社区's judge's studio: 54 pre-trial mediations, 19 post-judgment explanations. */
    public static final BrandProject JUDGES_STUDIO = new BrandProject("judges-studio", "群裕社区", "法官工作室",
            "驻社区法官开展诉前调解、判后答疑", List.of(
                    new Record("MEDIATION", 14, 3), new Record("MEDIATION", 12, 5), new Record("MEDIATION", 15, 8),
                    new Record("MEDIATION", 13, 11), new Record("JUDGMENT_EXPLANATION", 6, 4),
                    new Record("JUDGMENT_EXPLANATION", 7, 7), new Record("JUDGMENT_EXPLANATION", 6, 10)));
    /** 南坑街道's patrol of retired members: 3 criminal leads reported, 17 suspects caught. */
    public static final BrandProject PATROL = new BrandProject("patrol", PATROL_STREET, "老党员治安巡逻队",
            "退休党员组成巡逻队，提供破案线索、协助抓获嫌疑人", List.of(
                    new Record("CRIMINAL_LEAD", 1, 2), new Record("CRIMINAL_LEAD", 2, 9),
                    new Record("SUSPECT_CAUGHT", 6, 3), new Record("SUSPECT_CAUGHT", 5, 6),
                    new Record("SUSPECT_CAUGHT", 6, 10)));
    /** 华港社区's 400 m² station and its free classes (computer, calligraphy, photography). */
    public static final BrandProject STATION = new BrandProject("station", "华港社区", "党群连心驿站",
            "400平方米党群连心驿站，免费开设电脑、书法、摄影培训班", List.of(
                    new Record("CLASS", 12, 3), new Record("CLASS", 10, 6), new Record("CLASS", 14, 9),
                    new Record("CONSULTATION", 20, 5)));

    public static final List<BrandProject> BRAND_PROJECTS = List.of(JUDGES_STUDIO, PATROL, STATION);

    /** The service post (服务岗位) of 南坑街道's patrol in each community its volunteers serve in: 巡逻岗. */
    public static final String PATROL_POST = "治安巡逻岗";
    /** Volunteers of the patrol team per community whose hours are recorded: the first ones of each community. */
    public static final int HOURS_PER_COMMUNITY = 3;

    /**
     * Hours a patrol volunteer served on the post of their community: {@code minutes} on the 10th of {@code month}
     * of the year evaluated (this one), or today when that day is still to come.
     */
    public record Shift(DemoMember member, int month, int minutes) {
    }

    private DemoVolunteering() {
    }

    /**
     * The patrol's hours: up to {@link #HOURS_PER_COMMUNITY} volunteers of the team in each community they live in
     * (the lead first), each with one entry of 2 to 4 hours, spread over the year's first months.
     */
    public static List<Shift> patrolHours(DemoDistrict xiangcheng) {
        List<Shift> shifts = new ArrayList<>();
        Map<String, Integer> perCommunity = new HashMap<>();
        for (DemoMember m : patrolTeam(xiangcheng)) {
            int n = perCommunity.merge(m.residenceCommunityCode(), 1, Integer::sum);
            if (n <= HOURS_PER_COMMUNITY) {
                int i = shifts.size();
                shifts.add(new Shift(m, 1 + i % 6, 120 + 60 * (i % 3)));
            }
        }
        return List.copyOf(shifts);
    }

    /**
     * The patrol team: members living in 南坑街道's communities, retired first, then by key; the lead is the first.
     * Empty when the district's data has too few (it never has).
     */
    public static List<DemoMember> patrolTeam(DemoDistrict xiangcheng) {
        String street = organisationCode(xiangcheng, PATROL_STREET);
        Set<String> communities = xiangcheng.organisations(OrganisationType.COMMUNITY).stream()
                .filter(o -> street.equals(o.parentCode())).map(DemoOrganisation::code).collect(Collectors.toSet());
        return xiangcheng.members().stream()
                .filter(m -> DISTRICT.equals(m.residenceDistrict()) && communities.contains(m.residenceCommunityCode()))
                .sorted(Comparator.comparing((DemoMember m) -> m.category() != MemberCategory.RETIRED)
                        .thenComparing(DemoMember::key))
                .limit(PATROL_TEAM_SIZE)
                .toList();
    }

    /**
     * The code of the community or street {@code name} in the district's data, whose organisations are named after
     * them (群裕社区党委, 中共南坑街道工作委员会).
     */
    public static String organisationCode(DemoDistrict district, String name) {
        return district.organisations().stream()
                .filter(o -> o.type() == OrganisationType.COMMUNITY || o.type() == OrganisationType.STREET_COMMITTEE)
                .filter(o -> o.name().contains(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no organisation " + name + " in " + district.id()))
                .code();
    }
}
