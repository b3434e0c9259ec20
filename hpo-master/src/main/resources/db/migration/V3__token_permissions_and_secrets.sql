-- Whether a token's user may create command studies (trials that run any command line on agents).
ALTER TABLE tokens ADD COLUMN may_run_commands BOOLEAN DEFAULT FALSE NOT NULL;
-- Keys the members hold and the cluster's maps do not: the key that seals token records in the
-- tokens map (a record written into the map by anyone else does not authenticate).
CREATE TABLE secrets (
  name VARCHAR(64) PRIMARY KEY,
  secret VARCHAR(200) NOT NULL
);
