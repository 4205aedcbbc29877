package cn.zhangzhou.partybuilding.identity.user;

import cn.zhangzhou.partybuilding.identity.IdentityProperties;
import cn.zhangzhou.partybuilding.support.security.Role;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * A fresh deployment's first CITY_ADMIN, from configuration ({@code zz.identity.bootstrap.admin-username} /
 * {@code admin-password}), created once if absent: later changes to the password in configuration do not touch an
 * existing account (it is administered through the API from then on).
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserService users;
    private final IdentityProperties properties;

    AdminBootstrap(UserService users, IdentityProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        IdentityProperties.Bootstrap bootstrap = properties.bootstrap();
        if (bootstrap.adminPassword() == null || bootstrap.adminPassword().isBlank()) {
            log.info("No bootstrap admin password configured (zz.identity.bootstrap.admin-password): none created");
            return;
        }
        // A weak configured password stops the start (PasswordPolicy): better than an easily guessed first admin.
        if (users.createIfAbsent(bootstrap.adminUsername(), bootstrap.adminPassword(),
                new UserService.Access(Set.of(Role.CITY_ADMIN), null, null, null))) {
            log.info("Bootstrap CITY_ADMIN '{}' created", bootstrap.adminUsername());
        }
    }
}
