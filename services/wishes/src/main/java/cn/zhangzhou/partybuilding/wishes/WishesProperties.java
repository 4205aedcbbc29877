package cn.zhangzhou.partybuilding.wishes;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import cn.zhangzhou.partybuilding.events.Districts;

/**
 * @param district the district this deployment serves (configuration, never a request parameter)
 * @param wishes   the rules of the wishes of this district
 */
@ConfigurationProperties("zz")
public record WishesProperties(String district, @DefaultValue Wishes wishes) {

    public WishesProperties {
        Districts.require(district);
    }

    /**
     * @param valueCeilingYuan   highest estimated value of a wish (yuan)
     * @param maxOpenClaims      claims a member may hold open at once
     * @param contactDeadline    time from claim to contacting the beneficiary (联系时限)
     * @param fulfilmentDeadline time from contact to fulfilment (兑现时限)
     * @param roundLength        how long a wish stays on the menu unclaimed (one round, 轮次) before it expires;
     *                           a round starts each time the wish enters the menu (published or released)
     * @param confirmationAttempts wrong confirmation codes (确认码) after which the code is invalidated
     */
    public record Wishes(@DefaultValue("500") int valueCeilingYuan,
                         @DefaultValue("3") int maxOpenClaims,
                         @DefaultValue("P7D") Duration contactDeadline,
                         @DefaultValue("P30D") Duration fulfilmentDeadline,
                         @DefaultValue("P90D") Duration roundLength,
                         @DefaultValue("5") int confirmationAttempts) {

        public Wishes {
            if (valueCeilingYuan < 1 || maxOpenClaims < 1 || contactDeadline.isNegative()
                    || fulfilmentDeadline.isNegative() || roundLength.isNegative() || roundLength.isZero()
                    || confirmationAttempts < 1) {
                throw new IllegalArgumentException("zz.wishes: ceiling, open-claims limit and confirmation "
                        + "attempts must be >= 1, deadlines and the round length positive");
            }
        }
    }
}
