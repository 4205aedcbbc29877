package cn.zhangzhou.partybuilding.evaluation.outcome;

/**
 * The verified outcomes an organisation is scored on, each from one type of event (national rules: never from app
 * activity such as log-ins, likes or study time).
 */
public enum OutcomeKind {
    /** Volunteer service hours approved in the organisation's communities (HoursApproved, trainings left out). */
    HOURS_SERVED("h", "zz.volunteering.HoursApproved.v1"),
    /** Wishes (微心愿) of its communities whose fulfilment was confirmed (WishConfirmed). */
    WISHES_CONFIRMED("wishes", "zz.wishes.WishConfirmed.v1"),
    /** Member reports (党员双报到) its communities accepted (MemberReportAccepted). */
    MEMBER_REPORTS_ACCEPTED("reports", "zz.membership.MemberReportAccepted.v1"),
    /** Unit reports (单位报到) its communities accepted (UnitReportAccepted). */
    UNIT_REPORTS_ACCEPTED("reports", "zz.membership.UnitReportAccepted.v1"),
    /** Project targets found met by the on-site check (ProjectTargetChecked with met). */
    TARGETS_MET("targets", "zz.evaluation.ProjectTargetChecked.v1");

    public final String unit;
    public final String sourceType;

    OutcomeKind(String unit, String sourceType) {
        this.unit = unit;
        this.sourceType = sourceType;
    }
}
