package cn.zhangzhou.partybuilding.events.volunteering;

/** Who a volunteer (志愿者) is. */
public enum VolunteerKind {
    /** A party member (党员) known from membership events; the volunteer id is the member id. */
    MEMBER,
    /** A resident who is not a member, registered by the community; personal data stays in the volunteering service. */
    RESIDENT
}
