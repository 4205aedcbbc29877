package cn.zhangzhou.partybuilding.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the token keeps the two claims the gateway reads; the services use the same keys, so one setting maps
 * another identity provider's tokens everywhere. A dotted path reaches into an object claim
 * ({@code realm_access.roles} for Keycloak).
 */
@ConfigurationProperties("zz.security.claims")
public record ClaimNames(@DefaultValue("roles") String roles, @DefaultValue("district") String district) {
}
