-- The directory (tree, members, member and unit reports) now lives in shared-events/membership-directory, in schema
-- directory with its own history (decision 0020); its migration runs before this one. The rows this service kept
-- are handed over, so the projection continues where it was (same consumer, same offsets, same dedup records).
insert into directory.organisation (id, type, parent_id, active)
    select id, type, parent_id, active from organisation on conflict do nothing;
insert into directory.member (member_id, home_district, residence_community_id)
    select member_id, home_district, residence_community_id from member on conflict do nothing;
insert into directory.member_report (report_id, member_id, member_district, community_id, accepted)
    select report_id, member_id, member_district, community_id, accepted from member_report on conflict do nothing;
insert into directory.unit_report (report_id, unit_id, community_id)
    select report_id, unit_id, community_id from unit_report on conflict do nothing;

drop table organisation, member, member_report, unit_report;
