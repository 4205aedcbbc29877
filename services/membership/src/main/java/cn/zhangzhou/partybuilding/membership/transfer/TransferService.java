package cn.zhangzhou.partybuilding.membership.transfer;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.zhangzhou.partybuilding.events.Districts;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferCancelled;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferDeclined;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferRequested;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredOut;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredWithinDistrict;
import cn.zhangzhou.partybuilding.membership.directory.DirectoryStore;
import cn.zhangzhou.partybuilding.membership.member.Member;
import cn.zhangzhou.partybuilding.membership.member.Member.MemberStatus;
import cn.zhangzhou.partybuilding.membership.member.MemberStore;
import cn.zhangzhou.partybuilding.membership.member.MemberService;
import cn.zhangzhou.partybuilding.membership.member.MemberService.MemberDetails;
import cn.zhangzhou.partybuilding.membership.organisation.Organisation;
import cn.zhangzhou.partybuilding.membership.organisation.OrganisationStore;
import cn.zhangzhou.partybuilding.membership.organisation.TreeRules;
import cn.zhangzhou.partybuilding.membership.scope.AccessPolicy;
import cn.zhangzhou.partybuilding.membership.transfer.Transfer.Direction;
import cn.zhangzhou.partybuilding.membership.transfer.Transfer.Status;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.web.Page;

/**
 * Transfers of the membership relationship (组织关系转接). Inside the district a transfer completes at once.
 * To another district it is a conversation of events: this district publishes MemberTransferRequested;
 * the receiving district accepts or declines and publishes that; this district then closes the member's
 * record (MemberTransferredOut) or restores it. An acceptance that crosses a cancellation wins: the
 * receiving district has registered the member by then.
 */
@Service
public class TransferService {

    private final TransferStore transfers;
    private final MemberService memberService;
    private final MemberStore members;
    private final OrganisationStore organisations;
    private final DirectoryStore directory;
    private final AccessPolicy access;
    private final Outbox outbox;

    TransferService(TransferStore transfers, MemberService memberService, MemberStore members,
                    OrganisationStore organisations, DirectoryStore directory, AccessPolicy access, Outbox outbox) {
        this.transfers = transfers;
        this.memberService = memberService;
        this.members = members;
        this.organisations = organisations;
        this.directory = directory;
        this.access = access;
        this.outbox = outbox;
    }

    @Transactional
    Transfer request(Caller caller, UUID memberId, String toDistrict, UUID toOrganisationId, long version) {
        Member member = memberService.lockCurrent(memberId, version);
        access.requireManage(caller, organisations.find(member.homeOrganisationId()).orElseThrow());
        if (member.status() != MemberStatus.ACTIVE) {
            throw new ConflictException("member " + memberId + " is " + member.status() + "; a transfer needs ACTIVE");
        }
        if (!Districts.isKnown(toDistrict)) {
            throw new DomainRuleException("toDistrict", "unknown district " + toDistrict);
        }
        return toDistrict.equals(access.district())
                ? transferWithin(caller, member, toOrganisationId)
                : requestFromOtherDistrict(member, toDistrict, toOrganisationId);
    }

    /** Completes at once, so the caller's scope must cover the receiving organisation as well as the sending one. */
    private Transfer transferWithin(Caller caller, Member member, UUID toOrganisationId) {
        Organisation target = organisations.find(toOrganisationId)
                .filter(o -> TreeRules.mayHoldMembers(o.type()) && o.active())
                .orElseThrow(() -> new DomainRuleException("toOrganisationId", "no active organisation "
                        + toOrganisationId + " that can hold members in district " + access.district()));
        access.requireManage(caller, target);
        if (target.id().equals(member.homeOrganisationId())) {
            throw new DomainRuleException("toOrganisationId", "the member is already held there");
        }
        Member moved = member.withHome(target.id(), MemberStatus.ACTIVE, member.version() + 1);
        memberService.save(moved, member.version());
        Transfer transfer = new Transfer(UUID.randomUUID(), Direction.INTERNAL, member.id(), access.district(),
                member.homeOrganisationId(), access.district(), target.id(), member.category(), member.specialties(),
                Status.COMPLETED, null, 1, Instant.now(), Instant.now());
        transfers.insert(transfer);
        outbox.append(new MemberTransferredWithinDistrict(member.id(), transfer.id(), member.homeOrganisationId(),
                target.id()), moved.version());
        return transfer;
    }

    private Transfer requestFromOtherDistrict(Member member, String toDistrict, UUID toOrganisationId) {
        directory.organisation(toOrganisationId)
                .filter(o -> o.district().equals(toDistrict) && TreeRules.mayHoldMembers(o.type()) && o.active())
                .orElseThrow(() -> new DomainRuleException("toOrganisationId", "no active organisation "
                        + toOrganisationId + " that can hold members is known in district " + toDistrict));
        Member pending = member.withHome(member.homeOrganisationId(), MemberStatus.TRANSFER_PENDING,
                member.version() + 1);
        memberService.save(pending, member.version());
        Transfer transfer = new Transfer(UUID.randomUUID(), Direction.OUTGOING, member.id(), access.district(),
                member.homeOrganisationId(), toDistrict, toOrganisationId, member.category(), member.specialties(),
                Status.PENDING, null, 1, Instant.now(), null);
        transfers.insert(transfer);
        outbox.append(new MemberTransferRequested(member.id(), transfer.id(), member.homeOrganisationId(), toDistrict,
                toOrganisationId, member.category(), member.specialties()), pending.version());
        return transfer;
    }

    /** The personal data the receiving district records from the member's letter of introduction (介绍信). */
    record Arrival(String name, String phone, String idNumber, String address, String residenceDistrict,
                   UUID residenceCommunityId) {
    }

    @Transactional
    Transfer accept(Caller caller, UUID transferId, Arrival arrival) {
        Transfer transfer = lockPending(transferId, Direction.INCOMING);
        Organisation target = organisations.find(transfer.toOrganisationId())
                .orElseThrow(() -> new DomainRuleException("the receiving organisation "
                        + transfer.toOrganisationId() + " does not exist in district " + access.district()));
        access.requireManage(caller, target);
        memberService.registerArrival(transfer.memberId(), new MemberDetails(arrival.name(), arrival.phone(),
                arrival.idNumber(), arrival.address(), target.id(), arrival.residenceDistrict(),
                arrival.residenceCommunityId(), transfer.category(), transfer.specialties(), null, false));
        Transfer accepted = transfer.decided(Status.ACCEPTED, null);
        transfers.update(accepted);
        outbox.append(new MemberTransferAccepted(transferId, transfer.memberId(), transfer.fromDistrict(),
                target.id()), accepted.version());
        return accepted;
    }

    @Transactional
    Transfer decline(Caller caller, UUID transferId, String reason) {
        Transfer transfer = lockPending(transferId, Direction.INCOMING);
        organisations.find(transfer.toOrganisationId()).ifPresentOrElse(
                target -> access.requireManage(caller, target), () -> access.requireDistrictWide(caller));
        Transfer declined = transfer.decided(Status.DECLINED, reason);
        transfers.update(declined);
        outbox.append(new MemberTransferDeclined(transferId, transfer.memberId(), transfer.fromDistrict(), reason),
                declined.version());
        return declined;
    }

    @Transactional
    Transfer cancel(Caller caller, UUID transferId, String reason) {
        Transfer transfer = lockPending(transferId, Direction.OUTGOING);
        Member member = members.lock(transfer.memberId()).orElseThrow();
        access.requireManage(caller, organisations.find(member.homeOrganisationId()).orElseThrow());
        transfers.update(transfer.decided(Status.CANCELLED, reason));
        restore(member, transfer, reason);
        return transfers.find(transferId).orElseThrow();
    }

    Page<Transfer> search(Caller caller, Direction direction, Status status, int page, int size) {
        access.requireDistrictWide(caller);
        return transfers.search(direction, status, page, size);
    }

    Transfer get(Caller caller, UUID id) {
        access.requireDistrictWide(caller);
        return transfers.find(id).orElseThrow(() -> new NotFoundException("transfer " + id + " not found"));
    }

    // ---- reactions to the other district's events (called by the membership events listener) ----

    /** Another district asks this one to take over a member. */
    public void onRequested(String fromDistrict, MemberTransferRequested event) {
        if (event.toDistrict().equals(access.district())) {
            transfers.insert(new Transfer(event.transferId(), Direction.INCOMING, event.memberId(), fromDistrict,
                    event.fromOrganisationId(), event.toDistrict(), event.toOrganisationId(), event.category(),
                    event.specialties(), Status.PENDING, null, 1, Instant.now(), null));
        }
    }

    /** The receiving district accepted: close the member's record here. */
    public void onAccepted(MemberTransferAccepted event) {
        if (event.fromDistrict().equals(access.district())) {
            transfers.lock(event.transferId()).filter(t -> t.direction() == Direction.OUTGOING
                    && t.status() != Status.COMPLETED).ifPresent(transfer -> {
                        transfers.update(transfer.decided(Status.COMPLETED, transfer.reason()));
                        Member member = members.lock(transfer.memberId()).orElseThrow();
                        Member out = member.withHome(member.homeOrganisationId(), MemberStatus.TRANSFERRED_OUT,
                                member.version() + 1);
                        memberService.save(out, member.version());
                        outbox.append(new MemberTransferredOut(member.id(), transfer.id(), transfer.toDistrict(),
                                transfer.toOrganisationId()), out.version());
                    });
        }
    }

    /** The receiving district declined: the member stays here, active again. */
    public void onDeclined(MemberTransferDeclined event) {
        if (event.fromDistrict().equals(access.district())) {
            transfers.lock(event.transferId()).filter(t -> t.direction() == Direction.OUTGOING
                    && t.status() == Status.PENDING).ifPresent(transfer -> {
                        transfers.update(transfer.decided(Status.DECLINED, event.reason()));
                        restore(members.lock(transfer.memberId()).orElseThrow(), transfer,
                                "declined by " + transfer.toDistrict() + ": " + event.reason());
                    });
        }
    }

    /** The sending district withdrew a transfer it had asked of this one. */
    public void onCancelled(MemberTransferCancelled event) {
        if (event.toDistrict().equals(access.district())) {
            transfers.lock(event.transferId()).filter(t -> t.direction() == Direction.INCOMING
                    && t.status() == Status.PENDING)
                    .ifPresent(transfer -> transfers.update(transfer.decided(Status.CANCELLED, event.reason())));
        }
    }

    private void restore(Member member, Transfer transfer, String reason) {
        Member active = member.withHome(member.homeOrganisationId(), MemberStatus.ACTIVE, member.version() + 1);
        memberService.save(active, member.version());
        outbox.append(new MemberTransferCancelled(member.id(), transfer.id(), transfer.toDistrict(), reason),
                active.version());
    }

    private Transfer lockPending(UUID id, Direction direction) {
        Transfer transfer = transfers.lock(id)
                .filter(t -> t.direction() == direction)
                .orElseThrow(() -> new NotFoundException(direction.name().toLowerCase() + " transfer " + id
                        + " not found"));
        if (transfer.status() != Status.PENDING) {
            throw new ConflictException("transfer " + id + " is " + transfer.status() + ", no longer PENDING");
        }
        return transfer;
    }
}
