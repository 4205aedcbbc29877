package cn.zhangzhou.partybuilding.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** {@link MemberBinding} before every handler, in a service that says where its members belong ({@link MemberHomes}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(MemberHomes.class)
public class MemberBindingAutoConfiguration {

    @Bean
    MemberBinding memberBinding(MemberHomes homes) {
        return new MemberBinding(homes);
    }

    @Bean
    WebMvcConfigurer memberBindingInterceptor(MemberBinding binding) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(binding);
            }
        };
    }
}
