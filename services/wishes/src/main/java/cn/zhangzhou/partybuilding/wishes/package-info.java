/**
 * The wishes service (微心愿) of one district. Its packages depend one way, each only on those listed below it
 * (and on this package's properties):
 * <pre>
 * deadline, report   the sweeper over the wish lifecycle; the yearly report over the history
 * wish               the aggregate: a wish, its claims and confirmation code; the community's and claimer's side
 * group              help groups (帮帮团), which claim as one
 * scope              AccessPolicy: who may act on the wishes of which community (the district's tree and who may
 *                    act where come from shared-events/membership-directory)
 * replay             the demo replay clock (development only)
 * </pre>
 */
package cn.zhangzhou.partybuilding.wishes;
