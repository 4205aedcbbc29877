package cn.zhangzhou.partybuilding.wishes.wish;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * A member's claims (我的认领): the member their own and their help groups'; staff those of a member on wishes inside their scope.
 * Newest claim first. No personal data of the beneficiary.
 */
@RestController
@Validated
public class ClaimsController {

    /**
     * One claim as listed. {@code missedContactDeadline} / {@code missedFulfilmentDeadline}: the claim was
     * released because that deadline passed.
     */
    public record ClaimSummary(UUID claimId, UUID wishId, UUID communityId, ClaimerKind claimerKind, UUID claimerId,
                               ClaimStatus status,
                               Instant claimedAt, Instant contactDeadline, Instant contactedAt,
                               Instant fulfilmentDeadline, Instant fulfilledAt, Instant confirmedAt,
                               Instant releasedAt, String releaseReason, boolean missedContactDeadline,
                               boolean missedFulfilmentDeadline) {
    }

    private final JdbcClient jdbc;
    private final AccessPolicy access;

    public ClaimsController(JdbcClient jdbc, AccessPolicy access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    @GetMapping("/api/v1/claims/mine")
    public Page<ClaimSummary> mine(Caller caller, @RequestParam(required = false) ClaimStatus status,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        UUID member = access.requireMember(caller);
        return list(member, true, status, null, page, size);
    }

    @GetMapping("/api/v1/claims")
    public Page<ClaimSummary> ofMember(Caller caller, @RequestParam UUID memberId,
                                       @RequestParam(required = false) ClaimStatus status,
                                       @RequestParam(defaultValue = "0") @Min(0) int page,
                                       @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        if (!access.isStaff(caller)) {
            throw new ForbiddenException("only staff see another member's claims; members use /api/v1/claims/mine");
        }
        // District-wide staff see all; street and community staff only claims on wishes inside their subtree.
        UUID within = access.isDistrictWide(caller) ? null : caller.org();
        return list(memberId, false, status, within, page, size);
    }

    /** @param withGroups also the claims of the help groups (帮帮团) the member belongs to: the member acts on them */
    private Page<ClaimSummary> list(UUID claimer, boolean withGroups, ClaimStatus status, UUID within, int page,
                                    int size) {
        StringBuilder where = new StringBuilder(" from claim c join wish w on w.id = c.wish_id");
        List<Object> params = new ArrayList<>();
        if (within != null) {
            where.append(" join organisation o on o.id = w.community_id and o.path like ?");
            params.add("%/" + within + "/%");
        }
        where.append(" where (c.claimer_id = ?");
        params.add(claimer);
        if (withGroups) {
            where.append(" or (c.claimer_kind = 'GROUP' and c.claimer_id in "
                    + "(select group_id from help_group_member where member_id = ?))");
            params.add(claimer);
        }
        where.append(")");
        if (status != null) {
            where.append(" and c.status = ?");
            params.add(status.name());
        }
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<ClaimSummary> items = jdbc.sql("select c.*, w.community_id" + where
                        + " order by c.claimed_at desc, c.id limit ? offset ?")
                .params(pageParams).query(ClaimsController::map).list();
        return Page.of(items, page, size, total);
    }

    private static ClaimSummary map(ResultSet rs, int i) throws SQLException {
        String missed = rs.getString("missed_deadline");
        return new ClaimSummary(rs.getObject("id", UUID.class), rs.getObject("wish_id", UUID.class),
                rs.getObject("community_id", UUID.class), ClaimerKind.valueOf(rs.getString("claimer_kind")),
                rs.getObject("claimer_id", UUID.class),
                ClaimStatus.valueOf(rs.getString("status")), instant(rs, "claimed_at"), instant(rs, "contact_deadline"),
                instant(rs, "contacted_at"), instant(rs, "fulfilment_deadline"), instant(rs, "fulfilled_at"),
                instant(rs, "confirmed_at"), instant(rs, "released_at"), rs.getString("release_reason"),
                "CONTACT".equals(missed), "FULFILMENT".equals(missed));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
