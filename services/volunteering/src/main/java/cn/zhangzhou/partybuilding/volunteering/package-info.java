/**
 * The volunteering service (志工型党员队伍) of one district. Its packages depend one way, each only on those listed
 * below it (and on this package's properties):
 * <pre>
 * volunteer   volunteers (members and residents), their specialties and verified qualifications
 * scope       AccessPolicy: who may act on what of which community
 * directory   the district as known from its membership events
 * </pre>
 */
package cn.zhangzhou.partybuilding.volunteering;
