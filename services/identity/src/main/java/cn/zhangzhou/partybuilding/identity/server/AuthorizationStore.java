package cn.zhangzhou.partybuilding.identity.server;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Authorizations: codes and issued tokens (oauth2_authorization), Spring Authorization Server's own SQL. In
 * PostgreSQL, so a code issued by one instance is redeemed at another.
 *
 * <p>Each operation is one transaction: the row mapper reads the authorization's client ({@link RegisteredClientStore})
 * while the query still holds its connection; in a transaction that read takes the same connection, outside one it
 * took a second, and as many requests at once as the pool has connections waited for each other until the pool's
 * timeout (regression test: {@code AuthorizationCodeFlowTest}).
 */
@Repository
class AuthorizationStore extends JdbcOAuth2AuthorizationService {

    AuthorizationStore(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        super(jdbc, clients);
    }

    @Override
    @Transactional
    public void save(OAuth2Authorization authorization) {
        super.save(authorization);
    }

    @Override
    @Transactional
    public void remove(OAuth2Authorization authorization) {
        super.remove(authorization);
    }

    @Override
    @Transactional(readOnly = true)
    public OAuth2Authorization findById(String id) {
        return super.findById(id);
    }

    @Override
    @Transactional(readOnly = true)
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        return super.findByToken(token, tokenType);
    }
}
