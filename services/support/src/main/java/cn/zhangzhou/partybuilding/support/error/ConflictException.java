package cn.zhangzhou.partybuilding.support.error;

/**
 * The command conflicts with the current state of the object, e.g. a stale {@code version} or a
 * duplicate: 409. The client can reload and retry.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }

    /** The version the client sent is not the current one. */
    public static ConflictException staleVersion(String what, Object id, long sentVersion) {
        return new ConflictException(what + " " + id + " was changed by someone else (version " + sentVersion
                + " is stale); reload it and retry");
    }
}
