package cn.zhangzhou.partybuilding.directory;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

import cn.zhangzhou.partybuilding.messaging.InboundEvents;
import cn.zhangzhou.partybuilding.messaging.MessagingAutoConfiguration;
import cn.zhangzhou.partybuilding.messaging.MessagingProperties;
import cn.zhangzhou.partybuilding.support.security.MemberBindingAutoConfiguration;

/**
 * What a service of a district gets by depending on {@code membership-directory}: the {@link MembershipDirectory},
 * kept by its listener in the service's database and consumer group, and (being a {@code MemberHomes}) support's
 * member binding check on every request. District and service name come from {@code zz.district} and
 * {@code zz.service}, which every district service sets for events-messaging.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class, before = MemberBindingAutoConfiguration.class)
public class DirectoryAutoConfiguration {

    @Bean
    DirectorySchema directorySchema(DataSource dataSource) {
        return new DirectorySchema(dataSource);
    }

    /**
     * Does nothing but make Boot build the service's Flyway after the directory's migration: a service's migration
     * may then hand over the directory rows it kept itself before decision 0020 (wishes' and volunteering's V4).
     */
    @Bean
    FlywayConfigurationCustomizer directoryMigratesFirst(DirectorySchema schema) {
        return configuration -> { };
    }

    @Bean
    DirectoryStore membershipDirectory(DataSource dataSource, DirectorySchema schema) {
        return new DirectoryStore(dataSource);
    }

    @Bean
    MembershipEventsListener membershipDirectoryListener(InboundEvents inbound, DirectoryStore directory,
                                                         MessagingProperties properties) {
        return new MembershipEventsListener(inbound, directory, properties.district(), properties.service());
    }
}
