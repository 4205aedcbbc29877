package cn.zhangzhou.partybuilding.support.error;

/**
 * A domain rule refused a well-formed command, e.g. "organisation has members" or "a COMMUNITY must be
 * under a STREET_COMMITTEE": 422. Retrying the same command will not help. When one field of the request
 * is at fault (an id that names nothing, a parent of the wrong type), {@link #field()} names it and the
 * problem's {@code errors} array carries it.
 */
public class DomainRuleException extends RuntimeException {

    private final String field;

    public DomainRuleException(String detail) {
        this(null, detail);
    }

    public DomainRuleException(String field, String detail) {
        super(field == null ? detail : field + ": " + detail);
        this.field = field;
    }

    /** The request field at fault, or null when the rule concerns the command as a whole. */
    public String field() {
        return field;
    }

    /** The rule's own words, without the field prefix. */
    public String rule() {
        String message = getMessage();
        return field == null ? message : message.substring(field.length() + 2);
    }
}
