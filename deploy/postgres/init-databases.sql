-- Run once by the postgres image on an empty volume (/docker-entrypoint-initdb.d).
-- One database per service per district: a district's data stays in its own database.
CREATE DATABASE membership_xiangcheng;
CREATE DATABASE membership_longwen;
CREATE DATABASE wishes_xiangcheng;
CREATE DATABASE wishes_longwen;
CREATE DATABASE volunteering_xiangcheng;
CREATE DATABASE volunteering_longwen;
CREATE DATABASE evaluation_xiangcheng;
CREATE DATABASE evaluation_longwen;
-- The identity service: one for all districts (users, district systems' clients, signing keys).
CREATE DATABASE identity;
-- The dashboard: one for the city, its projections of every district's events (decision 0023).
CREATE DATABASE dashboard;
