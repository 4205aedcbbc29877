package cn.zhangzhou.partybuilding.evaluation.round;

/** The components of a round (多向度考评), each with a weight of the round's. */
enum Component {
    /** 自评: the organisation's own staff, once. */
    SELF(false),
    /** 互评: staff of each peer (same level, same parent), once per peer; anonymous. */
    MUTUAL(true),
    /** 考评: the level above, once. */
    ASSESSMENT(false),
    /** 党员评价: members living in or reported to the community, once per round each; anonymous. */
    MEMBERS(true),
    /** 群众评价: residents with one-time codes, one rating per code; anonymous. */
    RESIDENTS(true),
    /** The objective indicators: verified outcomes from events, relative to the round's best. */
    OBJECTIVE(false);

    /** Whether its individual ratings are anonymous: reported only with at least min-raters of them. */
    final boolean anonymous;

    Component(boolean anonymous) {
        this.anonymous = anonymous;
    }
}
