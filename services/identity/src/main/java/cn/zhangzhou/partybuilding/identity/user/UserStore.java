package cn.zhangzhou.partybuilding.identity.user;

import cn.zhangzhou.partybuilding.support.security.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user accounts table. */
@Repository
public class UserStore {

    private static final String COLUMNS = "id, username, password_hash, roles, district, org, member, enabled, "
            + "failed_logins, locked_until, version, created_at, updated_at";
    /** The admin list's filter: a null parameter does not filter. */
    private static final String WHERE = " WHERE (CAST(:district AS TEXT) IS NULL OR district = :district)"
            + " AND (CAST(:role AS TEXT) IS NULL OR (',' || roles || ',') LIKE :role)"
            + " AND (CAST(:prefix AS TEXT) IS NULL OR lower(username) LIKE :prefix)"
            + " AND (CAST(:enabled AS BOOLEAN) IS NULL OR enabled = :enabled)";

    private final JdbcClient jdbc;

    UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filter of the admin list; null fields do not filter. */
    record Filter(String district, Role role, String usernamePrefix, Boolean enabled) {
    }

    void insert(UserAccount user) {
        jdbc.sql("INSERT INTO user_account (" + COLUMNS + ") VALUES (:id, :username, :hash, :roles, :district, :org, "
                        + ":member, :enabled, 0, NULL, 0, :now, :now)")
                .param("id", user.id())
                .param("username", user.username())
                .param("hash", user.passwordHash())
                .param("roles", roles(user.roles()))
                .param("district", user.district())
                .param("org", user.org())
                .param("member", user.member())
                .param("enabled", user.enabled())
                .param("now", Timestamp.from(user.createdAt()))
                .update();
    }

    Optional<UserAccount> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE id = :id").param("id", id)
                .query(UserStore::map).optional();
    }

    public Optional<UserAccount> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account WHERE lower(username) = lower(:username)")
                .param("username", username).query(UserStore::map).optional();
    }

    List<UserAccount> list(Filter filter, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_account" + WHERE
                        + " ORDER BY lower(username) LIMIT :limit OFFSET :offset")
                .paramSource(params(filter).addValue("limit", size).addValue("offset", (long) page * size))
                .query(UserStore::map).list();
    }

    long count(Filter filter) {
        return jdbc.sql("SELECT count(*) FROM user_account" + WHERE).paramSource(params(filter))
                .query(Long.class).single();
    }

    /** @return false when the version did not match (someone else changed it) */
    boolean updateAccess(UUID id, long version, Set<Role> roles, String district, UUID org, UUID member,
                                Instant now) {
        return jdbc.sql("UPDATE user_account SET roles = :roles, district = :district, org = :org, member = :member, "
                        + "version = version + 1, updated_at = :now WHERE id = :id AND version = :version")
                .param("roles", roles(roles)).param("district", district).param("org", org).param("member", member)
                .param("now", Timestamp.from(now)).param("id", id).param("version", version)
                .update() == 1;
    }

    void setEnabled(UUID id, boolean enabled, Instant now) {
        jdbc.sql("UPDATE user_account SET enabled = :enabled, version = version + 1, updated_at = :now WHERE id = :id")
                .param("enabled", enabled).param("now", Timestamp.from(now)).param("id", id).update();
    }

    void setPassword(UUID id, String hash, Instant now) {
        jdbc.sql("UPDATE user_account SET password_hash = :hash, failed_logins = 0, locked_until = NULL, "
                        + "version = version + 1, updated_at = :now WHERE id = :id")
                .param("hash", hash).param("now", Timestamp.from(now)).param("id", id).update();
    }

    void unlock(UUID id, Instant now) {
        jdbc.sql("UPDATE user_account SET failed_logins = 0, locked_until = NULL, version = version + 1, "
                        + "updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    /**
     * One more failed login, counted in the database (so concurrent attempts on several instances all count);
     * the failure that reaches {@code maxFailures} locks until {@code lockUntil}.
     */
    void recordFailure(UUID id, int maxFailures, Instant lockUntil) {
        jdbc.sql("UPDATE user_account SET failed_logins = failed_logins + 1, "
                        + "locked_until = CASE WHEN failed_logins + 1 >= :max THEN :until ELSE locked_until END "
                        + "WHERE id = :id")
                .param("max", maxFailures).param("until", Timestamp.from(lockUntil)).param("id", id).update();
    }

    /** A success resets the count (and an expired lock). */
    void recordSuccess(UUID id) {
        jdbc.sql("UPDATE user_account SET failed_logins = 0, locked_until = NULL WHERE id = :id "
                        + "AND (failed_logins <> 0 OR locked_until IS NOT NULL)")
                .param("id", id).update();
    }

    /** An expired lock starts a fresh count: the next failure is the first again. */
    void clearExpiredLock(UUID id) {
        jdbc.sql("UPDATE user_account SET failed_logins = 0, locked_until = NULL WHERE id = :id")
                .param("id", id).update();
    }

    void updatePasswordHash(UUID id, String hash) {
        jdbc.sql("UPDATE user_account SET password_hash = :hash WHERE id = :id").param("hash", hash).param("id", id)
                .update();
    }

    private static MapSqlParameterSource params(Filter filter) {
        String prefix = filter.usernamePrefix() == null ? null : filter.usernamePrefix().toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return new MapSqlParameterSource().addValue("district", filter.district())
                .addValue("role", filter.role() == null ? null : "%," + filter.role().name() + ",%")
                .addValue("prefix", prefix).addValue("enabled", filter.enabled());
    }

    private static String roles(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    private static UserAccount map(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(rs.getString("roles").split(",")).map(Role::valueOf).forEach(roles::add);
        Timestamp locked = rs.getTimestamp("locked_until");
        return new UserAccount(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("password_hash"),
                roles, rs.getString("district"), rs.getObject("org", UUID.class), rs.getObject("member", UUID.class),
                rs.getBoolean("enabled"), rs.getInt("failed_logins"), locked == null ? null : locked.toInstant(),
                rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
