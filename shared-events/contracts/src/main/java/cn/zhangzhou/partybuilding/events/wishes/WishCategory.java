package cn.zhangzhou.partybuilding.events.wishes;

/** What a wish asks for (心愿类别). */
public enum WishCategory {
    /** 生活用品: daily necessities (rice, oil, clothes, household goods). */
    DAILY_NECESSITIES,
    /** 学习: study (school supplies, books, tutoring). */
    STUDY,
    /** 医疗: medical (medicine, aids, accompanying to a clinic). */
    MEDICAL,
    /** 陪伴: companionship (visits, chats, reading to someone). */
    COMPANIONSHIP,
    /** 维修: repairs in the home. */
    REPAIRS,
    /** Anything else. */
    OTHER
}
