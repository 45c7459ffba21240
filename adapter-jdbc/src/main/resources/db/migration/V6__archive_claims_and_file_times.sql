-- Renderwatch schema, version 6 (5 belongs to the service): the output archive's second part.
-- Same rules as V1: plain portable DDL, lower-case unquoted names, every constraint named.

-- When an archived file was hashed, its modification time on disk (null for rows written before
-- this version, and for files gone): a second run trusts a file whose size and modification
-- time are still these, and hashes the others again.
alter table archived_file add column if not exists modified_at timestamp(6) with time zone;

-- Which process is archiving a job's files now, until when (serve --archive with several
-- instances on one database: no file is fetched by two at once). Renewed while the files
-- download; a row whose time has passed may be taken by another process.
create table if not exists archive_claim (
  job_id        uuid                        not null,
  owner         varchar(200)                not null,
  claimed_until timestamp(6) with time zone not null,
  constraint pk_archive_claim primary key (job_id),
  constraint fk_archive_claim_job foreign key (job_id) references job (job_id) on delete cascade
);
