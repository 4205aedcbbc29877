// The city's eleven districts (docs/domain.md), in the platform's order, with their names today.
export const DISTRICTS = {
  xiangcheng: '芗城区', longwen: '龙文区', longhai: '龙海区', changtai: '长泰区', zhangpu: '漳浦县', yunxiao: '云霄县',
  zhaoan: '诏安县', dongshan: '东山县', nanjing: '南靖县', pinghe: '平和县', huaan: '华安县',
};

// The map's shapes are from before 2021, when 龙海市 and 长泰县 became districts: shown under today's names.
export const MAP_NAMES = { 龙海市: '龙海区', 长泰县: '长泰区' };

export const ROLES = {
  CITY_ADMIN: '市级管理员', DISTRICT_ADMIN: '区县管理员', DISTRICT_SYSTEM: '区县系统', STREET_STAFF: '街道工作人员',
  COMMUNITY_STAFF: '社区工作人员', MEMBER: '党员',
};

export const CATEGORIES = {
  GENERAL: '综合服务', LEGAL: '法律咨询', MEDICAL: '医疗健康', PATROL: '治安巡逻', EDUCATION: '教育辅导',
  ELDERLY_CARE: '养老助老', CLEANING: '环境整治', REPAIR: '维修',
};

export const districtName = (id) => DISTRICTS[id] || id;
