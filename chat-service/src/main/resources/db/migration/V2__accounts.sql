-- Accounts of the chat page. Only a bcrypt hash of the password is kept (Modular Crypt Format, $2a$...);
-- user ids follow the journal's rules (1 to 64 of A-Z a-z 0-9 . _ -). Portable SQL, as V1.
create table account (
    user_id       varchar(64)              not null primary key,
    password_hash varchar(100)             not null,
    created_at    timestamp with time zone not null
);
