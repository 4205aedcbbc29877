package cn.zhangzhou.partybuilding.membership.scope;

import java.util.UUID;

/** An organisation of the district's tree as scope checks see it, so that scope sits below the organisation feature. */
public interface TreeNode {

    UUID id();

    /** Whether this node is {@code ancestorId} or lies beneath it. */
    boolean isWithin(UUID ancestorId);
}
