package cn.zhangzhou.partybuilding.events.membership;

import java.util.List;

import cn.zhangzhou.partybuilding.events.EventType;

/** The event types the membership service publishes on {@code <district>.membership.events}. */
public final class MembershipEvents {

    public static final String SERVICE = "membership";

    public static final EventType<OrganisationCreated> ORGANISATION_CREATED =
            new EventType<>(SERVICE, "OrganisationCreated", 1, OrganisationCreated.class);
    public static final EventType<OrganisationRenamed> ORGANISATION_RENAMED =
            new EventType<>(SERVICE, "OrganisationRenamed", 1, OrganisationRenamed.class);
    public static final EventType<OrganisationMoved> ORGANISATION_MOVED =
            new EventType<>(SERVICE, "OrganisationMoved", 1, OrganisationMoved.class);
    public static final EventType<OrganisationDeactivated> ORGANISATION_DEACTIVATED =
            new EventType<>(SERVICE, "OrganisationDeactivated", 1, OrganisationDeactivated.class);
    public static final EventType<MemberRegistered> MEMBER_REGISTERED =
            new EventType<>(SERVICE, "MemberRegistered", 1, MemberRegistered.class);
    public static final EventType<MemberUpdated> MEMBER_UPDATED =
            new EventType<>(SERVICE, "MemberUpdated", 1, MemberUpdated.class);
    public static final EventType<MemberTransferredWithinDistrict> MEMBER_TRANSFERRED_WITHIN_DISTRICT =
            new EventType<>(SERVICE, "MemberTransferredWithinDistrict", 1, MemberTransferredWithinDistrict.class);
    public static final EventType<MemberTransferRequested> MEMBER_TRANSFER_REQUESTED =
            new EventType<>(SERVICE, "MemberTransferRequested", 1, MemberTransferRequested.class);
    public static final EventType<MemberTransferAccepted> MEMBER_TRANSFER_ACCEPTED =
            new EventType<>(SERVICE, "MemberTransferAccepted", 1, MemberTransferAccepted.class);
    public static final EventType<MemberTransferDeclined> MEMBER_TRANSFER_DECLINED =
            new EventType<>(SERVICE, "MemberTransferDeclined", 1, MemberTransferDeclined.class);
    public static final EventType<MemberTransferredOut> MEMBER_TRANSFERRED_OUT =
            new EventType<>(SERVICE, "MemberTransferredOut", 1, MemberTransferredOut.class);
    public static final EventType<MemberTransferCancelled> MEMBER_TRANSFER_CANCELLED =
            new EventType<>(SERVICE, "MemberTransferCancelled", 1, MemberTransferCancelled.class);
    public static final EventType<MemberPlaced> MEMBER_PLACED =
            new EventType<>(SERVICE, "MemberPlaced", 1, MemberPlaced.class);
    public static final EventType<MemberPlacementMoved> MEMBER_PLACEMENT_MOVED =
            new EventType<>(SERVICE, "MemberPlacementMoved", 1, MemberPlacementMoved.class);
    public static final EventType<UnitReportSubmitted> UNIT_REPORT_SUBMITTED =
            new EventType<>(SERVICE, "UnitReportSubmitted", 1, UnitReportSubmitted.class);
    public static final EventType<UnitReportAccepted> UNIT_REPORT_ACCEPTED =
            new EventType<>(SERVICE, "UnitReportAccepted", 1, UnitReportAccepted.class);
    public static final EventType<UnitReportDeclined> UNIT_REPORT_DECLINED =
            new EventType<>(SERVICE, "UnitReportDeclined", 1, UnitReportDeclined.class);
    public static final EventType<MemberReportSubmitted> MEMBER_REPORT_SUBMITTED =
            new EventType<>(SERVICE, "MemberReportSubmitted", 1, MemberReportSubmitted.class);
    public static final EventType<MemberReportAccepted> MEMBER_REPORT_ACCEPTED =
            new EventType<>(SERVICE, "MemberReportAccepted", 1, MemberReportAccepted.class);
    public static final EventType<MemberReportDeclined> MEMBER_REPORT_DECLINED =
            new EventType<>(SERVICE, "MemberReportDeclined", 1, MemberReportDeclined.class);
    public static final EventType<MemberReportWithdrawn> MEMBER_REPORT_WITHDRAWN =
            new EventType<>(SERVICE, "MemberReportWithdrawn", 1, MemberReportWithdrawn.class);

    public static final List<EventType<?>> ALL = List.of(
            ORGANISATION_CREATED,
            ORGANISATION_RENAMED,
            ORGANISATION_MOVED,
            ORGANISATION_DEACTIVATED,
            MEMBER_REGISTERED,
            MEMBER_UPDATED,
            MEMBER_TRANSFERRED_WITHIN_DISTRICT,
            MEMBER_TRANSFER_REQUESTED,
            MEMBER_TRANSFER_ACCEPTED,
            MEMBER_TRANSFER_DECLINED,
            MEMBER_TRANSFERRED_OUT,
            MEMBER_TRANSFER_CANCELLED,
            MEMBER_PLACED,
            MEMBER_PLACEMENT_MOVED,
            UNIT_REPORT_SUBMITTED,
            UNIT_REPORT_ACCEPTED,
            UNIT_REPORT_DECLINED,
            MEMBER_REPORT_SUBMITTED,
            MEMBER_REPORT_ACCEPTED,
            MEMBER_REPORT_DECLINED,
            MEMBER_REPORT_WITHDRAWN);

    private MembershipEvents() {
    }
}
