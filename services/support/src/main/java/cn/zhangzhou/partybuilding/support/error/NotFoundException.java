package cn.zhangzhou.partybuilding.support.error;

/** The addressed object does not exist (or is outside the caller's scope and must not be revealed): 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }

    /** "Organisation 1234… not found" */
    public static NotFoundException of(String what, Object id) {
        return new NotFoundException(what + " " + id + " not found");
    }
}
