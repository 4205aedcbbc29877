package cn.zhangzhou.partybuilding.volunteering.campaign;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.volunteering.CampaignKind;
import cn.zhangzhou.partybuilding.events.volunteering.CampaignLaunched;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.web.Page;
import cn.zhangzhou.partybuilding.directory.MembershipDirectory;
import cn.zhangzhou.partybuilding.volunteering.scope.AccessPolicy;

/**
 * Campaigns (党建联动月, 党员微服务): launched by staff of the district, a street or a community for their subtree and a
 * period; posts, activities and brand project records of that subtree and period may belong to one.
 */
@Service
public class CampaignService {

    static final Set<OrganisationType> HOLDERS = Set.of(OrganisationType.DISTRICT_COMMITTEE,
            OrganisationType.STREET_COMMITTEE, OrganisationType.COMMUNITY);

    private final CampaignStore campaigns;
    private final MembershipDirectory directory;
    private final AccessPolicy access;
    private final Outbox outbox;
    private final Clock clock;

    CampaignService(CampaignStore campaigns, MembershipDirectory directory, AccessPolicy access, Outbox outbox,
                    Clock clock) {
        this.campaigns = campaigns;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    Campaign launch(Caller caller, UUID organisationId, CampaignKind kind, String name, LocalDate startsOn,
                    LocalDate endsOn) {
        access.requireOrganisation(organisationId, "organisationId", HOLDERS);
        access.requireManage(caller, organisationId);
        if (endsOn.isBefore(startsOn)) {
            throw new DomainRuleException("endsOn", "the campaign ends before it starts");
        }
        Campaign c = new Campaign(UUID.randomUUID(), organisationId, kind, name, startsOn, endsOn, 1,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        campaigns.insert(c, caller.subject());
        outbox.append(new CampaignLaunched(c.id(), organisationId, kind, name, startsOn, endsOn), 1);
        return c;
    }

    public Campaign require(UUID id) {
        return campaigns.find(id).orElseThrow(() -> NotFoundException.of("campaign", id));
    }

    /** Staff whose scope covers the campaign's organisation, or any member (to see what it groups). */
    public Campaign get(Caller caller, UUID id) {
        Campaign c = require(id);
        access.requireReader(caller, c.organisationId());
        return c;
    }

    Page<Campaign> list(Caller caller, UUID organisationId, int page, int size) {
        return campaigns.of(access.subtreeFor(caller, organisationId), page, size);
    }

    /**
     * The campaign a post, activity or service record of {@code organisationId} on {@code day} may belong to.
     *
     * @return null when {@code campaignId} is null
     * @throws DomainRuleException naming {@code campaignId} when the organisation or the day is not the campaign's
     */
    public UUID requireFor(UUID campaignId, UUID organisationId, LocalDate day) {
        if (campaignId == null) {
            return null;
        }
        Campaign c = campaigns.find(campaignId).orElseThrow(() -> new DomainRuleException("campaignId",
                "no campaign " + campaignId));
        if (!directory.isWithin(organisationId, c.organisationId())) {
            throw new DomainRuleException("campaignId", "campaign " + campaignId + " groups the work of organisation "
                    + c.organisationId() + ", not of " + organisationId);
        }
        if (!c.covers(day)) {
            throw new DomainRuleException("campaignId", "campaign " + campaignId + " runs from " + c.startsOn()
                    + " to " + c.endsOn() + ", not on " + day);
        }
        return campaignId;
    }
}
