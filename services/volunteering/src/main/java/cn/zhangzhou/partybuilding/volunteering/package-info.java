/**
 * The volunteering service (志工型党员队伍) of one district. Its packages depend one way, each only on those listed
 * below it (and on this package's properties):
 * <pre>
 * report      the member's hours and service record (CSV); organisation, campaign and brand project reports
 * hours       check-in and check-out with rotating codes (and their QR image), hours claims and their decisions
 * post        service posts (岗位) and members' claims (认岗), with the clash of fixed shifts
 * activity    activities and trainings, sign-ups and the waiting list
 * team        volunteer teams (志愿服务队) formed by content and place, joined with or without approval
 * brand       brand projects (一社区一品牌) and their service records
 * campaign    campaigns grouping posts and activities over a period (党建联动月, 党员微服务)
 * volunteer   volunteers (members and residents), their specialties and verified qualifications
 * scope       AccessPolicy: who may act on what of which community (the district's tree and who may act where
 *             come from shared-events/membership-directory)
 * </pre>
 */
package cn.zhangzhou.partybuilding.volunteering;
