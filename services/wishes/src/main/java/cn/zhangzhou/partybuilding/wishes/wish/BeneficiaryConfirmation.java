package cn.zhangzhou.partybuilding.wishes.wish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

import org.springframework.stereotype.Service;

import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.wishes.WishesProperties;

/**
 * The beneficiary confirms (受助群众确认) a fulfilled wish with the code on their paper slip (回执), through
 * anyone's app — typically the claimer's, at the visit: whoever presents the code with a valid token confirms
 * once. The beneficiary usually has no account, so possession of the code stands for them. A wrong code is 422
 * and counted; the {@code zz.wishes.confirmation-attempts}-th wrong code invalidates the code, after which only
 * staff confirm. The code works only while the wish is FULFILLED (409 otherwise, without counting an attempt).
 */
@Service
class BeneficiaryConfirmation {

    /** What staff print on the slip, or read to the beneficiary; never shown to members or claimers. */
    record CodeView(UUID wishId, String code, ConfirmationCodeStore.Status status, int failedAttempts,
                    int attemptsLeft) {
    }

    private final WishService wishes;
    private final WishLifecycle lifecycle;
    private final ConfirmationCodeStore codes;
    private final int maxAttempts;

    BeneficiaryConfirmation(WishService wishes, WishLifecycle lifecycle, ConfirmationCodeStore codes,
                            WishesProperties properties) {
        this.wishes = wishes;
        this.lifecycle = lifecycle;
        this.codes = codes;
        this.maxAttempts = properties.wishes().confirmationAttempts();
    }

    /** Staff in scope read the code to print the slip again. */
    CodeView code(Caller caller, UUID wishId) {
        wishes.managed(caller, wishId);
        ConfirmationCodeStore.Code c = codes.find(wishId).orElseThrow(() -> NotFoundException.of("confirmation code of "
                + "wish", wishId));
        return new CodeView(wishId, c.code(), c.status(), c.failedAttempts(),
                c.status() == ConfirmationCodeStore.Status.ACTIVE ? maxAttempts - c.failedAttempts() : 0);
    }

    /**
     * Not one transaction: a wrong code's count must commit although the answer is an error, so it is its own
     * atomic update; the confirmation itself (code used, wish moved, claim closed, event) is one transaction.
     */
    void confirm(Caller caller, UUID wishId, String presented) {
        if (presented.isBlank()) {
            // Bad input, not a guess: nothing is counted.
            throw new DomainRuleException("confirmationCode", "the confirmation code is empty");
        }
        Wish w = lifecycle.require(wishId);
        ConfirmationCodeStore.Code c = codes.find(wishId).orElseThrow(() -> new ConflictException("wish " + wishId
                + " has no confirmation code (posted before codes existed); staff confirm it"));
        requireActive(c);
        Transition.CONFIRM.check(wishId, w.status());
        if (!MessageDigest.isEqual(c.code().getBytes(StandardCharsets.UTF_8),
                presented.strip().getBytes(StandardCharsets.UTF_8))) {
            int failed = codes.fail(wishId, maxAttempts).orElseThrow(() -> new ConflictException("the confirmation "
                    + "code of wish " + wishId + " is no longer valid; staff confirm it"));
            if (failed >= maxAttempts) {
                throw new DomainRuleException("confirmationCode", "wrong confirmation code; after " + maxAttempts
                        + " wrong codes it is invalidated: staff must confirm this wish");
            }
            throw new DomainRuleException("confirmationCode", "wrong confirmation code; " + (maxAttempts - failed)
                    + " attempts left");
        }
        wishes.confirmByCode(caller, wishId);
    }

    private static void requireActive(ConfirmationCodeStore.Code c) {
        switch (c.status()) {
            case USED -> throw new ConflictException("the confirmation code of wish " + c.wishId() + " was already "
                    + "used (" + c.usedAt() + ")");
            case INVALIDATED -> throw new ConflictException("the confirmation code of wish " + c.wishId() + " was "
                    + "invalidated after " + c.failedAttempts() + " wrong codes; staff must confirm this wish");
            case ACTIVE -> {
            }
        }
    }
}
