package cn.zhangzhou.partybuilding.support.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code zz.idempotency.*}.
 *
 * @param retention         how long a key and its stored response are kept (24 h)
 * @param inProgressTimeout after this, a first attempt that never finished (crashed instance) is forgotten
 * @param cleanupInterval   how often expired keys are purged
 */
@ConfigurationProperties("zz.idempotency")
public record IdempotencyProperties(@DefaultValue("24h") Duration retention,
                                    @DefaultValue("10m") Duration inProgressTimeout,
                                    @DefaultValue("10m") Duration cleanupInterval) {
}
