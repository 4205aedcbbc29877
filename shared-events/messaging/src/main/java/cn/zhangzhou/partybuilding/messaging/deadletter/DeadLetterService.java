package cn.zhangzhou.partybuilding.messaging.deadletter;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import cn.zhangzhou.partybuilding.events.Topics;
import cn.zhangzhou.partybuilding.messaging.deadletter.DeadLetter.Action;
import cn.zhangzhou.partybuilding.messaging.deadletter.DeadLetter.Address;
import cn.zhangzhou.partybuilding.messaging.deadletter.DeadLetter.State;
import cn.zhangzhou.partybuilding.support.error.ConflictException;
import cn.zhangzhou.partybuilding.support.error.DomainRuleException;
import cn.zhangzhou.partybuilding.support.error.ForbiddenException;
import cn.zhangzhou.partybuilding.support.error.NotFoundException;
import cn.zhangzhou.partybuilding.support.security.Caller;
import cn.zhangzhou.partybuilding.support.security.Role;
import cn.zhangzhou.partybuilding.support.web.Page;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operating this service's dead letters (decision 0022): list, inspect, replay to the source topic after a fix, or
 * discard with a reason. Only the city's administrators and the administrator of this service's district (a service
 * of the city, identity, has none) may; each
 * replay and discard is recorded in {@code dead_letter_action} in the transaction that does it, once per dead letter.
 */
final class DeadLetterService {

    private final DeadLetterTopics topics;
    private final DeadLetterActionStore actions;
    private final TransactionTemplate transaction;
    private final String district;
    private final Clock clock;

    DeadLetterService(DeadLetterTopics topics, DeadLetterActionStore actions, TransactionTemplate transaction,
                      String district, Clock clock) {
        this.topics = topics;
        this.actions = actions;
        this.transaction = transaction;
        this.district = district;
        this.clock = clock;
    }

    Page<DeadLetter> list(Caller caller, String topic, int page, int size) {
        requireOperator(caller);
        if (!topics.consumes(topic)) {
            throw new DomainRuleException("topic", "topic: " + topic + " is not a topic this service consumes; it "
                    + "consumes " + topics.consumed());
        }
        List<DeadLetter> all = topics.of(topic);
        Map<Address, Action> done = actions.onTopic(Topics.deadLetter(topic));
        List<DeadLetter> items = all.stream().skip((long) page * size).limit(size)
                .map(deadLetter -> deadLetter.with(done.get(deadLetter.address()))).toList();
        return Page.of(items, page, size, all.size());
    }

    DeadLetter get(Caller caller, Address address) {
        requireOperator(caller);
        return find(address);
    }

    DeadLetter replay(Caller caller, Address address) {
        return act(caller, address, State.REPLAYED, null);
    }

    DeadLetter discard(Caller caller, Address address, String reason) {
        return act(caller, address, State.DISCARDED, reason);
    }

    /** Records the action, then (for a replay) sends the record: both or neither, a failed send rolls back. */
    private DeadLetter act(Caller caller, Address address, State state, String reason) {
        requireOperator(caller);
        DeadLetter deadLetter = find(address);
        Action action = new Action(state, caller.subject(), clock.instant(), reason);
        transaction.executeWithoutResult(status -> {
            if (deadLetter.state() != State.NEW || !actions.record(deadLetter, action)) {
                throw new ConflictException("dead letter " + address.deadLetterTopic() + "/" + address.partition()
                        + "/" + address.offset() + " was " + actions.on(address).map(Action::state).orElseThrow()
                        + " already; only a NEW one can be replayed or discarded");
            }
            if (state == State.REPLAYED) {
                topics.replay(deadLetter);
            }
        });
        return deadLetter.with(action);
    }

    private DeadLetter find(Address address) {
        String source = DeadLetterTopics.sourceOf(address.deadLetterTopic());
        if (source == null || !topics.consumes(source)) {
            throw new NotFoundException(address.deadLetterTopic() + " is not the dead-letter topic of a topic this "
                    + "service consumes");
        }
        return topics.at(address).map(found -> found.with(actions.on(address).orElse(null)))
                .orElseThrow(() -> new NotFoundException("no dead letter of this service at " + address.deadLetterTopic()
                        + " partition " + address.partition() + " offset " + address.offset()));
    }

    private void requireOperator(Caller caller) {
        if (!caller.isCityWide() && !(caller.hasRole(Role.DISTRICT_ADMIN) && caller.district() != null
                && caller.district().equals(district))) {
            throw new ForbiddenException("Dead letters are operated by a CITY_ADMIN"
                    + (district == null ? "" : " or the DISTRICT_ADMIN of " + district) + "; the caller has " + caller.roles()
                    + (caller.district() == null ? "" : " in " + caller.district()));
        }
    }
}
