package cn.zhangzhou.partybuilding.events.volunteering;

import java.util.List;

import cn.zhangzhou.partybuilding.events.EventType;

/**
 * The event types the volunteering service (志工型党员队伍) publishes on {@code <district>.volunteering.events}.
 * Aggregates, each the subject of its events: the volunteer, the team, the campaign, the brand project, the post
 * (with its claims), the activity (with its sign-ups) and the hours entry.
 */
public final class VolunteeringEvents {

    public static final String SERVICE = "volunteering";

    public static final EventType<VolunteerRegistered> VOLUNTEER_REGISTERED =
            new EventType<>(SERVICE, "VolunteerRegistered", 1, VolunteerRegistered.class);
    public static final EventType<VolunteerSpecialtiesUpdated> VOLUNTEER_SPECIALTIES_UPDATED =
            new EventType<>(SERVICE, "VolunteerSpecialtiesUpdated", 1, VolunteerSpecialtiesUpdated.class);
    public static final EventType<TeamFormed> TEAM_FORMED =
            new EventType<>(SERVICE, "TeamFormed", 1, TeamFormed.class);
    public static final EventType<TeamJoinRequested> TEAM_JOIN_REQUESTED =
            new EventType<>(SERVICE, "TeamJoinRequested", 1, TeamJoinRequested.class);
    public static final EventType<TeamMemberJoined> TEAM_MEMBER_JOINED =
            new EventType<>(SERVICE, "TeamMemberJoined", 1, TeamMemberJoined.class);
    public static final EventType<TeamJoinDeclined> TEAM_JOIN_DECLINED =
            new EventType<>(SERVICE, "TeamJoinDeclined", 1, TeamJoinDeclined.class);
    public static final EventType<TeamMemberLeft> TEAM_MEMBER_LEFT =
            new EventType<>(SERVICE, "TeamMemberLeft", 1, TeamMemberLeft.class);
    public static final EventType<CampaignLaunched> CAMPAIGN_LAUNCHED =
            new EventType<>(SERVICE, "CampaignLaunched", 1, CampaignLaunched.class);
    public static final EventType<BrandProjectLaunched> BRAND_PROJECT_LAUNCHED =
            new EventType<>(SERVICE, "BrandProjectLaunched", 1, BrandProjectLaunched.class);
    public static final EventType<ServiceRecorded> SERVICE_RECORDED =
            new EventType<>(SERVICE, "ServiceRecorded", 1, ServiceRecorded.class);
    public static final EventType<PostPublished> POST_PUBLISHED =
            new EventType<>(SERVICE, "PostPublished", 1, PostPublished.class);
    public static final EventType<PostClaimed> POST_CLAIMED =
            new EventType<>(SERVICE, "PostClaimed", 1, PostClaimed.class);
    public static final EventType<PostClaimWithdrawn> POST_CLAIM_WITHDRAWN =
            new EventType<>(SERVICE, "PostClaimWithdrawn", 1, PostClaimWithdrawn.class);
    public static final EventType<PostClosed> POST_CLOSED =
            new EventType<>(SERVICE, "PostClosed", 1, PostClosed.class);
    public static final EventType<ActivityScheduled> ACTIVITY_SCHEDULED =
            new EventType<>(SERVICE, "ActivityScheduled", 1, ActivityScheduled.class);
    public static final EventType<ActivitySignedUp> ACTIVITY_SIGNED_UP =
            new EventType<>(SERVICE, "ActivitySignedUp", 1, ActivitySignedUp.class);
    public static final EventType<ActivitySignUpCancelled> ACTIVITY_SIGN_UP_CANCELLED =
            new EventType<>(SERVICE, "ActivitySignUpCancelled", 1, ActivitySignUpCancelled.class);
    public static final EventType<ActivitySignUpPromoted> ACTIVITY_SIGN_UP_PROMOTED =
            new EventType<>(SERVICE, "ActivitySignUpPromoted", 1, ActivitySignUpPromoted.class);
    public static final EventType<ActivityCancelled> ACTIVITY_CANCELLED =
            new EventType<>(SERVICE, "ActivityCancelled", 1, ActivityCancelled.class);
    public static final EventType<CheckedIn> CHECKED_IN =
            new EventType<>(SERVICE, "CheckedIn", 1, CheckedIn.class);
    public static final EventType<HoursClaimed> HOURS_CLAIMED =
            new EventType<>(SERVICE, "HoursClaimed", 1, HoursClaimed.class);
    public static final EventType<HoursApproved> HOURS_APPROVED =
            new EventType<>(SERVICE, "HoursApproved", 1, HoursApproved.class);
    public static final EventType<HoursDeclined> HOURS_DECLINED =
            new EventType<>(SERVICE, "HoursDeclined", 1, HoursDeclined.class);
    public static final EventType<HoursAppealed> HOURS_APPEALED =
            new EventType<>(SERVICE, "HoursAppealed", 1, HoursAppealed.class);

    public static final List<EventType<?>> ALL = List.of(
            VOLUNTEER_REGISTERED,
            VOLUNTEER_SPECIALTIES_UPDATED,
            TEAM_FORMED,
            TEAM_JOIN_REQUESTED,
            TEAM_MEMBER_JOINED,
            TEAM_JOIN_DECLINED,
            TEAM_MEMBER_LEFT,
            CAMPAIGN_LAUNCHED,
            BRAND_PROJECT_LAUNCHED,
            SERVICE_RECORDED,
            POST_PUBLISHED,
            POST_CLAIMED,
            POST_CLAIM_WITHDRAWN,
            POST_CLOSED,
            ACTIVITY_SCHEDULED,
            ACTIVITY_SIGNED_UP,
            ACTIVITY_SIGN_UP_CANCELLED,
            ACTIVITY_SIGN_UP_PROMOTED,
            ACTIVITY_CANCELLED,
            CHECKED_IN,
            HOURS_CLAIMED,
            HOURS_APPROVED,
            HOURS_DECLINED,
            HOURS_APPEALED);

    private VolunteeringEvents() {
    }
}
