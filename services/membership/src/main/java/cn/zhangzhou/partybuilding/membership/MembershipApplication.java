package cn.zhangzhou.partybuilding.membership;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The membership service (组织体系) of one district: organisation tree, members, grid placement and dual
 * reporting. Each district runs its own copy and owns its data; it learns of the other districts only
 * from their events.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MembershipApplication {

    public static void main(String[] args) {
        SpringApplication.run(MembershipApplication.class, args);
    }
}
