-- The weekly build's records: the watched repositories (their registration as JSON, secret
-- included), the webhook deliveries already taken (a repeat is ignored, also after a restart), and
-- the campaigns, one per repository and ISO week.
CREATE TABLE repositories (
  name VARCHAR(64) PRIMARY KEY,
  body VARCHAR(100000) NOT NULL
);

CREATE TABLE deliveries (
  forge VARCHAR(16) NOT NULL,
  id VARCHAR(200) NOT NULL,
  PRIMARY KEY (forge, id)
);

CREATE TABLE campaigns (
  repository VARCHAR(64) NOT NULL,
  week VARCHAR(10) NOT NULL,
  started VARCHAR(40) NOT NULL,
  body VARCHAR(1000000) NOT NULL,
  PRIMARY KEY (repository, week)
);
