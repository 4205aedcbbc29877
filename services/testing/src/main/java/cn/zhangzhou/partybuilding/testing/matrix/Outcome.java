package cn.zhangzhou.partybuilding.testing.matrix;

/** What a caller of the scope matrix must get. */
public enum Outcome {
    /** 2xx; the answer shows the object's marker, when it has one. */
    ALLOWED(200),
    /** 2xx (a list filtered to the caller's scope) without the object's marker. */
    HIDDEN(200),
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    /** 409: the caller may act on the object, but not in the state it (or they) are in, e.g. check out unchecked-in. */
    CONFLICT(409),
    /** 422: an id in the body or query that this district does not hold. */
    UNPROCESSABLE(422);

    final int status;

    Outcome(int status) {
        this.status = status;
    }

    boolean matches(int actual) {
        return this == ALLOWED || this == HIDDEN ? actual >= 200 && actual < 300 : actual == status;
    }

    boolean refused() {
        return this != ALLOWED && this != HIDDEN;
    }
}
