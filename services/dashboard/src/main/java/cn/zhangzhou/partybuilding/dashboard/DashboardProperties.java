package cn.zhangzhou.partybuilding.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param staleAfter a district silent longer than this (no event at all) is marked stale
 * @param signIn     where the page signs its users in (docs/security.md, "The identity service")
 * @param consumers  how many consumers of the districts' topics the service runs (threads sharing the partitions)
 */
@ConfigurationProperties("zz.dashboard")
public record DashboardProperties(@DefaultValue("PT1H") Duration staleAfter, @DefaultValue SignIn signIn,
                                  @DefaultValue("2") int consumers) {

    /**
     * @param issuer   the identity service as browsers reach it (authorization code + PKCE)
     * @param clientId the dashboards' public client registered there
     */
    public record SignIn(@DefaultValue("http://localhost:9000") String issuer,
                         @DefaultValue("dashboard") String clientId) {
    }

    /** Days and years are China's: a wish claimed on 1 January 00:30 Beijing time is claimed in the new year. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public DashboardProperties {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("zz.dashboard.stale-after must be positive, was " + staleAfter);
        }
        if (consumers < 1) {
            throw new IllegalArgumentException("zz.dashboard.consumers must be at least 1, was " + consumers);
        }
    }

    /** The first instant of the day (China time). */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(CHINA).toInstant();
    }
}
