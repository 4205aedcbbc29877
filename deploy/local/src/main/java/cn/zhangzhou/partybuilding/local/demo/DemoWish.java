package cn.zhangzhou.partybuilding.local.demo;

import java.time.Instant;

import cn.zhangzhou.partybuilding.events.wishes.WishCategory;

/**
 * One demo wish (微心愿), posted by staff on a resident's behalf and taken through the lifecycle up to
 * {@code state}.
 *
 * @param key                stable demo key, unique city-wide (Idempotency-Key material)
 * @param communityCode      a community of the district's membership demo data
 * @param gridCode           a grid of that community, or null
 * @param beneficiary        a new beneficiary (受助群众), or null when {@code sameBeneficiaryAs} is given
 * @param sameBeneficiaryAs  the key of an earlier wish of the same district whose beneficiary this wish helps
 *                           again, or null
 * @param claimerKey         the claiming member's demo key (a member living in the community); null before CLAIMED
 * @param replay             when the moves happened, for a replayed past year; null: now
 */
public record DemoWish(String key, String communityCode, String gridCode, WishCategory category,
                       String description, int estimatedValueYuan, DemoBeneficiary beneficiary,
                       String sameBeneficiaryAs, DemoWishState state, String claimerKey, Replay replay) {

    public DemoWish {
        if ((beneficiary == null) == (sameBeneficiaryAs == null)) {
            throw new IllegalArgumentException(key + ": a new beneficiary or an earlier wish's, exactly one");
        }
        if ((claimerKey == null) != (state.compareTo(DemoWishState.CLAIMED) < 0)) {
            throw new IllegalArgumentException(key + ": a claimer exactly when the wish got as far as CLAIMED");
        }
    }

    /** 受助群众: personal data that stays in the wishes database of the district. Generated and fake. */
    public record DemoBeneficiary(String name, String phone, String address) {
    }

    /** The instants of the moves of a replayed wish (posted and published, claimed and contacted, fulfilled, confirmed). */
    public record Replay(Instant posted, Instant claimed, Instant fulfilled, Instant confirmed) {

        public Replay {
            if (!posted.isBefore(claimed) || !claimed.isBefore(fulfilled) || !fulfilled.isBefore(confirmed)) {
                throw new IllegalArgumentException("replayed moves out of order: " + posted + ", " + claimed + ", "
                        + fulfilled + ", " + confirmed);
            }
        }
    }
}
