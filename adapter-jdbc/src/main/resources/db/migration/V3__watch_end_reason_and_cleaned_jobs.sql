-- Renderwatch schema, version 3 (version 2 is left to the output archive's records).
-- A watch that stopped without a result keeps its row and the reason it ended (null while it is
-- live), so that only a person's resume starts it again and no lease keeps it; and a job can be
-- stored as cleaned (the provider's fourth terminal status). Safe to run again on H2.

alter table watch add column if not exists ended_reason varchar(32);

alter table job drop constraint if exists ck_job_state_kind;
alter table job add constraint ck_job_state_kind
  check (state_kind in ('queued', 'running', 'completed', 'failed', 'cleaned', 'unrecognized'));
