package cn.zhangzhou.partybuilding.faults;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every command the driver sent, with its outcome: the history the checker holds the system to. A command is
 * acknowledged when it got a 2xx (with the created id and the version), failed when it got another answer; one that
 * never got an answer before the run ended is unknown. Each attempt of a command carries the same Idempotency-Key.
 */
final class History {

    enum Kind {
        /** POST /members: a member row and MemberRegistered v1. */
        REGISTER_MEMBER,
        /** POST /wishes: a wish row and WishPosted v1. */
        POST_WISH,
        /** POST /wishes/{id}/publish: the wish PUBLISHED and WishPublished v2. */
        PUBLISH_WISH
    }

    /**
     * @param status the final answer's status, 0 when none came
     * @param attempts how many times it was sent (retries after a connection error, a 5xx or a 409 "in progress")
     * @param blockedMillis from the first 409 "in progress" to the answer (0: never blocked)
     */
    record Command(Kind kind, String district, String key, int status, String id, long version, int attempts,
                   long blockedMillis) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        boolean unknown() {
            return status == 0;
        }
    }

    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();

    void add(Command command) {
        commands.add(command);
    }

    List<Command> all() {
        return List.copyOf(commands);
    }

    List<Command> acknowledged(Kind kind) {
        return commands.stream().filter(c -> c.kind() == kind && c.acknowledged()).toList();
    }

    long count(java.util.function.Predicate<Command> which) {
        return commands.stream().filter(which).count();
    }
}
