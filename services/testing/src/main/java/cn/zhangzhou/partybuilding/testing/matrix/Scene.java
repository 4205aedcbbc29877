package cn.zhangzhou.partybuilding.testing.matrix;

import java.util.UUID;

/**
 * Where the matrix's objects live, and so who the callers are: the service's district and another one; the
 * object's street and community and another of each (the other community under the same street); the owner and
 * another member of the community (both held by the district), and a member held by the other district. Every
 * member must be known to the service under their district, as a real token's would be.
 */
public record Scene(String district, String otherDistrict, UUID street, UUID otherStreet, UUID community,
                    UUID otherCommunity, UUID owner, UUID neighbour, UUID otherDistrictMember) {
}
