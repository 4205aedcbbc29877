/**
 * The municipal dashboard (市级): one service for the whole city. Its packages depend one way, each only on those
 * listed below it (and on this package's properties):
 * <pre>
 * live        Server-Sent Events: a change of a figure pushed to the browsers whose scope it is in
 * figures     the read API: figures of the city, a district, a street or a community, with their children
 *             (drill-down), freshness of every district, reconciliation, each also as CSV
 * projection  the consumer of every district's membership, wishes, volunteering and evaluation events, and the
 *             city-wide tables it keeps (the only writer)
 * page        the web page's one endpoint of its own: where it signs in (the page itself is static, web/)
 * scope       AccessPolicy: which roles see which subtree
 * </pre>
 */
package cn.zhangzhou.partybuilding.dashboard;
