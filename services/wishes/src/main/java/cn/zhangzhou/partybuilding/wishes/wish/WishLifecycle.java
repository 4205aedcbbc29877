package cn.zhangzhou.partybuilding.wishes.wish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.zhangzhou.partybuilding.events.DomainEvent;
import cn.zhangzhou.partybuilding.messaging.Outbox;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.wishes.WishesProperties;

/**
 * The one way the services move a wish, inside their transaction: the transition must be allowed from the
 * wish's status (and the version the client saw must be current, when it sends one), the store writes it only
 * if nobody moved the wish meanwhile (409 otherwise), the event goes to the Outbox with the new version, and
 * the move is counted once committed.
 */
@Component
class WishLifecycle {

    private final WishStore wishes;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration roundLength;

    WishLifecycle(WishStore wishes, Outbox outbox, Clock clock, MeterRegistry meters,
                  WishesProperties properties) {
        this.wishes = wishes;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
        this.roundLength = properties.wishes().roundLength();
    }

    /** Now, at the database's precision. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    Wish require(UUID id) {
        return wishes.find(id).orElseThrow(() -> NotFoundException.of("wish", id));
    }

    void post(Wish w, String actor, DomainEvent event) {
        wishes.insert(w, actor);
        outbox.append(event, 1);
        countAfterCommit("POST", w.status());
    }

    /** A move that changes the status only. */
    void move(Wish w, Transition transition, Long expectedVersion, String actor, String reason, DomainEvent event) {
        move(w, transition, expectedVersion, event, now -> wishes.move(w, transition, now, actor, reason));
    }

    /** Entering the menu (published, or released back to it) starts a round (轮次) ending at this instant. */
    Instant roundEndsAt(Instant now) {
        return now.plus(roundLength);
    }

    /** An event that changes no status (a contact reveal, a reminder) still moves the aggregate version. */
    void touch(Wish w, DomainEvent event) {
        if (!wishes.touch(w)) {
            throw new ConflictException("wish " + w.id() + " was changed by someone else; retry");
        }
        outbox.append(event, w.version() + 1);
    }

    /** @param write the store's write of the move at the given instant; false if the wish was no longer as read */
    void move(Wish w, Transition transition, Long expectedVersion, DomainEvent event, Predicate<Instant> write) {
        transition.check(w.id(), w.status());
        if (expectedVersion != null && expectedVersion != w.version()) {
            throw ConflictException.staleVersion("wish", w.id(), expectedVersion);
        }
        if (!write.test(now())) {
            throw new ConflictException("wish " + w.id() + " was changed by someone else while " + transition
                    + " was being applied; reload it");
        }
        outbox.append(event, w.version() + 1);
        countAfterCommit(transition.name(), transition.to());
    }

    /**
     * Business metric {@code zz.wishes.transitions{transition,to}} (wishes posted, published, claimed, released,
     * confirmed, expired ...), counted only once the transition committed, so a rolled-back move never counts.
     */
    private void countAfterCommit(String transition, WishStatus to) {
        Counter counter = Counter.builder("zz.wishes.transitions")
                .description("Wish transitions committed, by transition and resulting status")
                .tag("transition", transition).tag("to", to.name())
                .register(meters);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                counter.increment();
            }
        });
    }
}
