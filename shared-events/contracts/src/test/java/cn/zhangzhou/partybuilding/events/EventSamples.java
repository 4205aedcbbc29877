package cn.zhangzhou.partybuilding.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.membership.CadreRole;
import cn.zhangzhou.partybuilding.events.membership.MemberCategory;
import cn.zhangzhou.partybuilding.events.membership.MemberPlaced;
import cn.zhangzhou.partybuilding.events.membership.MemberPlacementMoved;
import cn.zhangzhou.partybuilding.events.membership.MemberRegistered;
import cn.zhangzhou.partybuilding.events.membership.MemberReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberReportDeclined;
import cn.zhangzhou.partybuilding.events.membership.MemberReportSubmitted;
import cn.zhangzhou.partybuilding.events.membership.MemberReportWithdrawn;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferAccepted;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferCancelled;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferDeclined;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferRequested;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredOut;
import cn.zhangzhou.partybuilding.events.membership.MemberTransferredWithinDistrict;
import cn.zhangzhou.partybuilding.events.membership.MemberUpdated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationCreated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationDeactivated;
import cn.zhangzhou.partybuilding.events.membership.OrganisationMoved;
import cn.zhangzhou.partybuilding.events.membership.OrganisationRenamed;
import cn.zhangzhou.partybuilding.events.membership.OrganisationType;
import cn.zhangzhou.partybuilding.events.membership.UnitReportAccepted;
import cn.zhangzhou.partybuilding.events.membership.UnitReportDeclined;
import cn.zhangzhou.partybuilding.events.membership.UnitReportSubmitted;
import cn.zhangzhou.partybuilding.events.wishes.ClaimerKind;
import cn.zhangzhou.partybuilding.events.wishes.ConfirmedBy;
import cn.zhangzhou.partybuilding.events.wishes.DeadlineKind;
import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.ReleaseReason;
import cn.zhangzhou.partybuilding.events.wishes.WishCancelled;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;
import cn.zhangzhou.partybuilding.events.wishes.WishClaimed;
import cn.zhangzhou.partybuilding.events.wishes.WishConfirmed;
import cn.zhangzhou.partybuilding.events.wishes.WishContactRevealed;
import cn.zhangzhou.partybuilding.events.wishes.WishContacted;
import cn.zhangzhou.partybuilding.events.wishes.WishExpired;
import cn.zhangzhou.partybuilding.events.wishes.WishFulfilled;
import cn.zhangzhou.partybuilding.events.wishes.WishPosted;
import cn.zhangzhou.partybuilding.events.wishes.WishPublished;
import cn.zhangzhou.partybuilding.events.wishes.WishRejected;
import cn.zhangzhou.partybuilding.events.wishes.WishReleased;
import cn.zhangzhou.partybuilding.events.wishes.WishReminderDue;
import cn.zhangzhou.partybuilding.events.wishes.WishRevised;
import cn.zhangzhou.partybuilding.events.wishes.WishSentBack;
import cn.zhangzhou.partybuilding.events.wishes.WishWithdrawn;

/**
 * Realistic instances of every event record, modelled on Xiangcheng's tree in docs/domain.md: with every
 * optional field set, and with optional fields null and lists empty, since both go over the wire.
 */
final class EventSamples {

    static final UUID XIANGCHENG_COMMITTEE = UUID.fromString("0b6f4f0e-6a7c-4d1e-9a8b-1f0c2d3e4a01");
    static final UUID NANKENG_STREET = UUID.fromString("0b6f4f0e-6a7c-4d1e-9a8b-1f0c2d3e4a02");
    static final UUID XINQIAO_STREET = UUID.fromString("0b6f4f0e-6a7c-4d1e-9a8b-1f0c2d3e4a03");
    static final UUID QUNYU_COMMUNITY = UUID.fromString("0b6f4f0e-6a7c-4d1e-9a8b-1f0c2d3e4a04");
    static final UUID QUNYU_GRID_3 = UUID.fromString("0b6f4f0e-6a7c-4d1e-9a8b-1f0c2d3e4a05");
    static final UUID QUNYU_GROUP_3_1 = UUID.fromString("0b6f4f0e-6a7c-4d1e-9a8b-1f0c2d3e4a06");
    static final UUID QUNYU_GROUP_3_2 = UUID.fromString("0b6f4f0e-6a7c-4d1e-9a8b-1f0c2d3e4a07");
    static final UUID TAX_BUREAU_BRANCH = UUID.fromString("0b6f4f0e-6a7c-4d1e-9a8b-1f0c2d3e4a08");
    static final UUID LONGWEN_COMMUNITY = UUID.fromString("7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c01");
    static final UUID MEMBER = UUID.fromString("5f3e2d1c-0b9a-4876-8543-210fedcba901");
    static final UUID TRANSFER = UUID.fromString("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    static final UUID REPORT = UUID.fromString("c0ffee00-1234-4abc-9def-0123456789ab");
    /** A wish on 群裕社区's needs menu (微心愿), its pseudonymous beneficiary, a claim and a help group (帮帮团). */
    static final UUID WISH = UUID.fromString("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    static final UUID BENEFICIARY = UUID.fromString("3c2b1a09-8f7e-4d6c-8b5a-493827160504");
    static final UUID CLAIM = UUID.fromString("e1d2c3b4-a596-4877-8695-a4b3c2d1e0f9");
    static final UUID HELP_GROUP = UUID.fromString("b7a6c5d4-e3f2-4109-8f7e-6d5c4b3a2918");
    static final Instant CLAIMED_AT = Instant.parse("2026-03-02T01:30:00Z");

    private EventSamples() {
    }

    static List<DomainEvent> all() {
        List<DomainEvent> all = new ArrayList<>(membership());
        all.addAll(wishes());
        return List.copyOf(all);
    }

    private static List<DomainEvent> membership() {
        return List.of(
                new OrganisationCreated(QUNYU_COMMUNITY, "350602-NK-007", "群裕社区党委", OrganisationType.COMMUNITY,
                        NANKENG_STREET),
                new OrganisationCreated(XIANGCHENG_COMMITTEE, "350602", "中共漳州市芗城区委员会",
                        OrganisationType.DISTRICT_COMMITTEE, null),
                new OrganisationRenamed(QUNYU_COMMUNITY, "中共漳州市芗城区南坑街道群裕社区委员会"),
                new OrganisationMoved(QUNYU_COMMUNITY, NANKENG_STREET, XINQIAO_STREET),
                new OrganisationDeactivated(QUNYU_GROUP_3_2),
                new MemberRegistered(MEMBER, TAX_BUREAU_BRANCH, "xiangcheng", QUNYU_COMMUNITY,
                        MemberCategory.IN_SERVICE, List.of("法律咨询", "书法"), CadreRole.DEPUTY, true),
                new MemberRegistered(MEMBER, QUNYU_COMMUNITY, "longwen", null, MemberCategory.MOBILE, List.of(), null,
                        false),
                new MemberUpdated(MEMBER, "xiangcheng", QUNYU_COMMUNITY, MemberCategory.RETIRED, List.of("摄影"),
                        CadreRole.HEAD, true),
                new MemberUpdated(MEMBER, "zhangpu", null, MemberCategory.OTHER, List.of(), null, false),
                new MemberTransferredWithinDistrict(MEMBER, TRANSFER, TAX_BUREAU_BRANCH, QUNYU_COMMUNITY),
                new MemberTransferRequested(MEMBER, TRANSFER, TAX_BUREAU_BRANCH, "longwen", LONGWEN_COMMUNITY,
                        MemberCategory.IN_SERVICE, List.of("电脑维修")),
                new MemberTransferRequested(MEMBER, TRANSFER, TAX_BUREAU_BRANCH, "longwen", LONGWEN_COMMUNITY,
                        MemberCategory.RETIRED, List.of()),
                new MemberTransferAccepted(TRANSFER, MEMBER, "xiangcheng", LONGWEN_COMMUNITY),
                new MemberTransferDeclined(TRANSFER, MEMBER, "xiangcheng", "接收组织已撤销，请重新选择接收党组织"),
                new MemberTransferredOut(MEMBER, TRANSFER, "longwen", LONGWEN_COMMUNITY),
                new MemberTransferCancelled(MEMBER, TRANSFER, "longwen", "党员本人撤回转接申请"),
                new MemberPlaced(MEMBER, "xiangcheng", QUNYU_COMMUNITY, QUNYU_GRID_3, QUNYU_GROUP_3_1),
                new MemberPlacementMoved(MEMBER, "xiangcheng", QUNYU_COMMUNITY, QUNYU_GROUP_3_1, QUNYU_GRID_3,
                        QUNYU_GROUP_3_2),
                new UnitReportSubmitted(REPORT, TAX_BUREAU_BRANCH, QUNYU_COMMUNITY),
                new UnitReportAccepted(REPORT, TAX_BUREAU_BRANCH, QUNYU_COMMUNITY, "QY-2017-0042"),
                new UnitReportDeclined(REPORT, TAX_BUREAU_BRANCH, QUNYU_COMMUNITY, "该单位不在本社区辖区内"),
                new MemberReportSubmitted(REPORT, MEMBER, "longwen", LONGWEN_COMMUNITY, QUNYU_COMMUNITY),
                new MemberReportAccepted(REPORT, MEMBER, "longwen", QUNYU_COMMUNITY),
                new MemberReportDeclined(REPORT, MEMBER, "longwen", QUNYU_COMMUNITY, "居住地不在本社区"),
                new MemberReportWithdrawn(REPORT, MEMBER, "longwen", QUNYU_COMMUNITY));
    }

    /** One wish's life (a Longwen member claims a Xiangcheng wish), plus the other endings and null fields. */
    private static List<DomainEvent> wishes() {
        Instant contactDeadline = CLAIMED_AT.plus(Duration.ofDays(7));
        Instant fulfilmentDeadline = Instant.parse("2026-03-04T09:00:00Z").plus(Duration.ofDays(30));
        return List.of(
                new WishPosted(WISH, QUNYU_COMMUNITY, QUNYU_GRID_3, WishCategory.DAILY_NECESSITIES, 120,
                        PostedBy.GRID_WORKER, BENEFICIARY),
                new WishPosted(WISH, QUNYU_COMMUNITY, null, WishCategory.COMPANIONSHIP, 0, PostedBy.RESIDENT,
                        BENEFICIARY),
                new WishRevised(WISH, QUNYU_COMMUNITY, QUNYU_GRID_3, WishCategory.STUDY, 260),
                new WishRevised(WISH, QUNYU_COMMUNITY, null, WishCategory.REPAIRS, 80),
                new WishSentBack(WISH, QUNYU_COMMUNITY, "估价偏高，请核实学习用品清单后重新提交"),
                new WishRejected(WISH, QUNYU_COMMUNITY, "已纳入民政临时救助，不再列入心愿菜单"),
                new WishPublished(WISH, QUNYU_COMMUNITY, false),
                new WishClaimed(WISH, QUNYU_COMMUNITY, CLAIM, ClaimerKind.MEMBER, MEMBER, "longwen", contactDeadline),
                new WishClaimed(WISH, QUNYU_COMMUNITY, CLAIM, ClaimerKind.GROUP, HELP_GROUP, "xiangcheng",
                        contactDeadline),
                new WishClaimed(WISH, QUNYU_COMMUNITY, CLAIM, ClaimerKind.UNIT, TAX_BUREAU_BRANCH, "xiangcheng",
                        contactDeadline),
                new WishContactRevealed(WISH, QUNYU_COMMUNITY, CLAIM),
                new WishReminderDue(WISH, QUNYU_COMMUNITY, CLAIM, DeadlineKind.CONTACT, contactDeadline),
                new WishContacted(WISH, QUNYU_COMMUNITY, CLAIM, fulfilmentDeadline),
                new WishReminderDue(WISH, QUNYU_COMMUNITY, CLAIM, DeadlineKind.FULFILMENT, fulfilmentDeadline),
                new WishReleased(WISH, QUNYU_COMMUNITY, CLAIM, ReleaseReason.CONTACT_DEADLINE_MISSED, true),
                new WishReleased(WISH, QUNYU_COMMUNITY, CLAIM, ReleaseReason.CLAIMER_WITHDREW, true),
                new WishPublished(WISH, QUNYU_COMMUNITY, true),
                new WishFulfilled(WISH, QUNYU_COMMUNITY, CLAIM, true),
                new WishFulfilled(WISH, QUNYU_COMMUNITY, CLAIM, false),
                new WishConfirmed(WISH, QUNYU_COMMUNITY, CLAIM, ConfirmedBy.BENEFICIARY),
                new WishConfirmed(WISH, QUNYU_COMMUNITY, CLAIM, ConfirmedBy.STAFF),
                new WishWithdrawn(WISH, QUNYU_COMMUNITY, "群众家属已自行解决"),
                new WishCancelled(WISH, QUNYU_COMMUNITY, CLAIM, "受助群众已搬离本社区"),
                new WishCancelled(WISH, QUNYU_COMMUNITY, null, "心愿内容与低保救助重复"),
                new WishExpired(WISH, QUNYU_COMMUNITY, 2));
    }
}
