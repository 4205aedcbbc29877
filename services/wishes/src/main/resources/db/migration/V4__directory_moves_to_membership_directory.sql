-- The directory (tree, residences, member and unit reports) now lives in shared-events/membership-directory, in
-- schema directory with its own history (decision 0020); its migration runs before this one. The rows this service
-- kept are handed over, so the projection continues where it was (same consumer, same offsets, same dedup records).
insert into directory.organisation (id, type, parent_id, active)
    select id, type, parent_id, active from organisation on conflict do nothing;
insert into directory.member (member_id, home_district, residence_community_id)
    select member_id, district, community_id from member_residence on conflict do nothing;
-- Reports accepted before V3 carry no member district; they were of members of this district, kept above.
insert into directory.member_report (report_id, member_id, member_district, community_id, accepted)
    select r.report_id, r.member_id, coalesce(r.member_district, m.district), r.community_id, r.accepted
    from member_report r left join member_residence m on m.member_id = r.member_id
    where coalesce(r.member_district, m.district) is not null
    on conflict do nothing;
insert into directory.unit_report (report_id, unit_id, community_id)
    select report_id, unit_id, community_id from unit_report on conflict do nothing;

drop table organisation, member_residence, member_report, unit_report;
