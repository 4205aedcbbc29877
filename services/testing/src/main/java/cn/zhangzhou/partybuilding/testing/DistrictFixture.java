package cn.zhangzhou.partybuilding.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import cn.zhangzhou.partybuilding.embedded.TestInfrastructure;

/**
 * What the one fixture of a district service's tests (wishes' {@code RunningWishes}, volunteering's
 * {@code RunningVolunteering}) offers besides its own objects: tokens of the district's callers, rows of its
 * database, and answers required to have a status.
 */
public abstract class DistrictFixture {

    /** Signs a valid token with the key the service trusts: service-support's {@code TestTokens.token}, by role name. */
    @FunctionalInterface
    public interface Tokens {
        String token(String role, String district, UUID org, UUID member);
    }

    /** The service's own database. */
    public final String jdbcUrl;
    private final String district;
    private final Tokens tokens;

    protected DistrictFixture(String district, String jdbcUrl, Tokens tokens) {
        this.district = district;
        this.jdbcUrl = jdbcUrl;
        this.tokens = tokens;
    }

    public String admin() {
        return tokens.token("DISTRICT_ADMIN", district, null, null);
    }

    /** Community staff of the community (or of whatever organisation is named). */
    public String staff(UUID organisation) {
        return tokens.token("COMMUNITY_STAFF", district, organisation, null);
    }

    public String streetStaff(UUID street) {
        return tokens.token("STREET_STAFF", district, street, null);
    }

    /** A member of this district. */
    public String member(UUID memberId) {
        return tokens.token("MEMBER", district, null, memberId);
    }

    /** A member's token from the district that holds them (a member of another district acting here). */
    public String member(String homeDistrict, UUID memberId) {
        return tokens.token("MEMBER", homeDistrict, null, memberId);
    }

    /** Rows in one of the service's tables (with an optional where), straight from its database. */
    public long rows(String tableAndWhere) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword());
             ResultSet result = connection.createStatement().executeQuery("select count(*) from " + tableAndWhere)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer, which must have the status; else the test stops here, showing it. */
    public static Api.Response require(Api.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + r);
        }
        return r;
    }
}
