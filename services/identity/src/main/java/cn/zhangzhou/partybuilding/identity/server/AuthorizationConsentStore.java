package cn.zhangzhou.partybuilding.identity.server;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Repository;

/** Consents (oauth2_authorization_consent), Spring Authorization Server's own SQL. */
@Repository
class AuthorizationConsentStore extends JdbcOAuth2AuthorizationConsentService {

    AuthorizationConsentStore(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
    }
}
