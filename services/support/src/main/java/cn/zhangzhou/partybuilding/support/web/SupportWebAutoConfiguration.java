package cn.zhangzhou.partybuilding.support.web;

import java.util.function.Supplier;

import cn.zhangzhou.partybuilding.support.error.ProblemErrorController;
import cn.zhangzhou.partybuilding.support.error.ProblemHandler;
import cn.zhangzhou.partybuilding.support.error.ProblemReportValve;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem JSON for every error, the request size limit, and Prometheus' naming for the scrape. Before Boot's MVC auto-configuration so that our
 * {@link ProblemHandler} replaces Boot's own problem-details handler.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class SupportWebAutoConfiguration {

    /** Just after the observation filter (so the 413 is traced), long before Spring Security. */
    public static final int SIZE_LIMIT_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemHandler problemHandler(ObjectProvider<Tracer> tracer) {
        return new ProblemHandler(tracer);
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController(ObjectProvider<Tracer> tracer) {
        return new ProblemErrorController(tracer);
    }

    /**
     * SQL spans only inside a request's or an event's span: the outbox relay's polls and the gauges' queries run on
     * their own threads every few milliseconds and would each start a trace of one span.
     */
    @Bean
    ObservationPredicate sqlOnlyInsideASpan(ObjectProvider<Tracer> tracer) {
        // The tracer is looked up once, at the first statement: a bean factory lookup per observation was 3 % of the
        // local platform's CPU while it loaded its demo data (docs/performance.md).
        Supplier<Tracer> current = SingletonSupplier.of(() -> tracer.getIfAvailable(() -> Tracer.NOOP));
        return (name, context) -> !name.startsWith("jdbc.") || current.get().currentSpan() != null;
    }

    @Bean
    ProblemReportValve.Installer problemReportValve() {
        return new ProblemReportValve.Installer();
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(WebProperties properties,
                                                                          ObjectProvider<Tracer> tracer) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestBytes().toBytes(), tracer));
        registration.setOrder(SIZE_LIMIT_FILTER_ORDER);
        registration.setName("requestSizeLimitFilter");
        return registration;
    }
}
