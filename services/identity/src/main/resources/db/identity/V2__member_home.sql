-- Which district holds each member (组织关系所在), from every district's membership events: a MEMBER account is
-- bound only to a member of the account's district (docs/decisions/0016-member-binding.md).
CREATE TABLE member_home (
    member_id  UUID         PRIMARY KEY,
    district   VARCHAR(40)  NOT NULL
);
