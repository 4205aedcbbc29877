package cn.zhangzhou.partybuilding.local.host;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.sift.AbstractDiscriminator;

/**
 * Names the hosted service a log event belongs to, for the host's logback (one file per service): the service whose
 * class loader is on the logging thread's context class loader chain. Every thread a service's context creates
 * (Tomcat's, Kafka's, its scheduler's) inherits the loader it was started with, and Tomcat's own loader has it as its
 * parent. Events of other threads go to {@value #HOST}.
 * <p>
 * This class is not loaded by the launcher: {@link ServiceHost}'s shared class loader defines it from these bytes,
 * so it links against the services' logback. It may use nothing but the JDK and logback.
 */
public final class ServiceLogDiscriminator extends AbstractDiscriminator<ILoggingEvent> {

    /** A hosted service's class loader is named this and the service's name. */
    static final String LOADER_PREFIX = "hosted ";
    static final String HOST = "host";

    @Override
    public String getDiscriminatingValue(ILoggingEvent event) {
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null;
             loader = loader.getParent()) {
            String name = loader.getName();
            if (name != null && name.startsWith(LOADER_PREFIX)) {
                return name.substring(LOADER_PREFIX.length());
            }
        }
        return HOST;
    }

    @Override
    public String getKey() {
        return "service";
    }
}
