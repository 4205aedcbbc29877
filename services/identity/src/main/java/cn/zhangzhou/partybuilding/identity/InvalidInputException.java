package cn.zhangzhou.partybuilding.identity;

/** The client sent a value we refuse (a weak password, a role without its scope): a 400 naming the field. */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
