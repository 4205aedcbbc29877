package cn.zhangzhou.partybuilding.local.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/**
 * Generates the demo data set modelled on the article (小社区 大党建, see docs/domain.md): 264 community
 * organisations city-wide, 83 grids and 248 party groups in 芗城区, 29 community workers in 芗城区 and
 * 龙文区 of whom 16 sit in the two committees, resident units reporting to communities (双报到), and
 * 龙文区 members living in 芗城区 who report there. Pure and deterministic: the same districts give the
 * same data, independent of which other districts are selected (one seeded stream per district).
 * Names, phones and ID numbers are generated and fake.
 */
public final class DemoData {

    /** 特长: what member volunteers offer. */
    public static final List<String> SPECIALTIES = List.of(
            "法律", "医疗", "教育", "书法", "摄影", "电脑", "维修", "文艺", "心理咨询", "治安巡逻");

    static final long SEED = 20170627L;
    static final String XIANGCHENG = "xiangcheng";
    static final String LONGWEN = "longwen";

    /** Communities per district; they add up to the article's 264 (see {@link #CITY_COMMUNITIES}). */
    static final Map<String, Integer> COMMUNITIES = Map.ofEntries(
            Map.entry(XIANGCHENG, 54), Map.entry(LONGWEN, 24), Map.entry("longhai", 38),
            Map.entry("changtai", 12), Map.entry("zhangpu", 30), Map.entry("yunxiao", 20),
            Map.entry("zhaoan", 22), Map.entry("dongshan", 16), Map.entry("nanjing", 18),
            Map.entry("pinghe", 16), Map.entry("huaan", 14));
    public static final int CITY_COMMUNITIES = 264;
    public static final int XIANGCHENG_GRIDS = 83;
    public static final int XIANGCHENG_PARTY_GROUPS = 248;

    private static final Map<String, String> REGION_CODES = Map.ofEntries(
            Map.entry(XIANGCHENG, "350602"), Map.entry(LONGWEN, "350603"), Map.entry("longhai", "350604"),
            Map.entry("changtai", "350605"), Map.entry("zhangpu", "350623"), Map.entry("yunxiao", "350622"),
            Map.entry("zhaoan", "350624"), Map.entry("dongshan", "350626"), Map.entry("nanjing", "350627"),
            Map.entry("pinghe", "350628"), Map.entry("huaan", "350629"));

    /** Streets and towns (街道/镇) with the communities the demo names; further communities are generated. */
    private static final Map<String, List<Street>> STREETS = Map.ofEntries(
            Map.entry(XIANGCHENG, List.of(
                    new Street("南坑街道", List.of("群裕社区", "华港社区", "南坑社区", "金峰社区", "嘉成社区", "龙眼营社区")),
                    new Street("新桥街道", List.of("新桥社区", "东厢社区", "塔口庵社区", "瑞京社区", "下沙社区", "大路头社区")),
                    new Street("西桥街道", List.of("西桥社区", "北斗社区", "钟法社区", "新华社区", "西湖社区", "红星社区")),
                    new Street("东铺头街道", List.of("东铺头社区", "北京路社区", "坂兜社区", "田尾社区", "新城社区")),
                    new Street("巷口街道", List.of("巷口社区", "中山社区", "古塘社区", "江滨社区", "青年社区", "宁安社区")),
                    new Street("通北街道", List.of("通北社区", "澳头社区", "胜利社区", "广场社区", "明发社区")),
                    new Street("石亭镇", List.of("石亭社区", "丹霞社区", "下楼社区", "石仓社区")),
                    new Street("浦南镇", List.of("浦南社区", "溪园社区", "浦西社区")),
                    new Street("天宝镇", List.of("天宝社区", "洛滨社区", "珠里社区", "大寨社区")),
                    new Street("芝山镇", List.of("芝山社区", "大坪社区", "梧桥社区", "岱山社区", "霞东社区",
                            "三湘江社区", "桂林社区", "凤凰社区", "富豪社区")))),
            Map.entry(LONGWEN, List.of(
                    new Street("步文街道", List.of("步文社区", "蔡坂社区", "湘桥社区", "龙文社区", "万松社区")),
                    new Street("蓝田街道", List.of("蓝田社区", "檀林社区", "梧店社区", "蓝田新村社区")),
                    new Street("碧湖街道", List.of("碧湖社区", "西坂社区", "万达社区", "湖滨社区")),
                    new Street("景山街道", List.of("景山社区", "鹤鸣社区", "后坂社区")),
                    new Street("朝阳镇", List.of("朝阳社区", "北山社区", "郭坑社区", "上苑社区")),
                    new Street("郭坑镇", List.of("郭坑镇区社区", "扶摇社区", "蔡坑社区", "洪坑社区")))),
            Map.entry("longhai", streets("石码街道", "海澄镇", "角美镇", "港尾镇", "白水镇")),
            Map.entry("changtai", streets("武安镇", "岩溪镇", "陈巷镇")),
            Map.entry("zhangpu", List.of(new Street("绥安镇", List.of("城西社区")), new Street("旧镇镇", List.of()),
                    new Street("佛昙镇", List.of()), new Street("古雷镇", List.of()))),
            Map.entry("yunxiao", streets("云陵镇", "莆美镇", "陈岱镇")),
            Map.entry("zhaoan", streets("南诏镇", "四都镇", "梅岭镇")),
            Map.entry("dongshan", streets("铜陵镇", "西埔镇", "康美镇")),
            Map.entry("nanjing", streets("山城镇", "靖城镇", "丰田镇")),
            Map.entry("pinghe", streets("小溪镇", "山格镇", "文峰镇")),
            Map.entry("huaan", streets("华丰镇", "丰山镇", "沙建镇")));

    /** Words for generated community names ("<word>社区"). */
    private static final List<String> PLACE_WORDS = List.of(
            "东湖", "南山", "西园", "北门", "龙江", "锦绣", "和平", "幸福", "文昌", "凤鸣", "金山", "银塘", "清溪",
            "玉兰", "桂花", "荔园", "瑞竹", "建设", "光明", "长青", "康乐", "福星", "海滨", "渔港", "城东", "城南",
            "城北", "新街", "旧街", "中心", "学府", "溪南", "溪北", "江东", "桥头", "新村", "大埔", "后埔", "田中",
            "鸿渐", "芦溪", "仙都", "文峰", "龙山", "石井", "霞美", "港口", "白石", "湖内", "双溪", "古城", "岭下",
            "前亭", "官浔", "崇福", "振兴", "东升", "东城", "向阳", "紫云");

    /** Resident units (驻区单位党组织) of the two named districts and whether / where they reported. */
    private static final Map<String, List<Unit>> UNITS = Map.of(
            XIANGCHENG, List.of(
                    new Unit("芗城区人民法院党组", null, "群裕社区", "法律"),
                    new Unit("芗城区实验小学党支部", "南坑街道", "华港社区", "教育"),
                    new Unit("国网漳州供电公司芗城供电服务中心党支部", "新桥街道", "新桥社区", "维修"),
                    new Unit("芗城区税务局党委", null, "西桥社区", "电脑"),
                    new Unit("芗城区人民医院党委", "巷口街道", "巷口社区", "医疗"),
                    new Unit("中国移动漳州芗城分公司党支部", "东铺头街道", "东铺头社区", "电脑"),
                    new Unit("芗城区市场监督管理局党组", null, null, null),
                    new Unit("芗城区第二实验小学党支部", "西桥街道", null, null)),
            LONGWEN, List.of(
                    new Unit("龙文区人民法院党组", null, "蔡坂社区", "法律"),
                    new Unit("龙文区实验小学党支部", "步文街道", "步文社区", "教育"),
                    new Unit("龙文区税务局党委", null, "蓝田社区", "电脑"),
                    new Unit("龙文区卫生健康局党组", null, null, null)));

    /** Community workers (社区工作者) per district and how many of them sit in the two committees (两委). */
    private static final Map<String, int[]> WORKERS = Map.of(XIANGCHENG, new int[] {17, 9}, LONGWEN, new int[] {12, 7});
    public static final int CROSS_DISTRICT_MEMBERS = 6;

    private static final String SURNAMES = "陈林黄张李王吴刘蔡杨郑许谢洪郭曾周庄苏叶沈方江赖卢何戴蓝邱高韩柯游徐";
    private static final String GIVEN = "志明建国丽华秀英伟强文杰俊海燕玲辉婷晓东宏斌红梅振清雅静芳鸿德金水荣福春生丹琳佳欣智勇永坤";
    private static final String[] PHONE_PREFIXES = {"139", "138", "137", "135", "158", "159", "188", "187", "133", "189"};

    private DemoData() {
    }

    /** The demo data of the given districts (ids of {@link Districts#IDS}), in the order given. */
    public static DemoDataSet generate(List<String> districts) {
        List<DemoDistrict> generated = new ArrayList<>();
        Map<String, Builder> builders = new LinkedHashMap<>();
        for (String id : districts) {
            Districts.require(id);
            Builder b = new Builder(id, new Random(SEED * 31 + id.hashCode()));
            b.build();
            builders.put(id, b);
        }
        // Cross-district dual reporting: only when both ends are deployed.
        if (builders.containsKey(XIANGCHENG) && builders.containsKey(LONGWEN)) {
            builders.get(LONGWEN).addMembersLivingIn(builders.get(XIANGCHENG), CROSS_DISTRICT_MEMBERS,
                    new Random(SEED ^ 0x5A5A5A5AL));
        }
        builders.values().forEach(b -> generated.add(b.result()));
        return new DemoDataSet(generated);
    }

    private static List<Street> streets(String... names) {
        return java.util.Arrays.stream(names).map(n -> new Street(n, List.of())).toList();
    }

    private record Street(String name, List<String> communities) {
    }

    /** @param street null when the unit sits directly under the district committee */
    private record Unit(String name, String street, String reportsTo, String specialty) {
    }

    /** Mutable while one district is generated; the records come out at the end. */
    private static final class Draft {
        String key;
        String name;
        String phone;
        String idNumber;
        String address;
        String home;
        String residenceDistrict;
        String residenceCommunity;
        MemberCategory category;
        List<String> specialties = new ArrayList<>();
        CadreRole cadreRole;
        boolean worker;
        String group;
        boolean reports;

        DemoMember toRecord() {
            return new DemoMember(key, name, phone, idNumber, address, home, residenceDistrict, residenceCommunity,
                    category, specialties, cadreRole, worker, group, reports);
        }
    }

    private static final class Builder {
        private final String district;
        private final String districtName;
        private final Random random;
        private final List<DemoOrganisation> organisations = new ArrayList<>();
        private final List<Draft> members = new ArrayList<>();
        private final List<DemoUnitReport> unitReports = new ArrayList<>();
        /** community code → its party group codes. */
        private final Map<String, List<String>> groupsByCommunity = new LinkedHashMap<>();
        private final Map<String, String> communityByName = new LinkedHashMap<>();
        private final Map<String, String> addressPrefix = new LinkedHashMap<>();
        private final Map<String, String> streetByName = new LinkedHashMap<>();
        private int patrolMembers;

        Builder(String district, Random random) {
            this.district = district;
            this.districtName = Districts.NAMES.get(district);
            this.random = random;
        }

        void build() {
            organisations.add(new DemoOrganisation("DC", "中共漳州市" + districtName + "委员会", OrganisationType.DISTRICT_COMMITTEE, null));
            List<Street> streets = STREETS.get(district);
            List<List<String>> communityNames = communityNames(streets, COMMUNITIES.get(district));
            int communityNo = 0;
            List<String> communityCodes = new ArrayList<>();
            for (int s = 0; s < streets.size(); s++) {
                String streetCode = "ST%02d".formatted(s + 1);
                String streetName = streets.get(s).name();
                streetByName.put(streetName, streetCode);
                String committee = streetName.endsWith("镇") ? "中共" + streetName + "委员会" : "中共" + streetName + "工作委员会";
                organisations.add(new DemoOrganisation(streetCode, committee, OrganisationType.STREET_COMMITTEE, "DC"));
                for (String name : communityNames.get(s)) {
                    String code = "CM%03d".formatted(++communityNo);
                    // 社区党组织: named after the community (党委 for all, the demo does not model 党总支/党支部 sizes).
                    organisations.add(new DemoOrganisation(code, name + "党委", OrganisationType.COMMUNITY, streetCode));
                    communityByName.put(name, code);
                    addressPrefix.put(code, "福建省漳州市" + districtName + streetName + name);
                    communityCodes.add(code);
                }
            }
            int gridCount = XIANGCHENG.equals(district) ? XIANGCHENG_GRIDS : communityCodes.size() * 3 / 2;
            int groupCount = XIANGCHENG.equals(district) ? XIANGCHENG_PARTY_GROUPS : gridCount * 2;
            int[] gridsPerCommunity = spread(gridCount, communityCodes.size());
            List<String> gridCodes = new ArrayList<>();
            List<String> gridCommunity = new ArrayList<>();
            for (int c = 0; c < communityCodes.size(); c++) {
                String community = communityCodes.get(c);
                for (int g = 1; g <= gridsPerCommunity[c]; g++) {
                    String code = community + "-G" + g;
                    organisations.add(new DemoOrganisation(code, communityName(community) + "第" + g + "网格",
                            OrganisationType.GRID, community));
                    gridCodes.add(code);
                    gridCommunity.add(community);
                }
            }
            int[] groupsPerGrid = spread(groupCount, gridCodes.size());
            for (int g = 0; g < gridCodes.size(); g++) {
                String grid = gridCodes.get(g);
                for (int p = 1; p <= groupsPerGrid[g]; p++) {
                    String code = grid + "-P" + p;
                    organisations.add(new DemoOrganisation(code,
                            organisation(grid).name() + "第" + p + "党小组", OrganisationType.PARTY_GROUP, grid));
                    groupsByCommunity.computeIfAbsent(gridCommunity.get(g), k -> new ArrayList<>()).add(code);
                }
            }
            addResidents(communityCodes);
            addUnits();
            chooseCommunityWorkers(communityCodes);
        }

        /** Named communities first, then generated ones spread round-robin over the streets. */
        private List<List<String>> communityNames(List<Street> streets, int total) {
            List<List<String>> names = new ArrayList<>();
            Set<String> used = new LinkedHashSet<>();
            for (Street s : streets) {
                names.add(new ArrayList<>(s.communities()));
                used.addAll(s.communities());
            }
            int missing = total - used.size();
            if (missing < 0) {
                throw new IllegalStateException(district + " names more communities than it has");
            }
            List<String> words = new ArrayList<>(PLACE_WORDS);
            java.util.Collections.shuffle(words, random);
            int w = 0;
            for (int i = 0; i < missing; i++) {
                String name;
                do {
                    name = words.get(w++) + "社区";
                } while (!used.add(name));
                names.get(i % streets.size()).add(name);
            }
            return names;
        }

        /** {@code total} items over {@code buckets}, at least one each, the rest at random. */
        private int[] spread(int total, int buckets) {
            int[] counts = new int[buckets];
            java.util.Arrays.fill(counts, 1);
            for (int i = buckets; i < total; i++) {
                counts[random.nextInt(buckets)]++;
            }
            return counts;
        }

        private void addResidents(List<String> communityCodes) {
            boolean named = XIANGCHENG.equals(district) || LONGWEN.equals(district);
            for (int c = 0; c < communityCodes.size(); c++) {
                String community = communityCodes.get(c);
                for (String group : groupsByCommunity.get(community)) {
                    int residents = named ? 1 + random.nextInt(3) : 1;
                    for (int r = 0; r < residents; r++) {
                        Draft m = newMember(community, community);
                        m.group = group;
                        flavour(m, community);
                    }
                }
                // A few residents not yet placed, so the coverage view (覆盖) has something to show.
                if (c % 5 == 2) {
                    newMember(community, community);
                }
            }
        }

        /** The article's concrete examples, on top of the random profile. */
        private void flavour(Draft m, String community) {
            String name = communityName(community);
            String street = organisation(organisation(community).parentCode()).name();
            if (XIANGCHENG.equals(district) && street.contains("南坑街道") && patrolMembers < 12) {
                // 南坑街道's patrol team of 12 retired members.
                patrolMembers++;
                m.category = MemberCategory.RETIRED;
                m.idNumber = idNumber(1948 + random.nextInt(12));
                if (!m.specialties.contains("治安巡逻")) {
                    m.specialties.add(0, "治安巡逻");
                }
            }
            if ("华港社区".equals(name) && m.specialties.isEmpty()) {
                // 党群连心驿站: free computer, calligraphy and photography classes by member volunteers.
                m.specialties.add(List.of("电脑", "书法", "摄影").get(random.nextInt(3)));
            }
        }

        private void addUnits() {
            List<Unit> units = UNITS.getOrDefault(district, List.of(
                    new Unit(districtName + "人民法院党组", null, firstCommunityName(), "法律"),
                    new Unit(districtName + "实验小学党支部", STREETS.get(district).get(0).name(), null, null)));
            int n = 0;
            for (Unit unit : units) {
                String code = "RU%02d".formatted(++n);
                String parent = unit.street() == null ? "DC" : streetByName.get(unit.street());
                organisations.add(new DemoOrganisation(code, unit.name(), OrganisationType.RESIDENT_UNIT, parent));
                if (unit.reportsTo() == null) {
                    continue;
                }
                String community = communityByName.get(unit.reportsTo());
                unitReports.add(new DemoUnitReport(code, community));
                // In-service members of the unit who live in that community and report there (双报到).
                int count = UNITS.containsKey(district) ? 2 : 1;
                for (int i = 0; i < count; i++) {
                    Draft m = newMember(code, community);
                    m.category = MemberCategory.IN_SERVICE;
                    m.idNumber = idNumber(1970 + random.nextInt(25));
                    m.specialties.clear();
                    m.specialties.add(unit.specialty());
                    List<String> groups = groupsByCommunity.get(community);
                    m.group = groups.get(random.nextInt(groups.size()));
                    m.reports = true;
                }
            }
        }

        private void chooseCommunityWorkers(List<String> communityCodes) {
            int[] plan = WORKERS.get(district);
            if (plan == null) {
                return;
            }
            List<String> shuffled = new ArrayList<>(communityCodes);
            java.util.Collections.shuffle(shuffled, random);
            CadreRole[] roles = {CadreRole.HEAD, CadreRole.DEPUTY, CadreRole.MEMBER};
            for (int i = 0; i < plan[0]; i++) {
                String community = shuffled.get(i);
                Draft worker = members.stream()
                        .filter(m -> community.equals(m.home) && m.group != null && !m.worker)
                        .findFirst().orElseThrow();
                worker.worker = true;
                if (worker.category == MemberCategory.RETIRED) {
                    worker.category = MemberCategory.IN_SERVICE;
                    worker.idNumber = idNumber(1975 + random.nextInt(20));
                }
                worker.cadreRole = i < plan[1] ? roles[i % roles.length] : null;
            }
        }

        /** Members of this district's communities who live in {@code residence}'s communities and report there. */
        void addMembersLivingIn(Builder residence, int count, Random crossRandom) {
            List<String> homes = new ArrayList<>(groupsByCommunity.keySet());
            List<String> places = new ArrayList<>(residence.groupsByCommunity.keySet());
            for (int i = 0; i < count; i++) {
                String home = homes.get(crossRandom.nextInt(homes.size()));
                String lives = places.get(crossRandom.nextInt(places.size()));
                Draft m = newMember(home, home);
                m.residenceDistrict = residence.district;
                m.residenceCommunity = lives;
                m.address = residence.addressPrefix.get(lives) + address(crossRandom);
                // Only in-service members report to the community where they live (双报到).
                m.category = MemberCategory.IN_SERVICE;
                m.reports = true;
                // Placed by the residence district (in one of its party groups) once it knows the member.
                List<String> groups = residence.groupsByCommunity.get(lives);
                m.group = groups.get(crossRandom.nextInt(groups.size()));
            }
        }

        private Draft newMember(String home, String residenceCommunity) {
            Draft m = new Draft();
            m.key = district + "-m%04d".formatted(members.size() + 1);
            m.name = personName();
            m.phone = PHONE_PREFIXES[random.nextInt(PHONE_PREFIXES.length)] + "%08d".formatted(random.nextInt(100_000_000));
            m.home = home;
            m.residenceDistrict = district;
            m.residenceCommunity = residenceCommunity;
            m.address = addressPrefix.get(residenceCommunity) + address(random);
            int roll = random.nextInt(100);
            m.category = roll < 40 ? MemberCategory.RETIRED : roll < 80 ? MemberCategory.IN_SERVICE
                    : roll < 92 ? MemberCategory.MOBILE : MemberCategory.OTHER;
            m.idNumber = idNumber(m.category == MemberCategory.RETIRED ? 1945 + random.nextInt(20) : 1965 + random.nextInt(38));
            int specialties = random.nextInt(10) < 3 ? 0 : 1 + random.nextInt(2);
            while (m.specialties.size() < specialties) {
                String s = SPECIALTIES.get(random.nextInt(SPECIALTIES.size()));
                if (!m.specialties.contains(s)) {
                    m.specialties.add(s);
                }
            }
            members.add(m);
            return m;
        }

        private String personName() {
            StringBuilder name = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
            int given = random.nextInt(10) < 7 ? 2 : 1;
            for (int i = 0; i < given; i++) {
                name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
            }
            return name.toString();
        }

        private static String address(Random r) {
            return (1 + r.nextInt(30)) + "号楼" + (1 + r.nextInt(4)) + "单元" + (1 + r.nextInt(18)) + "0" + (1 + r.nextInt(4)) + "室";
        }

        /** An 18-digit resident ID number with a valid check digit (GB 11643), fake but well-formed. */
        private String idNumber(int birthYear) {
            String body = REGION_CODES.get(district) + birthYear + "%02d%02d%03d".formatted(
                    1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(1000));
            return body + checkDigit(body);
        }

        private String communityName(String code) {
            return communityByName.entrySet().stream().filter(e -> e.getValue().equals(code))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
        }

        private String firstCommunityName() {
            return communityByName.keySet().iterator().next();
        }

        private DemoOrganisation organisation(String code) {
            for (int i = organisations.size() - 1; i >= 0; i--) {
                if (organisations.get(i).code().equals(code)) {
                    return organisations.get(i);
                }
            }
            throw new IllegalArgumentException(code);
        }

        DemoDistrict result() {
            return new DemoDistrict(district, districtName, organisations,
                    members.stream().map(Draft::toRecord).toList(), unitReports);
        }
    }

    static char checkDigit(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return "10X98765432".charAt(sum % 11);
    }
}
