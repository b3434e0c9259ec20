-- Agent tokens: the agent a token names and the users whose trials it runs (comma separated, * for all).
ALTER TABLE tokens ADD COLUMN agent VARCHAR(128);
ALTER TABLE tokens ADD COLUMN serves VARCHAR(4000);
