package cn.zhangzhou.partybuilding.local.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.local.demo.DemoWish.DemoBeneficiary;
import cn.zhangzhou.partybuilding.local.demo.DemoWish.Replay;

/**
 * The wishes (微心愿) demo data, on top of the membership demo data of the same districts. Pure and
 * deterministic.
 * <ul>
 *   <li>芗城区 and 龙文区: in every community one wish in each state from POSTED to CONFIRMED, claimed by a
 *       member living in the community (one per community: each claimer needs an account in identity and a sign-in
 *       to act), now, so the menu and this year's report show something real.</li>
 *   <li>漳浦县: the year 2015 of 绥安镇城西社区 replayed (see docs/domain.md and decision 0010): 150 wishes posted,
 *       published, claimed, fulfilled and confirmed for 35 residents, several wishes for most of them.</li>
 * </ul>
 * Other districts get no wishes.
 */
public final class DemoWishes {

    public static final String ZHANGPU = "zhangpu";
    /** 绥安镇城西社区 of 漳浦县. */
    public static final String CHENGXI = "城西社区";
    public static final int REPLAY_YEAR = 2015;
    public static final int CHENGXI_2015_CLAIMED = 150;
    public static final int CHENGXI_2015_HELPED = 35;
    /** The wishes service's default ceiling (zz.wishes.value-ceiling-yuan): demo values stay under it. */
    public static final int VALUE_CEILING_YUAN = 500;

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final long SEED = 20150301L;

    /** What residents in difficulty ask for, by category (descriptions written by the community staff). */
    private static final Map<WishCategory, List<String>> NEEDS = Map.of(
            WishCategory.DAILY_NECESSITIES, List.of("独居老人想要一台电饭煲", "为困难家庭添置过冬棉被两床",
                    "低保户想要一袋大米和一桶食用油", "老人想要一台电风扇度夏"),
            WishCategory.STUDY, List.of("留守儿童想要一套学习用品和书包", "初三学生希望有人辅导数学",
                    "小学生想要一盏护眼台灯", "孩子想要几本课外读物"),
            WishCategory.MEDICAL, List.of("行动不便的老人需要一副助行器", "希望有人陪同到医院复诊",
                    "慢性病老人需要一台电子血压计"),
            WishCategory.COMPANIONSHIP, List.of("空巢老人希望每周有人上门聊天", "老人想请人读报、陪着散步",
                    "残疾人家庭希望节日有人探望"),
            WishCategory.REPAIRS, List.of("老房子厨房水管漏水需要维修", "楼道灯和家里插座坏了需要更换",
                    "卫生间门锁损坏需要修理"),
            WishCategory.OTHER, List.of("老人想学会用智能手机视频通话", "希望帮忙办理高龄补贴申请"));

    private static final String SURNAMES = "陈林黄张李王吴刘蔡杨郑许谢洪郭曾周庄苏叶沈方江赖卢何";
    private static final String GIVEN = "阿美秀兰玉珍金花淑芬春燕水生福来明德桂英丽娟国平";
    private static final int[] VALUES = {30, 50, 60, 80, 100, 120, 150, 200, 260, 300, 380, 450};

    private DemoWishes() {
    }

    /** The wishes of the districts of {@code data} that have any, district → wishes in loading order. */
    public static Map<String, List<DemoWish>> generate(DemoDataSet data) {
        Map<String, List<DemoWish>> wishes = new LinkedHashMap<>();
        for (DemoDistrict d : data.districts()) {
            Random random = new Random(SEED * 31 + d.id().hashCode());
            if (DemoData.XIANGCHENG.equals(d.id()) || DemoData.LONGWEN.equals(d.id())) {
                wishes.put(d.id(), everyStatePerCommunity(d, random));
            } else if (ZHANGPU.equals(d.id())) {
                wishes.put(d.id(), chengxi2015(d, random));
            }
        }
        return wishes;
    }

    private static List<DemoWish> everyStatePerCommunity(DemoDistrict d, Random random) {
        List<DemoWish> wishes = new ArrayList<>();
        for (DemoOrganisation community : d.organisations(OrganisationType.COMMUNITY)) {
            List<String> residents = residents(d, community.code());
            List<String> grids = grids(d, community.code());
            int n = 0;
            for (DemoWishState state : DemoWishState.values()) {
                String key = d.id() + "-" + community.code() + "-w" + (++n);
                WishCategory category = WishCategory.values()[random.nextInt(WishCategory.values().length)];
                String claimer = state.compareTo(DemoWishState.CLAIMED) < 0 ? null : residents.get(0);
                wishes.add(new DemoWish(key, community.code(), grids.get(n % grids.size()), category,
                        need(category, random), VALUES[random.nextInt(VALUES.length)],
                        beneficiary(d, community, random), null, state, claimer, null));
            }
        }
        return wishes;
    }

    /**
     * 城西社区 2015: 150 wishes of 35 people, from January to December. Posting to claim 1..5 days, claim to
     * fulfilment 2..11 days, confirmation the day after; the first 35 wishes bring the 35 people in, the
     * others help them again in turn.
     */
    private static List<DemoWish> chengxi2015(DemoDistrict d, Random random) {
        DemoOrganisation chengxi = d.organisations(OrganisationType.COMMUNITY).stream()
                .filter(o -> o.name().startsWith(CHENGXI)).findFirst()
                .orElseThrow(() -> new IllegalStateException(d.id() + " has no " + CHENGXI));
        List<String> residents = residents(d, chengxi.code());
        List<String> grids = grids(d, chengxi.code());
        LocalDateTime start = LocalDateTime.of(REPLAY_YEAR, 1, 5, 9, 0);
        List<DemoWish> wishes = new ArrayList<>();
        for (int i = 0; i < CHENGXI_2015_CLAIMED; i++) {
            String key = d.id() + "-" + chengxi.code() + "-2015-w" + (i + 1);
            // Spread over the year, in office hours (Beijing time).
            Instant posted = start.plusDays(i * 335L / CHENGXI_2015_CLAIMED).plusHours(i % 8)
                    .atZone(CHINA).toInstant();
            Instant claimed = posted.plus(Duration.ofDays(i % 5 + 1));
            Instant fulfilled = claimed.plus(Duration.ofDays(i % 10 + 2));
            Instant confirmed = fulfilled.plus(Duration.ofDays(1));
            WishCategory category = WishCategory.values()[random.nextInt(WishCategory.values().length)];
            boolean newcomer = i < CHENGXI_2015_HELPED;
            wishes.add(new DemoWish(key, chengxi.code(), grids.get(i % grids.size()), category,
                    need(category, random), VALUES[random.nextInt(VALUES.length)],
                    newcomer ? beneficiary(d, chengxi, random) : null,
                    newcomer ? null : wishes.get(i % CHENGXI_2015_HELPED).key(),
                    DemoWishState.CONFIRMED, residents.get(i % residents.size()),
                    new Replay(posted, claimed, fulfilled, confirmed)));
        }
        return wishes;
    }

    /** Members of the district who live in the community: those the wishes service lets claim there. */
    static List<String> residents(DemoDistrict d, String communityCode) {
        List<String> keys = d.members().stream()
                .filter(m -> m.residenceDistrict().equals(d.id()) && m.residenceCommunityCode().equals(communityCode))
                .map(DemoMember::key).toList();
        if (keys.isEmpty()) {
            throw new IllegalStateException("no member lives in " + d.id() + " " + communityCode);
        }
        return keys;
    }

    private static List<String> grids(DemoDistrict d, String communityCode) {
        return d.organisations(OrganisationType.GRID).stream()
                .filter(g -> communityCode.equals(g.parentCode())).map(DemoOrganisation::code).toList();
    }

    private static String need(WishCategory category, Random random) {
        List<String> texts = NEEDS.get(category);
        return texts.get(random.nextInt(texts.size()));
    }

    private static DemoBeneficiary beneficiary(DemoDistrict d, DemoOrganisation community, Random random) {
        String name = SURNAMES.charAt(random.nextInt(SURNAMES.length())) + ""
                + GIVEN.charAt(random.nextInt(GIVEN.length())) + GIVEN.charAt(random.nextInt(GIVEN.length()));
        String phone = "13" + (5 + random.nextInt(5)) + "%08d".formatted(random.nextInt(100_000_000));
        String place = community.name().endsWith("党委")
                ? community.name().substring(0, community.name().length() - 2) : community.name();
        String address = "福建省漳州市" + d.name() + place + (1 + random.nextInt(30)) + "号楼"
                + (1 + random.nextInt(6)) + "0" + (1 + random.nextInt(4)) + "室";
        return new DemoBeneficiary(name, phone, address);
    }

    /** How many wishes of the district end in each state (for the checks after loading). */
    public static Map<DemoWishState, Long> countByState(List<DemoWish> wishes) {
        Map<DemoWishState, Long> counts = new LinkedHashMap<>();
        for (DemoWishState s : DemoWishState.values()) {
            counts.put(s, wishes.stream().filter(w -> w.state() == s).count());
        }
        return counts;
    }
}
