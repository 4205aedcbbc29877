package cn.zhangzhou.partybuilding.evaluation.guarantee;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A community's funds of a year (保障): each fund's allocations, spending and floor, and every entry. */
record Funds(UUID communityId, int year, List<Fund> funds, List<Entry> entries) {

    /** 工作经费 work funds; 服务群众专项经费 mass-service funds. */
    public enum Kind { WORK, MASS_SERVICE }

    /** An allocation (by the level above) or spending (by the community). */
    public enum EntryKind { ALLOCATION, SPENDING }

    /** One fund's year: {@code belowFloor} when its allocations are less than the floor. */
    public record Fund(Kind fund, long floorYuan, long allocatedYuan, long spentYuan, long balanceYuan,
                       boolean belowFloor) {
    }

    public record Entry(UUID id, Kind fund, EntryKind entry, long amountYuan, String note, String recordedBy,
                        Instant recordedAt) {
    }

    /** A community whose allocations of a fund in the year are under the floor. */
    public record BelowFloor(UUID communityId, Kind fund, long allocatedYuan, long floorYuan) {
    }
}
