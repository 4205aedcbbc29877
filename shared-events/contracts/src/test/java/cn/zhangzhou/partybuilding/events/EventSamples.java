package cn.zhangzhou.partybuilding.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.evaluation.Grade;
import cn.zhangzhou.partybuilding.events.evaluation.GradeAssigned;
import cn.zhangzhou.partybuilding.events.evaluation.OrganisationScored;
import cn.zhangzhou.partybuilding.events.evaluation.ProjectLaunched;
import cn.zhangzhou.partybuilding.events.evaluation.ProjectResultsPublished;
import cn.zhangzhou.partybuilding.events.evaluation.ProjectTargetChecked;
import cn.zhangzhou.partybuilding.events.evaluation.ResponsibilityContractIssued;
import cn.zhangzhou.partybuilding.events.evaluation.ResponsibilityContractSigned;
import cn.zhangzhou.partybuilding.events.evaluation.RoundClosed;
import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;
import cn.zhangzhou.partybuilding.events.evaluation.RoundOpened;
import cn.zhangzhou.partybuilding.events.evaluation.ScoreCalibrated;
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
import cn.zhangzhou.partybuilding.events.volunteering.ActivityCancelled;
import cn.zhangzhou.partybuilding.events.volunteering.ActivityKind;
import cn.zhangzhou.partybuilding.events.volunteering.ActivityScheduled;
import cn.zhangzhou.partybuilding.events.volunteering.ActivitySignUpCancelled;
import cn.zhangzhou.partybuilding.events.volunteering.ActivitySignUpPromoted;
import cn.zhangzhou.partybuilding.events.volunteering.ActivitySignedUp;
import cn.zhangzhou.partybuilding.events.volunteering.BrandProjectLaunched;
import cn.zhangzhou.partybuilding.events.volunteering.CampaignKind;
import cn.zhangzhou.partybuilding.events.volunteering.CampaignLaunched;
import cn.zhangzhou.partybuilding.events.volunteering.CheckedIn;
import cn.zhangzhou.partybuilding.events.volunteering.HoursAppealed;
import cn.zhangzhou.partybuilding.events.volunteering.HoursApproved;
import cn.zhangzhou.partybuilding.events.volunteering.HoursClaimed;
import cn.zhangzhou.partybuilding.events.volunteering.HoursDeclined;
import cn.zhangzhou.partybuilding.events.volunteering.HoursSource;
import cn.zhangzhou.partybuilding.events.volunteering.JoinPolicy;
import cn.zhangzhou.partybuilding.events.volunteering.PostClaimWithdrawn;
import cn.zhangzhou.partybuilding.events.volunteering.PostClaimed;
import cn.zhangzhou.partybuilding.events.volunteering.PostClosed;
import cn.zhangzhou.partybuilding.events.volunteering.PostPublished;
import cn.zhangzhou.partybuilding.events.volunteering.PostPublisher;
import cn.zhangzhou.partybuilding.events.volunteering.Requirement;
import cn.zhangzhou.partybuilding.events.volunteering.ScheduleKind;
import cn.zhangzhou.partybuilding.events.volunteering.ServiceRecorded;
import cn.zhangzhou.partybuilding.events.volunteering.ShiftKind;
import cn.zhangzhou.partybuilding.events.volunteering.SignUpStatus;
import cn.zhangzhou.partybuilding.events.volunteering.SpecialtyState;
import cn.zhangzhou.partybuilding.events.volunteering.TeamBase;
import cn.zhangzhou.partybuilding.events.volunteering.TeamFormed;
import cn.zhangzhou.partybuilding.events.volunteering.TeamJoinDeclined;
import cn.zhangzhou.partybuilding.events.volunteering.TeamJoinRequested;
import cn.zhangzhou.partybuilding.events.volunteering.TeamMemberJoined;
import cn.zhangzhou.partybuilding.events.volunteering.TeamMemberLeft;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerKind;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerRegistered;
import cn.zhangzhou.partybuilding.events.volunteering.VolunteerSpecialtiesUpdated;
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
    /**
     * Volunteering: a member and a resident volunteer, 南坑街道's patrol team and its brand project, 群裕社区's
     * judge's studio (a brand project), a linkage-month campaign, a legal-advice post, a computer class (a training)
     * at 华港社区's station, a sign-up and an hours entry.
     */
    static final UUID RESIDENT_VOLUNTEER = UUID.fromString("4e3d2c1b-0a99-4887-9766-554433221100");
    static final UUID PATROL_TEAM = UUID.fromString("6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d");
    static final UUID PATROL_PROJECT = UUID.fromString("8c7b6a59-4837-4261-9504-f3e2d1c0b9a8");
    static final UUID JUDGE_STUDIO = UUID.fromString("d4c3b2a1-9f8e-4d7c-8b6a-5f4e3d2c1b0a");
    static final UUID SERVICE_RECORD = UUID.fromString("1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b");
    static final UUID LINKAGE_MONTH = UUID.fromString("2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d");
    static final UUID LEGAL_POST = UUID.fromString("3b4c5d6e-7f80-4192-a3b4-c5d6e7f80912");
    static final UUID POST_CLAIM = UUID.fromString("5d6e7f80-9102-4b3c-8d5e-6f7081920a3b");
    static final UUID COMPUTER_CLASS = UUID.fromString("7f809102-a3b4-4c5d-9e6f-708192a3b4c5");
    static final UUID SIGN_UP = UUID.fromString("9102a3b4-c5d6-4e7f-8091-02a3b4c5d6e7");
    static final UUID HOURS = UUID.fromString("a3b4c5d6-e7f8-4091-a2b3-c4d5e6f70819");

    /** Evaluation: a project of 群裕社区 answering a wish, and one of its targets. */
    static final UUID PROJECT = UUID.fromString("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e");
    static final UUID TARGET = UUID.fromString("c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f");
    /** The 2026 round of Xiangcheng's community organisations. */
    static final UUID ROUND = UUID.fromString("d3e4f5a6-b7c8-4d9e-8f1a-2b3c4d5e6f70");
    /** 南坑街道's responsibility contract (责任状) with 群裕社区 for 2026. */
    static final UUID CONTRACT = UUID.fromString("e4f5a6b7-c8d9-4e0f-9a1b-2c3d4e5f6a7b");

    private EventSamples() {
    }

    static List<DomainEvent> all() {
        List<DomainEvent> all = new ArrayList<>(membership());
        all.addAll(wishes());
        all.addAll(volunteering());
        all.addAll(evaluation());
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

    /** A Longwen member reported to 群裕社区 (双报到) serves there; 南坑街道's patrol and 华港社区's classes. */
    private static List<DomainEvent> volunteering() {
        Instant shiftStart = Instant.parse("2026-12-05T01:00:00Z");
        Instant shiftEnd = Instant.parse("2026-12-05T04:00:00Z");
        LocalDate servedOn = LocalDate.parse("2026-12-05");
        return List.of(
                new VolunteerRegistered(MEMBER, VolunteerKind.MEMBER, "longwen", QUNYU_COMMUNITY),
                new VolunteerRegistered(RESIDENT_VOLUNTEER, VolunteerKind.RESIDENT, "xiangcheng", QUNYU_COMMUNITY),
                new VolunteerSpecialtiesUpdated(MEMBER, QUNYU_COMMUNITY, List.of(
                        new SpecialtyState("LEGAL", true, LocalDate.parse("2028-06-30")),
                        new SpecialtyState("CULTURE", false, null))),
                new VolunteerSpecialtiesUpdated(RESIDENT_VOLUNTEER, QUNYU_COMMUNITY, List.of()),
                new TeamFormed(PATROL_TEAM, "南坑街道退休党员义务巡逻队", TeamBase.BRAND_PROJECT, NANKENG_STREET, PATROL_PROJECT,
                        MEMBER, JoinPolicy.APPROVAL),
                new TeamFormed(PATROL_TEAM, "群裕社区法律服务队", TeamBase.COMMUNITY, QUNYU_COMMUNITY, null, MEMBER,
                        JoinPolicy.OPEN),
                new TeamJoinRequested(PATROL_TEAM, RESIDENT_VOLUNTEER),
                new TeamMemberJoined(PATROL_TEAM, RESIDENT_VOLUNTEER, true),
                new TeamJoinDeclined(PATROL_TEAM, RESIDENT_VOLUNTEER, "本队只吸收退休党员"),
                new TeamMemberLeft(PATROL_TEAM, RESIDENT_VOLUNTEER, false),
                new CampaignLaunched(LINKAGE_MONTH, XIANGCHENG_COMMITTEE, CampaignKind.LINKAGE_MONTH, "2026年党建联动月",
                        LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31")),
                new BrandProjectLaunched(JUDGE_STUDIO, QUNYU_COMMUNITY, "黄志丽法官工作室"),
                new ServiceRecorded(JUDGE_STUDIO, SERVICE_RECORD, QUNYU_COMMUNITY, "MEDIATION", 54, servedOn,
                        LINKAGE_MONTH),
                new ServiceRecorded(PATROL_PROJECT, SERVICE_RECORD, NANKENG_STREET, "CRIMINAL_LEAD", 3, servedOn, null),
                new PostPublished(LEGAL_POST, QUNYU_COMMUNITY, PostPublisher.COMMUNITY, null, "周六法律咨询岗", "LEGAL",
                        Requirement.QUALIFICATION, ScheduleKind.FIXED, shiftStart, shiftEnd, null, 2, LINKAGE_MONTH),
                new PostPublished(LEGAL_POST, QUNYU_COMMUNITY, PostPublisher.UNIT, TAX_BUREAU_BRANCH, "12月办税引导岗",
                        null, Requirement.NONE, ScheduleKind.FLEXIBLE, shiftStart,
                        Instant.parse("2026-12-31T16:00:00Z"), 15, 3, null),
                new PostPublished(LEGAL_POST, QUNYU_COMMUNITY, PostPublisher.COMMUNITY, null, "楼道长", null,
                        Requirement.NONE, ScheduleKind.OPEN_ENDED, shiftStart, null, null, 1, null),
                new PostClaimed(LEGAL_POST, QUNYU_COMMUNITY, POST_CLAIM, MEMBER, "longwen"),
                new PostClaimWithdrawn(LEGAL_POST, QUNYU_COMMUNITY, POST_CLAIM, MEMBER, false),
                new PostClosed(LEGAL_POST, QUNYU_COMMUNITY, "岗位已满足本月需求"),
                new ActivityScheduled(COMPUTER_CLASS, QUNYU_COMMUNITY, ActivityKind.TRAINING, "党群连心驿站电脑培训班",
                        "IT", shiftStart, shiftEnd, 5, shiftStart.minus(Duration.ofDays(1)), LINKAGE_MONTH),
                new ActivityScheduled(COMPUTER_CLASS, QUNYU_COMMUNITY, ActivityKind.SERVICE, "社区环境整治", null,
                        shiftStart, shiftEnd, 40, shiftStart, null),
                new ActivitySignedUp(COMPUTER_CLASS, QUNYU_COMMUNITY, SIGN_UP, MEMBER, SignUpStatus.CONFIRMED, null),
                new ActivitySignedUp(COMPUTER_CLASS, QUNYU_COMMUNITY, SIGN_UP, RESIDENT_VOLUNTEER, SignUpStatus.WAITING,
                        3),
                new ActivitySignUpCancelled(COMPUTER_CLASS, QUNYU_COMMUNITY, SIGN_UP, MEMBER, SignUpStatus.CONFIRMED),
                new ActivitySignUpPromoted(COMPUTER_CLASS, QUNYU_COMMUNITY, SIGN_UP, RESIDENT_VOLUNTEER),
                new ActivityCancelled(COMPUTER_CLASS, QUNYU_COMMUNITY, "台风预警，活动取消"),
                new CheckedIn(HOURS, MEMBER, QUNYU_COMMUNITY, ShiftKind.POST, LEGAL_POST),
                new HoursClaimed(HOURS, MEMBER, QUNYU_COMMUNITY, ShiftKind.ACTIVITY, COMPUTER_CLASS, 180, servedOn,
                        "手机没电，未能扫码签到"),
                new HoursApproved(HOURS, MEMBER, VolunteerKind.MEMBER, "longwen", QUNYU_COMMUNITY, ShiftKind.POST,
                        LEGAL_POST, false, "LEGAL", LINKAGE_MONTH, 180, servedOn, HoursSource.CHECK_IN),
                new HoursApproved(HOURS, RESIDENT_VOLUNTEER, VolunteerKind.RESIDENT, "xiangcheng", QUNYU_COMMUNITY,
                        ShiftKind.ACTIVITY, COMPUTER_CLASS, true, null, null, 90, servedOn, HoursSource.CLAIM),
                new HoursDeclined(HOURS, MEMBER, QUNYU_COMMUNITY, "当日签到表无此人"),
                new HoursAppealed(HOURS, MEMBER, QUNYU_COMMUNITY, "有活动照片为证"));
    }

    private static List<DomainEvent> evaluation() {
        return List.of(
                new ProjectLaunched(PROJECT, QUNYU_COMMUNITY, 2026, "困难群众微心愿帮扶项目", MEMBER, List.of(WISH), 2),
                new ProjectLaunched(PROJECT, QUNYU_COMMUNITY, 2026, "老旧小区环境整治", MEMBER, List.of(), 1),
                new ProjectTargetChecked(PROJECT, QUNYU_COMMUNITY, 2026, TARGET, "帮扶困难群众", "户", 35, 37, true),
                new ProjectResultsPublished(PROJECT, QUNYU_COMMUNITY, 2026, 2, 1, Grade.GOOD),
                new RoundOpened(ROUND, 2026, RoundLevel.COMMUNITY, 20, 20, 40, 10, 10, 0),
                new OrganisationScored(ROUND, 2026, RoundLevel.COMMUNITY, QUNYU_COMMUNITY, new BigDecimal("87.25"), 1),
                new OrganisationScored(ROUND, 2026, RoundLevel.STREET, NANKENG_STREET, null, null),
                new RoundClosed(ROUND, 2026, RoundLevel.COMMUNITY, 12, 11),
                new ScoreCalibrated(ROUND, 2026, RoundLevel.COMMUNITY, QUNYU_COMMUNITY, new BigDecimal("87.25"),
                        new BigDecimal("87.25"), new BigDecimal("91.00"), 2, "实地核查发现帮扶台账漏记12户"),
                new ScoreCalibrated(ROUND, 2026, RoundLevel.COMMUNITY, QUNYU_COMMUNITY, null, null,
                        new BigDecimal("60.00"), 9, "无有效评分，由街道党工委核定"),
                new GradeAssigned(ROUND, 2026, RoundLevel.COMMUNITY, QUNYU_COMMUNITY, Grade.EXCELLENT,
                        new BigDecimal("91.00"), 1),
                new GradeAssigned(ROUND, 2026, RoundLevel.COMMUNITY, QUNYU_COMMUNITY, Grade.PASS, null, null),
                new ResponsibilityContractIssued(CONTRACT, 2026, NANKENG_STREET, QUNYU_COMMUNITY, MEMBER,
                        List.of(PROJECT), 2),
                new ResponsibilityContractIssued(CONTRACT, 2026, XIANGCHENG_COMMITTEE, NANKENG_STREET, MEMBER,
                        List.of(), 0),
                new ResponsibilityContractSigned(CONTRACT, 2026, NANKENG_STREET, QUNYU_COMMUNITY, MEMBER));
    }
}
