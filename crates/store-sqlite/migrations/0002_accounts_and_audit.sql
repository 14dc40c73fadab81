-- Users, sessions, API tokens, sign-in attempts and the audit log.
-- Passwords are argon2 hashes; session and API tokens are stored only as
-- SHA-256 digests, so a copy of the database holds no usable secret.

create table users (
    user_id text primary key,
    username text not null unique,
    display_name text not null,
    role text not null,
    la text,
    provider_id text,
    password_hash text not null,
    active integer not null,
    created_at text not null
) strict;

create table sessions (
    token_hash text primary key,
    user_id text not null,
    csrf_token text not null,
    created_at text not null,
    expires_at text not null
) strict;
create index sessions_by_user on sessions (user_id);

create table api_tokens (
    token_hash text primary key,
    user_id text not null,
    label text not null,
    created_at text not null
) strict;

create table sign_in_attempts (
    username text not null,
    at text not null,
    succeeded integer not null
) strict;
create index sign_in_attempts_by_user on sign_in_attempts (username, at);

create table audit_log (
    id integer primary key,
    at text not null,
    user_id text not null,
    role text not null,
    la text,
    action text not null,
    subject_kind text not null,
    subject_id text,
    detail text not null
) strict;
create index audit_log_by_subject on audit_log (subject_kind, subject_id);
