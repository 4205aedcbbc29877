package cn.zhangzhou.partybuilding.membership.placement;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.membership.MemberPlaced;
import cn.zhangzhou.partybuilding.events.membership.MemberPlacementMoved;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.membership.directory.Directory;
import cn.zhangzhou.partybuilding.membership.member.Member.MemberStatus;
import cn.zhangzhou.partybuilding.membership.member.MemberRepository;
import cn.zhangzhou.partybuilding.membership.organisation.Organisation;
import cn.zhangzhou.partybuilding.membership.organisation.OrganisationRepository;
import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * Grid placement: every member living in a community is placed in exactly one party group of a grid of
 * that community ("把所有社区党员就近纳入网格党小组"), whether this district or another holds the member.
 */
@Service
public class PlacementService {

    private final JdbcClient jdbc;
    private final OrganisationRepository organisations;
    private final MemberRepository members;
    private final Directory directory;
    private final AccessPolicy access;
    private final Outbox outbox;

    public PlacementService(JdbcClient jdbc, OrganisationRepository organisations, MemberRepository members,
                            Directory directory, AccessPolicy access, Outbox outbox) {
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.members = members;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
    }

    /**
     * Places a member in a party group, or moves them. {@code expectedVersion} is null for a first
     * placement and the placement's current version for a move; anything else is a 409.
     */
    @Transactional
    public Placement place(Caller caller, UUID memberId, UUID partyGroupId, Long expectedVersion) {
        Organisation group = organisations.find(partyGroupId)
                .filter(o -> o.type() == OrganisationType.PARTY_GROUP && o.active())
                .orElseThrow(() -> new DomainRuleException("partyGroupId", "no active party group " + partyGroupId
                        + " in district " + access.district()));
        Organisation grid = organisations.find(group.parentId()).orElseThrow();
        Organisation community = organisations.find(grid.parentId()).orElseThrow();
        access.requireManage(caller, community);
        String memberDistrict = residentDistrict(memberId, community);
        Optional<Placement> existing = lock(memberId);
        if (existing.isEmpty()) {
            if (expectedVersion != null) {
                throw new ConflictException("member " + memberId + " has no placement yet; send no version to place");
            }
            Placement placement = new Placement(memberId, memberDistrict, community.id(), grid.id(), group.id(), 1);
            jdbc.sql("insert into placement (member_id, member_district, community_id, grid_id, party_group_id, version)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(memberId, memberDistrict, community.id(), grid.id(), group.id(), 1L).update();
            outbox.append(new MemberPlaced(memberId, memberDistrict, community.id(), grid.id(), group.id()), 1);
            return placement;
        }
        Placement current = existing.get();
        if (expectedVersion == null) {
            throw new ConflictException("member " + memberId + " is already placed (placement version "
                    + current.version() + "); send that version to move them");
        }
        if (expectedVersion != current.version()) {
            throw ConflictException.staleVersion("placement", memberId, expectedVersion);
        }
        if (current.partyGroupId().equals(group.id())) {
            return current;
        }
        Placement moved = new Placement(memberId, memberDistrict, community.id(), grid.id(), group.id(),
                current.version() + 1);
        jdbc.sql("update placement set member_district = ?, community_id = ?, grid_id = ?, party_group_id = ?, "
                        + "version = ?, updated_at = now() where member_id = ?")
                .params(memberDistrict, community.id(), grid.id(), group.id(), moved.version(), memberId).update();
        outbox.append(new MemberPlacementMoved(memberId, memberDistrict, community.id(), current.partyGroupId(),
                grid.id(), group.id()), moved.version());
        return moved;
    }

    public Placement get(Caller caller, UUID memberId) {
        access.requireStaff(caller);
        return find(memberId).orElseThrow(() -> new NotFoundException("member " + memberId + " is not placed"));
    }

    /** The district holding a member who lives in {@code community}; refuses members living elsewhere. */
    private String residentDistrict(UUID memberId, Organisation community) {
        var own = members.find(memberId);
        if (own.isPresent()) {
            var m = own.get();
            if (m.status() == MemberStatus.TRANSFERRED_OUT) {
                throw new DomainRuleException("member " + memberId + " has transferred out of the district");
            }
            requireLivesIn(memberId, m.residenceDistrict(), m.residenceCommunityId(), community);
            return access.district();
        }
        var external = directory.member(memberId).filter(Directory.ExternalMember::active)
                .orElseThrow(() -> new NotFoundException("member " + memberId + " is not known in district "
                        + access.district()));
        requireLivesIn(memberId, external.residenceDistrict(), external.residenceCommunityId(), community);
        return external.district();
    }

    private void requireLivesIn(UUID memberId, String district, UUID communityId, Organisation community) {
        if (!access.district().equals(district) || !community.id().equals(communityId)) {
            throw new DomainRuleException("partyGroupId", "member " + memberId + " does not live in community "
                    + community.name() + "; place members in a party group of the community where they live");
        }
    }

    private Optional<Placement> lock(UUID memberId) {
        return jdbc.sql("select * from placement where member_id = ? for update").param(memberId)
                .query(PlacementService::map).optional();
    }

    private Optional<Placement> find(UUID memberId) {
        return jdbc.sql("select * from placement where member_id = ?").param(memberId)
                .query(PlacementService::map).optional();
    }

    private static Placement map(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Placement(rs.getObject("member_id", UUID.class), rs.getString("member_district"),
                rs.getObject("community_id", UUID.class), rs.getObject("grid_id", UUID.class),
                rs.getObject("party_group_id", UUID.class), rs.getLong("version"));
    }

    // ---- coverage ----

    /** A resident member not yet placed; {@code name} only for members this district holds. */
    public record UnplacedMember(UUID memberId, String name, String memberDistrict, UUID communityId,
                                 String communityName) {
    }

    public record Coverage(UUID organisationId, String organisationName, OrganisationType type, long residents,
                           long placed, long unplaced, Page<UnplacedMember> unplacedMembers) {
    }

    private static final String RESIDENTS = "with residents as ("
            + " select m.id member_id, m.name, cast(:district as text) member_district, m.residence_community_id community_id"
            + " from member m where m.residence_district = :district and m.status <> 'TRANSFERRED_OUT'"
            + " and m.residence_community_id is not null"
            + " union all"
            + " select e.id, null, e.district, e.residence_community_id from external_member e"
            + " where e.residence_district = :district and e.active and e.residence_community_id is not null)"
            + " select %s from residents r join organisation c on c.id = r.community_id"
            + " left join placement p on p.member_id = r.member_id where c.path like :path || '%%' %s";

    /** Members living in a community, street or the whole district: placed, unplaced (listed). */
    public Coverage coverage(Caller caller, UUID organisationId, int page, int size) {
        Organisation org = organisations.find(organisationId)
                .orElseThrow(() -> new NotFoundException("organisation " + organisationId + " not found"));
        if (!List.of(OrganisationType.COMMUNITY, OrganisationType.STREET_COMMITTEE,
                OrganisationType.DISTRICT_COMMITTEE).contains(org.type())) {
            throw new DomainRuleException("organisationId", "coverage is shown for a community, a street or the "
                    + "district, not for a " + org.type());
        }
        access.requireManage(caller, org);
        var counts = jdbc.sql(RESIDENTS.formatted("count(*) residents, count(p.member_id) placed", ""))
                .param("district", access.district()).param("path", org.path())
                .query((rs, i) -> new long[] {rs.getLong("residents"), rs.getLong("placed")}).single();
        List<UnplacedMember> unplaced = jdbc.sql(RESIDENTS.formatted(
                        "r.member_id, r.name, r.member_district, c.id community_id, c.name community_name",
                        "and p.member_id is null order by c.path, r.name, r.member_id limit :limit offset :offset"))
                .param("district", access.district()).param("path", org.path())
                .param("limit", size).param("offset", (long) page * size)
                .query((rs, i) -> new UnplacedMember(rs.getObject("member_id", UUID.class), rs.getString("name"),
                        rs.getString("member_district"), rs.getObject("community_id", UUID.class),
                        rs.getString("community_name")))
                .list();
        long unplacedCount = counts[0] - counts[1];
        return new Coverage(org.id(), org.name(), org.type(), counts[0], counts[1], unplacedCount,
                Page.of(unplaced, page, size, unplacedCount));
    }
}
