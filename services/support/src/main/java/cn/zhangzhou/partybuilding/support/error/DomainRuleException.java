package cn.zhangzhou.partybuilding.support.error;

/**
 * A domain rule refused a well-formed command, e.g. "organisation has members" or "a COMMUNITY must be
 * under a STREET_COMMITTEE": 422. Retrying the same command will not help.
 */
public class DomainRuleException extends RuntimeException {

    public DomainRuleException(String detail) {
        super(detail);
    }
}
