package cn.zhangzhou.partybuilding.dashboard.figures;

import java.time.Instant;
import java.time.LocalDate;

import cn.zhangzhou.partybuilding.dashboard.DashboardProperties;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;

/**
 * The days (China time, both included) whose wishes and hours count; without a from or a to, since the first or up
 * to the last.
 */
record Period(LocalDate from, LocalDate to) {

    private static final LocalDate FIRST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 30);

    static Period of(LocalDate from, LocalDate to) {
        Period period = new Period(from == null ? FIRST : from, to == null ? LAST : to);
        if (period.from.isAfter(period.to)) {
            throw new DomainRuleException("from", "from (" + from + ") must not be after to (" + to + ")");
        }
        return period;
    }

    Instant start() {
        return DashboardProperties.startOf(from);
    }

    Instant end() {
        return DashboardProperties.startOf(to.plusDays(1));
    }
}
