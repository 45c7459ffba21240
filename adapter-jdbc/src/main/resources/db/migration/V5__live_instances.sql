-- Renderwatch schema, version 5: the processes sharing the account's request budget (`serve`
-- instances on one database), each with a lease it renews every second or so. Each takes an equal
-- share of the budget among those whose lease has not run out; one that stops deletes its row.
create table if not exists live_instance (
  owner       varchar(200)                not null,
  lease_until timestamp(6) with time zone not null,
  constraint pk_live_instance primary key (owner)
);
