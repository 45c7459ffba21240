-- Renderwatch schema, version 4 (2 and 3 belong to the output archive and the engine): values
-- every `serve` instance sharing the database must agree on, such as the default webhook secret.
-- Written once by whichever instance starts first; never updated.
create table if not exists service_setting (
  setting_name  varchar(64)  not null,
  setting_value varchar(400) not null,
  constraint pk_service_setting primary key (setting_name)
);
