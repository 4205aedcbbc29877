package cn.zhangzhou.partybuilding.membership.reporting;

/** The states of a dual report. Only SUBMITTED can change; WITHDRAWN applies to member reports. */
public enum ReportStatus {
    SUBMITTED, ACCEPTED, DECLINED, WITHDRAWN
}
