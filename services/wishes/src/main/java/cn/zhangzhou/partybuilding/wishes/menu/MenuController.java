package cn.zhangzhou.partybuilding.wishes.menu;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.wishes.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.wishes.wish.WishStatus;
import cn.zhangzhou.partybuilding.wishes.wish.WishView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The needs menu (需求菜单) of a community: priority (released) wishes first, then oldest published first.
 * Members see published wishes only, with the beneficiary masked; staff of the community see every status.
 */
@RestController
@Validated
public class MenuController {

    private final JdbcClient jdbc;
    private final AccessPolicy access;

    public MenuController(JdbcClient jdbc, AccessPolicy access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    @GetMapping("/api/v1/wishes")
    public Page<WishView> menu(Caller caller, @RequestParam UUID communityId,
                               @RequestParam(required = false) WishCategory category,
                               @RequestParam(required = false) WishStatus status,
                               @RequestParam(defaultValue = "0") @Min(0) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        if (!access.mayManage(caller, communityId)) {
            if (caller.member() == null) {
                throw new ForbiddenException("the wishes of community " + communityId + " are outside your scope");
            }
            if (status != null && status != WishStatus.PUBLISHED) {
                throw new ForbiddenException("members see published wishes only");
            }
            status = WishStatus.PUBLISHED;
        }
        StringBuilder where = new StringBuilder(" from wish w join beneficiary b on b.id = w.beneficiary_id "
                + "where w.community_id = ?");
        List<Object> params = new ArrayList<>(List.of(communityId));
        if (category != null) {
            where.append(" and w.category = ?");
            params.add(category.name());
        }
        if (status != null) {
            where.append(" and w.status = ?");
            params.add(status.name());
        }
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<WishView> items = jdbc.sql("select w.*, b.name beneficiary_name" + where
                        + " order by w.priority desc, w.published_at nulls last, w.posted_at, w.id limit ? offset ?")
                .params(pageParams)
                .query((rs, i) -> {
                    Timestamp published = rs.getTimestamp("published_at");
                    return new WishView(rs.getObject("id", UUID.class), rs.getObject("community_id", UUID.class),
                            rs.getObject("grid_id", UUID.class), WishCategory.valueOf(rs.getString("category")),
                            rs.getString("description"), rs.getInt("estimated_value_yuan"),
                            cn.zhangzhou.partybuilding.events.wishes.PostedBy.valueOf(rs.getString("posted_by")),
                            rs.getObject("beneficiary_id", UUID.class),
                            WishView.mask(rs.getString("beneficiary_name")), WishStatus.valueOf(rs.getString("status")),
                            rs.getBoolean("priority"), rs.getLong("version"), rs.getTimestamp("posted_at").toInstant(),
                            published == null ? null : published.toInstant(), rs.getInt("round"),
                            rs.getTimestamp("round_ends_at") == null ? null
                                    : rs.getTimestamp("round_ends_at").toInstant(), null);
                })
                .list();
        return Page.of(items, page, size, total);
    }
}
