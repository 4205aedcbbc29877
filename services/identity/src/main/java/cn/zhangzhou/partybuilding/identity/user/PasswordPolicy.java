package cn.zhangzhou.partybuilding.identity.user;

import cn.zhangzhou.partybuilding.identity.InvalidInputException;
import java.util.Locale;

/**
 * What a password must be: at least 12 characters (length is what makes a password strong; no composition rules,
 * as NIST SP 800-63B advises), at most 128 (the hash's input stays bounded), not the username.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** @throws InvalidInputException (400) naming the field {@code password} */
    static void check(String password, String username) {
        if (password == null || password.isBlank()) {
            throw new InvalidInputException("password", "must not be empty");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInputException("password", "must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInputException("password", "must be at most " + MAX_LENGTH + " characters long");
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("password", "must not contain the username");
        }
    }
}
