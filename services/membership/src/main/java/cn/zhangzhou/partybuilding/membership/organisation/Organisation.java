package cn.zhangzhou.partybuilding.membership.organisation;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.membership.scope.TreeNode;

/**
 * A party organisation of the district's tree, as the API shows it.
 *
 * @param path ids from the root down to this node, {@code /<root>/.../<id>/}: the service's, not the API's
 */
public record Organisation(UUID id, String code, String name, OrganisationType type, UUID parentId,
                           @JsonIgnore String path, boolean active, long version) implements TreeNode {

    @Override
    public boolean isWithin(UUID ancestorId) {
        return path.contains("/" + ancestorId + "/");
    }
}
