package cn.zhangzhou.partybuilding.gateway;


import cn.zhangzhou.partybuilding.testing.fuzz.Fuzzer;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input for every operation of membership, generated from its OpenAPI document, as a DISTRICT_ADMIN of the
 * district: ten thousand requests through the gateway, a tenth straight at the service (docs/reliability.md, "Bad
 * input"). The scene is a street with two communities and two members living there; transfers and reports are ids
 * the service does not hold.
 */
class MembershipFuzzTest {

    private static final String SERVICE = "membership";
    private final FuzzedDistrict d = FuzzedDistrict.get();

    @Test
    void badInputIsAProblemAndChangesNothing() {
        String street = d.street;
        String community = d.community;
        String otherCommunity = d.otherCommunity;
        String member = d.member(community);
        String neighbour = d.member(community);
        Fuzzer fuzzer = d.fuzzer(SERVICE).caller(FuzzedDistrict.admin())
                .id("organisations/{id}", community, street, otherCommunity)
                .id("members/{id}", member, neighbour)
                .id("{memberId}", member, neighbour)
                .id("{organisationId}", community, street)
                .id("{id}", UUID.randomUUID())
                .value("parentId", street).value("homeOrganisationId", community)
                .value("residenceCommunityId", community).value("residenceDistrict", FuzzedDistrict.DISTRICT)
                .value("organisationId", community).value("communityId", community).value("memberId", member)
                .value("idNumber", "35060219800101123X").value("phone", "13900000000").value("version", 1)
                .value("year", 2026).value("type", "COMMUNITY").value("toDistrict", "longwen");
        d.fuzz(SERVICE, fuzzer);
    }
}
