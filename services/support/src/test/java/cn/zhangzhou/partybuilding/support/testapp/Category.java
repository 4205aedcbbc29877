package cn.zhangzhou.partybuilding.support.testapp;

public enum Category {
    IN_SERVICE, RETIRED, MOBILE, OTHER
}
