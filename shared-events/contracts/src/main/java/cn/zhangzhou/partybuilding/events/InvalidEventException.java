package cn.zhangzhou.partybuilding.events;

/**
 * A consumed record that can never be processed: not a CloudEvent, not JSON, or JSON that breaks its
 * schema. Retrying cannot help; such records go to the dead-letter topic at once.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
