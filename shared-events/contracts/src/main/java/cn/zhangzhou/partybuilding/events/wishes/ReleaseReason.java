package cn.zhangzhou.partybuilding.events.wishes;

/** Why a claim was released and the wish went back to the menu. */
public enum ReleaseReason {
    /** The claimer did not contact the beneficiary in time. */
    CONTACT_DEADLINE_MISSED,
    /** The claimer did not fulfil the wish in time after contact. */
    FULFILMENT_DEADLINE_MISSED,
    /** The claimer gave the claim up. */
    CLAIMER_WITHDREW
}
