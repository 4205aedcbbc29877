package cn.zhangzhou.partybuilding.local;

import java.util.List;

import cn.zhangzhou.partybuilding.platform.PlatformService.Instance;

/**
 * PostgreSQL connections of the local platform: every instance with a database shares one server, whose
 * {@code max_connections} the launcher sets. Each gets an equal pool, at most {@link #POOL_CAP}; when that would be
 * fewer than {@link #POOL_MIN} the launcher refuses to start, naming the numbers, instead of letting the server
 * refuse a service half-way ("sorry, too many clients already").
 *
 * @param pool connections per instance with a database
 */
record ConnectionBudget(int maxConnections, int services, int pool) {

    /** What the launcher starts PostgreSQL with. */
    static final int MAX_CONNECTIONS = 200;
    /** PostgreSQL's superuser_reserved_connections, and the launcher's own (it creates the databases). */
    static final int RESERVED = 3 + 2;
    /** An HTTP request, the outbox relay and a Kafka listener at the same time. */
    static final int POOL_MIN = 3;
    /** Enough for the demo load and a developer; a service's own default (20) is sized for production. */
    static final int POOL_CAP = 8;

    /** The budget of these instances on a server with {@code maxConnections}, or why there is none. */
    static ConnectionBudget of(List<Instance> instances, int maxConnections) {
        int services = (int) instances.stream().filter(i -> i.database().isPresent()).count();
        int pool = Math.min(POOL_CAP, (maxConnections - RESERVED) / Math.max(1, services));
        if (pool < POOL_MIN) {
            throw new IllegalStateException(services + " services share PostgreSQL, which allows " + maxConnections
                    + " connections (" + RESERVED + " reserved): each would get " + pool + ", and a service needs "
                    + POOL_MIN + " (a request, the outbox relay, a listener). Run fewer districts (--districts), or "
                    + "raise ConnectionBudget.MAX_CONNECTIONS to at least " + (services * POOL_MIN + RESERVED) + ".");
        }
        return new ConnectionBudget(maxConnections, services, pool);
    }

    /** The most connections the services may hold at once. */
    int total() {
        return services * pool + RESERVED;
    }
}
