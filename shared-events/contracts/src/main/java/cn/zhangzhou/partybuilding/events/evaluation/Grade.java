package cn.zhangzhou.partybuilding.events.evaluation;

/** A grade of the year-end review (评议) or of a round (考评等次). */
public enum Grade {
    /** 优秀: excellent. */
    EXCELLENT,
    /** 良好: good. */
    GOOD,
    /** 合格: satisfactory. */
    PASS,
    /** 不合格: unsatisfactory. */
    FAIL
}
