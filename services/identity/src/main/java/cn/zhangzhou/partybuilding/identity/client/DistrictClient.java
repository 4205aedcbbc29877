package cn.zhangzhou.partybuilding.identity.client;

import java.time.Instant;

/**
 * A district's own system (区级系统) that calls the platform with client credentials: its tokens carry the role
 * DISTRICT_SYSTEM and its district.
 */
public record DistrictClient(String clientId, String name, String district, String createdBy, Instant createdAt) {
}
