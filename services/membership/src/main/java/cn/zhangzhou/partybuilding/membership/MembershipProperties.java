package cn.zhangzhou.partybuilding.membership;

import org.springframework.boot.context.properties.ConfigurationProperties;

import cn.zhangzhou.partybuilding.events.Districts;

/**
 * @param district the district this deployment serves (configuration, never a request parameter)
 */
@ConfigurationProperties("zz")
public record MembershipProperties(String district) {

    public MembershipProperties {
        Districts.require(district);
    }
}
