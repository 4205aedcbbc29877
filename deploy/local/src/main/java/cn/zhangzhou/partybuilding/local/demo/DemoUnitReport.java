package cn.zhangzhou.partybuilding.local.demo;

/**
 * 双报到 (1): a resident unit's organisation reports to a community organisation of the same district;
 * the community accepts it and the service issues the receipt.
 */
public record DemoUnitReport(String unitCode, String communityCode) {
}
