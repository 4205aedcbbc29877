package cn.zhangzhou.partybuilding.support.idempotency;

import io.micrometer.tracing.Tracer;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/** Idempotency-Key handling for creates, with its table in the service's own database. */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyAutoConfiguration {

    /** Spring Security's filter chain is at -100; this must run inside it to know the caller. */
    public static final int FILTER_ORDER = -90;

    @Bean
    SupportSchema supportSchema(DataSource dataSource) {
        return new SupportSchema(dataSource);
    }

    @Bean
    IdempotencyStore idempotencyStore(DataSource dataSource, IdempotencyProperties properties, SupportSchema schema) {
        return new IdempotencyStore(dataSource, properties.inProgressWait(), schema);
    }

    @Bean
    IdempotencyCleanup idempotencyCleanup(IdempotencyStore store, IdempotencyProperties properties) {
        return new IdempotencyCleanup(store, properties);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store,
                                                                PlatformTransactionManager transactionManager,
                                                                ObjectProvider<Tracer> tracer) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, transactionManager, tracer));
        registration.setOrder(FILTER_ORDER);
        registration.setName("idempotencyFilter");
        return registration;
    }
}
