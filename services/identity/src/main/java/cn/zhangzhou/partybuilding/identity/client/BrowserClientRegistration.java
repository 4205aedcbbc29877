package cn.zhangzhou.partybuilding.identity.client;

import cn.zhangzhou.partybuilding.identity.IdentityProperties;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The dashboards' public client, kept as configured at every start: authorization code with PKCE (no secret, it
 * could not be kept in a browser), the configured redirect URIs only, no consent screen (a first-party client).
 */
@Component
class BrowserClientRegistration implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BrowserClientRegistration.class);

    private final RegisteredClientRepository clients;
    private final IdentityProperties properties;
    private final Clock clock;

    BrowserClientRegistration(RegisteredClientRepository clients, IdentityProperties properties, Clock clock) {
        this.clients = clients;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        IdentityProperties.BrowserClient browser = properties.browserClient();
        RegisteredClient existing = clients.findByClientId(browser.clientId());
        RegisteredClient.Builder builder = existing == null
                ? RegisteredClient.withId(UUID.randomUUID().toString()).clientIdIssuedAt(clock.instant())
                : RegisteredClient.withId(existing.getId()).clientIdIssuedAt(existing.getClientIdIssuedAt());
        clients.save(builder
                .clientId(browser.clientId())
                .clientName("Dashboards")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(browser.redirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build())
                .build());
        log.info("Browser client '{}' registered with redirect URIs {}", browser.clientId(), browser.redirectUris());
    }
}
