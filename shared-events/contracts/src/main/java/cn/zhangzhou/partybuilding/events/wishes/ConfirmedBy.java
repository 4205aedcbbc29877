package cn.zhangzhou.partybuilding.events.wishes;

/** Who confirmed that a fulfilled wish was really fulfilled. */
public enum ConfirmedBy {
    /** Community staff (社区工作人员). */
    STAFF,
    /** The beneficiary (受助群众) themselves. */
    BENEFICIARY
}
