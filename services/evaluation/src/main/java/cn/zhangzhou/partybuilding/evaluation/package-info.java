/**
 * The evaluation service (项目化 + 多向度考评) of one district. Its packages depend one way, each only on those listed
 * below it (and on this package's properties):
 * <pre>
 * guarantee   guarantees (保障): the communities' work and mass-service funds against their floor, certified social
 *             workers, the cadres' monthly pay sheets (base by role, award from the year-end score) and their CSV
 * responsibility  responsibility contracts (责任状) signed level by level; the committee secretaries who lead no
 *             community project
 * round       rounds per year and level (多向度考评): self-assessment, mutual, assessment, members' and residents'
 *             ratings (anonymous, one-time codes), the weights, the scores computed at the close and how
 * project     projects set up from needs (以需立项): owner, secretary, targets, milestones, progress, the year-end
 *             report (述职), its review (评议), the on-site check of each target and the published results (结果通报)
 * outcome     the verified outcomes of the district's services, from their events (approved hours, confirmed
 *             wishes, accepted dual reports, targets found met), the indicators made of them, and the two
 *             committees' cadres
 * scope       AccessPolicy: who may act on what of which organisation (the district's tree and members come from
 *             shared-events/membership-directory)
 * </pre>
 */
package cn.zhangzhou.partybuilding.evaluation;
