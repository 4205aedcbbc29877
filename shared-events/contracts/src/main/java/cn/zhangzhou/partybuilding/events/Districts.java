package cn.zhangzhou.partybuilding.events;

import java.util.List;
import java.util.Map;

/** The districts and counties of 漳州市: the ids used in topics, configuration and the {@code district} claim. */
public final class Districts {

    /** id → Chinese name, in the order of docs/domain.md (it gives each district its local port offset). */
    public static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("xiangcheng", "芗城区"),
            Map.entry("longwen", "龙文区"),
            Map.entry("longhai", "龙海区"),
            Map.entry("changtai", "长泰区"),
            Map.entry("zhangpu", "漳浦县"),
            Map.entry("yunxiao", "云霄县"),
            Map.entry("zhaoan", "诏安县"),
            Map.entry("dongshan", "东山县"),
            Map.entry("nanjing", "南靖县"),
            Map.entry("pinghe", "平和县"),
            Map.entry("huaan", "华安县"));

    public static final List<String> IDS = List.of("xiangcheng", "longwen", "longhai", "changtai", "zhangpu",
            "yunxiao", "zhaoan", "dongshan", "nanjing", "pinghe", "huaan");

    private Districts() {
    }

    public static boolean isKnown(String id) {
        return id != null && NAMES.containsKey(id);
    }

    public static String require(String id) {
        if (!isKnown(id)) {
            throw new IllegalArgumentException("unknown district: " + id + " (known: " + IDS + ")");
        }
        return id;
    }
}
