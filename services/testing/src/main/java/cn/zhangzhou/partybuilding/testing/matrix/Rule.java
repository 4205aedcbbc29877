package cn.zhangzhou.partybuilding.testing.matrix;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The row of the matrix for one operation: how to make an object in the scene to call it on, what each caller
 * gets, and what an id of another district's object gets. Callers not named get {@link #otherwise(Outcome)}
 * (403 unless said); callers without a valid token always get 401, and a member token bound to a district that does
 * not hold the member 403.
 */
public final class Rule {

    final String method;
    final String template;
    Supplier<Call> target;
    private final Map<Who, Outcome> outcomes = new EnumMap<>(Who.class);
    private Outcome otherwise = Outcome.FORBIDDEN;
    Supplier<Call> elsewhere;
    private Outcome elsewhereOutcome;
    private final Map<Who, Outcome> elsewhereOutcomes = new EnumMap<>(Who.class);
    private boolean open;

    Rule(String operation) {
        String[] parts = operation.split(" ", 2);
        this.method = parts[0];
        this.template = parts[1];
    }

    /**
     * Makes a new object in the scene and the call on it. Called once for the refused callers (who must leave it
     * as it was) and, for a change, once more for every allowed caller.
     */
    public Rule on(Supplier<Call> target) {
        this.target = target;
        return this;
    }

    public Rule allow(Set<Who> callers) {
        callers.forEach(who -> outcomes.put(who, Outcome.ALLOWED));
        return this;
    }

    public Rule allow(Who... callers) {
        return allow(Set.of(callers));
    }

    public Rule as(Outcome outcome, Who... callers) {
        Arrays.stream(callers).forEach(who -> outcomes.put(who, outcome));
        return this;
    }

    public Rule as(Outcome outcome, Set<Who> callers) {
        callers.forEach(who -> outcomes.put(who, outcome));
        return this;
    }

    /**
     * An operation reachable without a token (its own credential is in the request, e.g. a one-time code): the
     * anonymous caller gets what the rule says of it, not 401. Bad tokens are still refused.
     */
    public Rule open() {
        this.open = true;
        return this;
    }

    /** What the callers not named get. */
    public Rule otherwise(Outcome outcome) {
        this.otherwise = outcome;
        return this;
    }

    /** The same operation on an object of another district, which this one does not hold: every caller's outcome. */
    public Rule elsewhere(Supplier<Call> call, Outcome outcome) {
        this.elsewhere = call;
        this.elsewhereOutcome = outcome;
        return this;
    }

    public Rule elsewhereAs(Outcome outcome, Who... callers) {
        Arrays.stream(callers).forEach(who -> elsewhereOutcomes.put(who, outcome));
        return this;
    }

    public Rule elsewhereAs(Outcome outcome, Set<Who> callers) {
        callers.forEach(who -> elsewhereOutcomes.put(who, outcome));
        return this;
    }

    Outcome expected(Who who) {
        if (who == Who.MISBOUND_MEMBER) {
            return Outcome.FORBIDDEN;
        }
        if (who == Who.ANONYMOUS && open) {
            return outcomes.getOrDefault(who, otherwise);
        }
        return Who.BAD_TOKENS.contains(who) ? Outcome.UNAUTHORIZED : outcomes.getOrDefault(who, otherwise);
    }

    Outcome expectedElsewhere(Who who) {
        return elsewhereOutcomes.getOrDefault(who, elsewhereOutcome);
    }

    boolean changes() {
        return !method.equals("GET");
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
