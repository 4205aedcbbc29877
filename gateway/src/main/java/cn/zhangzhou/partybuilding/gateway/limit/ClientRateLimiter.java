package cn.zhangzhou.partybuilding.gateway.limit;

import java.time.Duration;
import reactor.core.publisher.Mono;

/** Per-client token buckets (限流), one per route and client. */
public interface ClientRateLimiter {

    /** Takes one token for the client on the route. */
    Mono<Decision> tryConsume(String routeId, String client);

    /**
     * @param allowed    whether the request may go on
     * @param remaining  tokens left (-1 when unknown)
     * @param retryAfter when a refused client will have a token again
     */
    record Decision(boolean allowed, long remaining, Duration retryAfter) {
    }
}
