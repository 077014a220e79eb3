-- Undoes the Orleans scripts, newest first. The catalog's own tables are untouched.
DROP TABLE IF EXISTS orleans_grain_state;
DROP TABLE IF EXISTS orleans_reminder;
DROP FUNCTION IF EXISTS orleans_membership_update(varchar, varchar, integer, integer, integer, text, timestamptz, integer);
DROP FUNCTION IF EXISTS orleans_membership_insert(varchar, varchar, integer, integer, varchar, varchar, integer, integer, timestamptz, timestamptz, integer);
DROP TABLE IF EXISTS orleans_membership;
DROP TABLE IF EXISTS orleans_membership_version;
DROP TABLE IF EXISTS orleansquery;
