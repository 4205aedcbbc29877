package cn.zhangzhou.partybuilding.dashboard.scope;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What scope asks of the projection: the organisation tree, and the district that holds a member. */
@Repository
class ScopeStore {

    private final JdbcClient jdbc;

    ScopeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the organisation is the ancestor or below it (walking parent links up, a few levels). */
    boolean isWithin(UUID organisation, UUID ancestor) {
        return jdbc.sql("""
                        with recursive up(id, parent_id) as (
                          select id, parent_id from organisation where id = ?
                          union all
                          select o.id, o.parent_id from organisation o join up on o.id = up.parent_id)
                        select exists (select 1 from up where id = ?)
                        """)
                .params(organisation, ancestor).query(Boolean.class).single();
    }

    Optional<String> districtOf(UUID member) {
        return jdbc.sql("select district from member where id = ? and active").param(member).query(String.class)
                .optional();
    }
}
