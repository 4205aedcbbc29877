package cn.zhangzhou.partybuilding.wishes.wish;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;

/**
 * A micro-wish (微心愿) as stored; the beneficiary's personal data is in its own table. {@code round}: how many
 * rounds (轮次) the wish has been on the menu; {@code roundEndsAt}: when the current one ends (null before
 * publication).
 */
record Wish(UUID id, UUID communityId, UUID gridId, WishCategory category, String description,
                   int estimatedValueYuan, PostedBy postedBy, UUID beneficiaryId, WishStatus status,
                   boolean priority, UUID currentClaimId, long version, Instant postedAt, Instant publishedAt,
                   int round, Instant roundEndsAt) {

    /** The revisable attributes of a wish. */
    record Content(UUID gridId, WishCategory category, String description, int estimatedValueYuan) {
    }

    /** The beneficiary's personal data; stored apart and never in an event. */
    record Beneficiary(String name, String phone, String address) {
    }
}
