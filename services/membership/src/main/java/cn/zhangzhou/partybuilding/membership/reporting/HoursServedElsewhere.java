package cn.zhangzhou.partybuilding.membership.reporting;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Hours one of this district's members served in another district's community, verified there (its volunteering
 * service's HoursApproved): the home organisation's feedback of 双报到. {@code specialty} may be null (general).
 */
public record HoursServedElsewhere(UUID hoursId, UUID memberId, String district, UUID communityId, int minutes,
                                   LocalDate servedOn, boolean training, String specialty) {
}
