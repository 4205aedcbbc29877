package cn.zhangzhou.partybuilding.identity.member;

import cn.zhangzhou.partybuilding.support.security.MemberHomes;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which district holds each member, as the districts' membership events tell it (no personal data). */
@Repository
public class MemberHomeStore implements MemberHomes {

    private final JdbcClient jdbc;

    MemberHomeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The district registered the member: newly, or on arrival by a transfer from another district. */
    void registered(UUID member, String district) {
        jdbc.sql("INSERT INTO member_home (member_id, district) VALUES (?, ?) "
                        + "ON CONFLICT (member_id) DO UPDATE SET district = excluded.district")
                .params(member, district).update();
    }

    /** The district no longer holds the member; unless the receiving district's registration came first. */
    void transferredOut(UUID member, String district) {
        jdbc.sql("DELETE FROM member_home WHERE member_id = ? AND district = ?").params(member, district).update();
    }

    @Override
    public Optional<String> districtOf(UUID member) {
        return jdbc.sql("SELECT district FROM member_home WHERE member_id = ?").param(member).query(String.class)
                .optional();
    }

    /** Every district's MemberRegistered reaches identity. */
    @Override
    public boolean knowsEveryMember() {
        return true;
    }
}
