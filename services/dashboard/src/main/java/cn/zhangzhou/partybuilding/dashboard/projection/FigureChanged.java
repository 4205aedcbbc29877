package cn.zhangzhou.partybuilding.dashboard.projection;

import java.time.Instant;

/**
 * A figure of a district changed: published inside the transaction that applied its events (once per district and
 * kind for a batch), delivered to the live channel after it commits (so a browser never reads a figure before it is
 * there).
 *
 * @param kind which figures: organisations, members, wishes, hours or scores
 * @param at   the time of the newest such event (its district's clock)
 */
public record FigureChanged(String district, String kind, Instant at) {
}
