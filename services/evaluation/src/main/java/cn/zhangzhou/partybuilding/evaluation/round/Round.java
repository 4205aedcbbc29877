package cn.zhangzhou.partybuilding.evaluation.round;

import java.time.Instant;
import java.util.UUID;

import cn.zhangzhou.partybuilding.events.evaluation.RoundLevel;

/** One round of multi-directional evaluation (多向度考评) per year and level, with the weight of each component. */
record Round(UUID id, int year, RoundLevel level, Weights weights, Status status, long version,
                   Instant openedAt) {

    public enum Status { OPEN, CLOSED }

    /** Each component's weight (0: left out); they need not sum to 100: shares are renormalised over what counts. */
    public record Weights(int self, int mutual, int assessment, int members, int residents, int objective) {

        int of(Component component) {
            return switch (component) {
                case SELF -> self;
                case MUTUAL -> mutual;
                case ASSESSMENT -> assessment;
                case MEMBERS -> members;
                case RESIDENTS -> residents;
                case OBJECTIVE -> objective;
            };
        }

        int total() {
            return self + mutual + assessment + members + residents + objective;
        }
    }
}
