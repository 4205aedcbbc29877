package cn.zhangzhou.partybuilding.identity.server;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Repository;

/**
 * Authorizations: codes and issued tokens (oauth2_authorization), Spring Authorization Server's own SQL. In
 * PostgreSQL, so a code issued by one instance is redeemed at another.
 */
@Repository
class AuthorizationStore extends JdbcOAuth2AuthorizationService {

    AuthorizationStore(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
    }
}
