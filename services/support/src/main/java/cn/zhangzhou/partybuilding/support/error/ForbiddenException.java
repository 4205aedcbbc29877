package cn.zhangzhou.partybuilding.support.error;

/** The caller is authenticated but its role or scope (district, organisation) does not allow this: 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
