package cn.zhangzhou.partybuilding.dashboard.testing;

import static cn.zhangzhou.partybuilding.dashboard.testing.DistrictEvents.member;
import static cn.zhangzhou.partybuilding.dashboard.testing.DistrictEvents.organisation;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/**
 * The article's city (docs/domain.md, "Figures from the article") as the districts' services publish it: 264
 * community organisations over the eleven districts (the local platform's demo split), 83 grids and 248 party
 * groups in Xiangcheng, 29 community workers in Xiangcheng and Longwen with 16 in the two committees, and Zhangpu's
 * 城西社区 (绥安镇) in 2015: 150 wishes claimed (and confirmed) for 35 residents, with wishes of 2016 beside them.
 */
public final class ArticleCity {

    public static final String XIANGCHENG = "xiangcheng";
    public static final String LONGWEN = "longwen";
    public static final String ZHANGPU = "zhangpu";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Communities per district, adding up to 264, as the local platform's demo data has them. */
    public static final Map<String, Integer> COMMUNITIES = new LinkedHashMap<>();

    static {
        COMMUNITIES.put(XIANGCHENG, 54);
        COMMUNITIES.put(LONGWEN, 24);
        COMMUNITIES.put("longhai", 38);
        COMMUNITIES.put("changtai", 12);
        COMMUNITIES.put(ZHANGPU, 30);
        COMMUNITIES.put("yunxiao", 20);
        COMMUNITIES.put("zhaoan", 22);
        COMMUNITIES.put("dongshan", 16);
        COMMUNITIES.put("nanjing", 18);
        COMMUNITIES.put("pinghe", 16);
        COMMUNITIES.put("huaan", 14);
    }

    /** Each district's committee (区委), its streets and its communities, in the order made. */
    public final Map<String, UUID> committees = new LinkedHashMap<>();
    public final Map<String, List<UUID>> streets = new LinkedHashMap<>();
    public final Map<String, List<UUID>> communities = new LinkedHashMap<>();
    /** The members each district holds (Xiangcheng's and Longwen's). */
    public final Map<String, List<UUID>> members = new LinkedHashMap<>();
    /** 南坑街道 and 新桥街道 of Xiangcheng, 群裕社区 and 华港社区 under 南坑街道; 绥安镇 and its 城西社区 in Zhangpu. */
    public UUID nankeng;
    public UUID xinqiao;
    public UUID qunyu;
    public UUID huagang;
    public UUID suian;
    public UUID chengxi;

    private ArticleCity() {
    }

    static ArticleCity feed(RunningDashboard dashboard) {
        ArticleCity city = new ArticleCity();
        COMMUNITIES.forEach(city::district);
        city.xiangchengGrids();
        city.workers(XIANGCHENG, 17, 9);
        city.workers(LONGWEN, 12, 7);
        city.chengxiWishes();
        int sent = DistrictEvents.sent();
        await("the article's " + sent + " events consumed").atMost(Duration.ofMinutes(3))
                .until(() -> dashboard.consumed() >= sent);
        return city;
    }

    private void district(String district, int count) {
        UUID committee = organisation(district, OrganisationType.DISTRICT_COMMITTEE, null, district + "区委");
        committees.put(district, committee);
        List<String> names = switch (district) {
            case XIANGCHENG -> List.of("南坑街道", "新桥街道", "西桥街道");
            case ZHANGPU -> List.of("绥安镇", "旧镇镇");
            default -> List.of(district + "一街道", district + "二街道");
        };
        List<UUID> ids = new ArrayList<>();
        names.forEach(name -> ids.add(organisation(district, OrganisationType.STREET_COMMITTEE, committee, name)));
        streets.put(district, ids);
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = switch (district + i) {
                case "xiangcheng0" -> "群裕社区";
                case "xiangcheng1" -> "华港社区";
                case "zhangpu0" -> "城西社区";
                default -> district + "第" + (i + 1) + "社区";
            };
            // The first two communities of a district under its first street, the rest in turn.
            UUID street = ids.get(i < 2 ? 0 : i % ids.size());
            made.add(organisation(district, OrganisationType.COMMUNITY, street, name));
        }
        communities.put(district, made);
        if (district.equals(XIANGCHENG)) {
            nankeng = ids.get(0);
            xinqiao = ids.get(1);
            qunyu = made.get(0);
            huagang = made.get(1);
        } else if (district.equals(ZHANGPU)) {
            suian = ids.get(0);
            chengxi = made.get(0);
        }
    }

    /** 83 grids over Xiangcheng's communities, 248 party groups over the grids. */
    private void xiangchengGrids() {
        List<UUID> in = communities.get(XIANGCHENG);
        List<UUID> grids = new ArrayList<>();
        for (int i = 0; i < 83; i++) {
            grids.add(organisation(XIANGCHENG, OrganisationType.GRID, in.get(i % in.size()), "第" + (i + 1) + "网格"));
        }
        for (int i = 0; i < 248; i++) {
            organisation(XIANGCHENG, OrganisationType.PARTY_GROUP, grids.get(i % grids.size()), "第" + (i + 1) + "党小组");
        }
    }

    /** The district's community workers, {@code inCommittees} of them in the two committees, and two other members. */
    private void workers(String district, int workers, int inCommittees) {
        List<UUID> in = communities.get(district);
        CadreRole[] roles = CadreRole.values();
        List<UUID> held = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            held.add(member(district, in.get(i % in.size()), MemberCategory.IN_SERVICE,
                    i < inCommittees ? roles[i % roles.length] : null, true));
        }
        held.add(member(district, in.get(0), MemberCategory.RETIRED, null, false));
        held.add(member(district, in.get(1), MemberCategory.MOBILE, null, false));
        members.put(district, held);
    }

    /** 城西社区 2015: 150 wishes of 35 residents through to confirmation; 2016: 4 more, claimed. */
    private void chengxiWishes() {
        List<UUID> residents = new ArrayList<>();
        for (int i = 0; i < 35; i++) {
            residents.add(UUID.randomUUID());
        }
        for (int i = 0; i < 150; i++) {
            LocalDate day = LocalDate.of(2015, 1, 1).plusDays(i * 2L);
            DistrictEvents.wish(ZHANGPU, chengxi, residents.get(i % 35), day.atTime(9, 0).atZone(CHINA).toInstant(), 5);
        }
        for (int i = 0; i < 4; i++) {
            DistrictEvents.wish(ZHANGPU, chengxi, residents.get(i),
                    LocalDate.of(2016, 3, 1 + i).atTime(9, 0).atZone(CHINA).toInstant(), 3);
        }
    }
}
