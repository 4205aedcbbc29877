package cn.zhangzhou.partybuilding.local.demo;

/**
 * What {@code GET /statistics} of one district should show once the demo data is loaded.
 * {@code memberReportsAccepted} counts the reports received by this district's communities, including
 * those of members whose home organisation is in another district.
 */
public record DemoFigures(
        String district,
        int communities,
        int grids,
        int partyGroups,
        int members,
        int placedMembers,
        int communityWorkers,
        int communityWorkersInCommittees,
        int unitReportsAccepted,
        int memberReportsAccepted) {
}
