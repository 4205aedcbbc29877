package cn.zhangzhou.partybuilding.local.demo;

import cn.zhangzhou.partybuilding.events.membership.OrganisationType;

/**
 * One organisation of the demo tree. The service assigns the UUID; the demo refers to organisations by
 * {@code code} (unique in the district), which is also what the Idempotency-Key is built from.
 *
 * @param parentCode null only for the district committee
 */
public record DemoOrganisation(String code, String name, OrganisationType type, String parentCode) {
}
