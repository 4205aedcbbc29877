package cn.zhangzhou.partybuilding.identity.server;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consents (oauth2_authorization_consent), Spring Authorization Server's own SQL. A read is one transaction, so that
 * its row mapper's read of the client takes the query's connection, not a second one ({@link AuthorizationStore}).
 */
@Repository
class AuthorizationConsentStore extends JdbcOAuth2AuthorizationConsentService {

    AuthorizationConsentStore(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
    }

    @Override
    @Transactional(readOnly = true)
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        return super.findById(registeredClientId, principalName);
    }
}
