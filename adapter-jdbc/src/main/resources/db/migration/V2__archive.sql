-- Renderwatch schema, version 2: the records of archived output files (issue 15).
-- Same rules as V1: plain portable DDL, lower-case unquoted names, every constraint named.

-- One row per job and output: where the file went, its size and SHA-256, or that the CDN no
-- longer had it ("gone"). Replaced when the file is archived again.
create table if not exists archived_file (
  job_id      uuid                        not null,
  field       varchar(32)                 not null,
  url         varchar(4000)               not null,
  path        varchar(4000)               not null,
  bytes       bigint                      not null,
  sha256      varchar(64),
  status      varchar(16)                 not null,
  recorded_at timestamp(6) with time zone not null,
  constraint pk_archived_file primary key (job_id, field),
  constraint fk_archived_file_job foreign key (job_id) references job (job_id) on delete cascade,
  constraint ck_archived_file_status check (status in ('archived', 'gone')),
  constraint ck_archived_file_bytes check (bytes >= 0),
  constraint ck_archived_file_sha256 check (status = 'gone' or sha256 is not null)
);
