package cn.zhangzhou.partybuilding.events.wishes;

/** Which deadline of a claim. */
public enum DeadlineKind {
    /** The claimer must contact the beneficiary by then (联系时限). */
    CONTACT,
    /** The claimer must fulfil the wish by then (兑现时限). */
    FULFILMENT
}
