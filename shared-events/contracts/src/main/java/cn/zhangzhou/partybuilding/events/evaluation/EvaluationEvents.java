package cn.zhangzhou.partybuilding.events.evaluation;

import java.util.List;

import cn.zhangzhou.partybuilding.events.EventType;

/**
 * The event types the evaluation service (项目化 + 多向度考评) publishes on {@code <district>.evaluation.events}.
 * Aggregates, each the subject of its events: the project (with its targets' on-site checks), the
 * round (多向度考评, with its scores) and the responsibility contract (责任状).
 */
public final class EvaluationEvents {

    public static final String SERVICE = "evaluation";

    public static final EventType<ProjectLaunched> PROJECT_LAUNCHED =
            new EventType<>(SERVICE, "ProjectLaunched", 1, ProjectLaunched.class);
    public static final EventType<ProjectTargetChecked> PROJECT_TARGET_CHECKED =
            new EventType<>(SERVICE, "ProjectTargetChecked", 1, ProjectTargetChecked.class);
    public static final EventType<ProjectResultsPublished> PROJECT_RESULTS_PUBLISHED =
            new EventType<>(SERVICE, "ProjectResultsPublished", 1, ProjectResultsPublished.class);
    public static final EventType<RoundOpened> ROUND_OPENED =
            new EventType<>(SERVICE, "RoundOpened", 1, RoundOpened.class);
    public static final EventType<OrganisationScored> ORGANISATION_SCORED =
            new EventType<>(SERVICE, "OrganisationScored", 1, OrganisationScored.class);
    public static final EventType<RoundClosed> ROUND_CLOSED =
            new EventType<>(SERVICE, "RoundClosed", 1, RoundClosed.class);
    public static final EventType<ScoreCalibrated> SCORE_CALIBRATED =
            new EventType<>(SERVICE, "ScoreCalibrated", 1, ScoreCalibrated.class);
    public static final EventType<GradeAssigned> GRADE_ASSIGNED =
            new EventType<>(SERVICE, "GradeAssigned", 1, GradeAssigned.class);
    public static final EventType<ResponsibilityContractIssued> RESPONSIBILITY_CONTRACT_ISSUED =
            new EventType<>(SERVICE, "ResponsibilityContractIssued", 1, ResponsibilityContractIssued.class);
    public static final EventType<ResponsibilityContractSigned> RESPONSIBILITY_CONTRACT_SIGNED =
            new EventType<>(SERVICE, "ResponsibilityContractSigned", 1, ResponsibilityContractSigned.class);

    public static final List<EventType<?>> ALL = List.of(
            PROJECT_LAUNCHED,
            PROJECT_TARGET_CHECKED,
            PROJECT_RESULTS_PUBLISHED,
            ROUND_OPENED,
            ORGANISATION_SCORED,
            ROUND_CLOSED,
            SCORE_CALIBRATED,
            GRADE_ASSIGNED,
            RESPONSIBILITY_CONTRACT_ISSUED,
            RESPONSIBILITY_CONTRACT_SIGNED);

    private EvaluationEvents() {
    }
}
