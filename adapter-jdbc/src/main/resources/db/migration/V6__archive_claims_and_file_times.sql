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

-- What the last full check of the schema saw: the SHA-256 of the migration scripts of the build
-- that checked it, and of Flyway's history rows then. A process whose scripts and the history
-- still hash the same skips Flyway's scan and validation at start; anything else (a new script,
-- an edited one, a newer build's row) takes the full check again. One row.
create table if not exists schema_fingerprint (
  fingerprint_id integer     not null,
  scripts_sha256 varchar(64) not null,
  history_sha256 varchar(64) not null,
  constraint pk_schema_fingerprint primary key (fingerprint_id)
);
