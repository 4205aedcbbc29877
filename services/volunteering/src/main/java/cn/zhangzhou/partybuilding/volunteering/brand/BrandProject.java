package cn.zhangzhou.partybuilding.volunteering.brand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A brand project (一社区一品牌, 一镇街一特色) of a community or street. */
public record BrandProject(UUID id, UUID organisationId, String name, String description, long version,
                           Instant launchedAt) {

    /**
     * What the project did: {@code quantity} services or outcomes of one type (mediations, classes, leads ...) on a
     * day or over a period ending then. {@code subject} says more (e.g. 书法 for a class), without personal data.
     */
    record ServiceRecord(UUID id, UUID projectId, String type, int quantity, LocalDate occurredOn, String subject,
                         String note, UUID campaignId, Instant recordedAt) {
    }
}
