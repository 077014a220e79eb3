-- The statement registry every Orleans ADO.NET provider reads at start-up.
-- The providers run `SELECT QueryKey, QueryText FROM OrleansQuery` verbatim, so this one table keeps the
-- provider's spelling (unquoted, which PostgreSQL folds to lower case). Each provider file below adds its
-- rows; Orleans binds the parameters it names (@DeploymentId, @GrainIdHash, ...) when it runs them.
CREATE TABLE orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT pk_orleansquery PRIMARY KEY (querykey)
);
