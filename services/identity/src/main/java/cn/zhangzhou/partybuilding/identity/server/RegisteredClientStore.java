package cn.zhangzhou.partybuilding.identity.server;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.stereotype.Repository;

/** The registered clients (oauth2_registered_client), Spring Authorization Server's own SQL. */
@Repository
class RegisteredClientStore extends JdbcRegisteredClientRepository {

    RegisteredClientStore(JdbcTemplate jdbc) {
        super(jdbc);
    }
}
