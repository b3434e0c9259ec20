-- The durable record of the master: studies, trials and tokens, each row holding the JSON form
-- of a record plus the columns that queries need. Portable between H2 and PostgreSQL.
CREATE TABLE studies (
  id VARCHAR(64) PRIMARY KEY,
  owner VARCHAR(200) NOT NULL,
  name VARCHAR(200) NOT NULL,
  body VARCHAR(1000000) NOT NULL
);

CREATE TABLE trials (
  study_id VARCHAR(64) NOT NULL,
  number INTEGER NOT NULL,
  state VARCHAR(16) NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (study_id, number)
);

CREATE TABLE tokens (
  hash VARCHAR(64) PRIMARY KEY,
  user_name VARCHAR(200) NOT NULL,
  admin BOOLEAN NOT NULL,
  expires VARCHAR(40)
);
