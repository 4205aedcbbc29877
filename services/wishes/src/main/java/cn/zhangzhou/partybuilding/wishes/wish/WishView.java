package cn.zhangzhou.partybuilding.wishes.wish;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.wishes.PostedBy;
import cn.zhangzhou.partybuilding.events.wishes.WishCategory;

/**
 * A wish as answered over HTTP. {@code beneficiary} is the masked name (王*) for everyone: contact data only
 * goes to the claimer through {@code GET /wishes/{id}/contact}. {@code beneficiaryId} is the pseudonymous id the
 * events carry too; staff post further wishes of the same person with it.
 */
record WishView(UUID id, UUID communityId, UUID gridId, WishCategory category, String description,
                       int estimatedValueYuan, PostedBy postedBy, UUID beneficiaryId, String beneficiary,
                       WishStatus status,
                       boolean priority, long version, Instant postedAt, Instant publishedAt, int round,
                       Instant roundEndsAt, ClaimView claim) {

    /** The standing claim, without personal data. */
    record ClaimView(UUID id, String claimerKind, UUID claimerId, String status, Instant contactDeadline,
                     Instant fulfilmentDeadline) {
        static ClaimView of(Claim c) {
            return c == null ? null : new ClaimView(c.id(), c.claimerKind().name(), c.claimerId(), c.status(),
                    c.contactDeadline(), c.fulfilmentDeadline());
        }
    }

    static WishView of(Wish w, String beneficiaryName, Claim claim) {
        return new WishView(w.id(), w.communityId(), w.gridId(), w.category(), w.description(),
                w.estimatedValueYuan(), w.postedBy(), w.beneficiaryId(), mask(beneficiaryName), w.status(),
                w.priority(), w.version(), w.postedAt(), w.publishedAt(), w.round(), w.roundEndsAt(),
                ClaimView.of(claim));
    }

    /** 王小明 → 王*: the family name only. */
    private static String mask(String name) {
        return name == null || name.isEmpty() ? null : name.codePoints().limit(1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + "*";
    }
}
