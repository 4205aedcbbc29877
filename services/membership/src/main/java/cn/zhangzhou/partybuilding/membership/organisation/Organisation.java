package cn.zhangzhou.partybuilding.membership.organisation;

import java.util.UUID;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.membership.scope.TreeNode;

/**
 * A party organisation of the district's tree.
 *
 * @param path ids from the root down to this node, {@code /<root>/.../<id>/}
 */
public record Organisation(UUID id, String code, String name, OrganisationType type, UUID parentId, String path,
                           boolean active, long version) implements TreeNode {

    /** Whether {@code other} is this organisation or lies beneath it. */
    boolean contains(Organisation other) {
        return other.path.startsWith(path);
    }

    @Override
    public boolean isWithin(UUID ancestorId) {
        return path.contains("/" + ancestorId + "/");
    }
}
