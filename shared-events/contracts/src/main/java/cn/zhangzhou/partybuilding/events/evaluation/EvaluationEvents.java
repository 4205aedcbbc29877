package cn.zhangzhou.partybuilding.events.evaluation;

import java.util.List;

import cn.zhangzhou.partybuilding.events.EventType;

/**
 * The event types the evaluation service (项目化 + 多向度考评) publishes on {@code <district>.evaluation.events}.
 * Aggregates, each the subject of its events: the project (with its targets' on-site checks).
 */
public final class EvaluationEvents {

    public static final String SERVICE = "evaluation";

    public static final EventType<ProjectLaunched> PROJECT_LAUNCHED =
            new EventType<>(SERVICE, "ProjectLaunched", 1, ProjectLaunched.class);
    public static final EventType<ProjectTargetChecked> PROJECT_TARGET_CHECKED =
            new EventType<>(SERVICE, "ProjectTargetChecked", 1, ProjectTargetChecked.class);
    public static final EventType<ProjectResultsPublished> PROJECT_RESULTS_PUBLISHED =
            new EventType<>(SERVICE, "ProjectResultsPublished", 1, ProjectResultsPublished.class);

    public static final List<EventType<?>> ALL = List.of(
            PROJECT_LAUNCHED,
            PROJECT_TARGET_CHECKED,
            PROJECT_RESULTS_PUBLISHED);

    private EvaluationEvents() {
    }
}
