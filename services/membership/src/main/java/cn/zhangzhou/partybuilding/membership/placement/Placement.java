package cn.zhangzhou.partybuilding.membership.placement;

import java.util.UUID;

/**
 * Where a member living in one of this district's communities is placed (党建工作网格化): one party group
 * (党小组) of a grid (网格) of their community. {@code memberDistrict} is the district holding the member.
 */
record Placement(UUID memberId, String memberDistrict, UUID communityId, UUID gridId, UUID partyGroupId, long version) {
}
