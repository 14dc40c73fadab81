-- A counter that every write transaction adds one to before it commits. Two
-- connections that read the same value read the same snapshot, so a council
-- can be loaded on two connections at once (see `begin_read_pair`).
create table _generation (
    id integer primary key check (id = 1),
    n integer not null
) strict;
insert into _generation (id, n) values (1, 0);
