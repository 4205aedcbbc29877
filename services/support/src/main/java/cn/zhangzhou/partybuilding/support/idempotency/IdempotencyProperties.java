package cn.zhangzhou.partybuilding.support.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code zz.idempotency.*}.
 *
 * @param retention       how long a key and its stored response are kept (24 h)
 * @param inProgressWait  how long a repeat waits for a first request with its key that is still running before it
 *                        answers 409 (whole seconds; the gateway gives up on a route after 10 s)
 * @param cleanupInterval how often expired keys are purged
 */
@ConfigurationProperties("zz.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention,
                                    @DefaultValue("5s") Duration inProgressWait,
                                    @DefaultValue("10m") Duration cleanupInterval) {
}
