// The Open Data Contract Standard (ODCS) v3, as TypeScript types: the source of truth for
// schemas/odcs-v3.0.0/v3.0.1/v3.0.2/v3.1/v3.2.schema.json, one per edition, each applied to the
// files that declare that `apiVersion`. Doc comments become the schema descriptions and the
// editor's hover text, so they are written for the data engineer editing the contract.
//
// The interfaces describe the newest version (v3.2.0); each older edition is its root type below
// plus what differs, stated as tables in `patchOdcsSchema` (odcs.patch.ts): members marked
// "v3.2.0 and later" are removed for v3.1.0 and older, and v3.0.x drops what v3.1.0 added
// (relationships, ids, timestamp/time, the team object...) and leaves open the objects v3.0.x left
// open. The patch also adds the rules a type cannot state: fields required by a server or check
// type, options allowed per logical type, and "exactly one threshold" for quality checks.

// ---------------------------------------------------------------------------------------------
// Document root
// ---------------------------------------------------------------------------------------------

/** Any ODCS v3 data contract; `apiVersion` tells which edition of the standard it follows. */
export type OpenDataContract =
  OpenDataContractV300 | OpenDataContractV301 | OpenDataContractV302 | OpenDataContractV31 | OpenDataContractV32;

/**
 * A data contract written against ODCS v3.0.0: the promise a data producer makes to its consumers
 * about a dataset. Checked by the v3.0.0 rules: quality checks by `rule`, boolean exclusive bounds,
 * `team` as a list of members; no relationships, ids, `timestamp`/`time` or root `authoritativeDefinitions`.
 */
export interface OpenDataContractV300 extends DataContractCommon {
  /** Edition of the ODCS standard this file follows. Decides which rules apply; `v3.2.0` is current. */
  apiVersion: 'v3.0.0';
  /** Lifecycle stage of the contract, e.g. `active`. Mandatory before v3.2.0. */
  status: string;
}

/** A data contract written against ODCS v3.0.1: v3.0.0 plus root `authoritativeDefinitions` and role `customProperties`. */
export interface OpenDataContractV301 extends DataContractCommon {
  /** Edition of the ODCS standard this file follows. Decides which rules apply; `v3.2.0` is current. */
  apiVersion: 'v3.0.1';
  /** Lifecycle stage of the contract, e.g. `active`. Mandatory before v3.2.0. */
  status: string;
}

/** A data contract written against ODCS v3.0.2: v3.0.1 plus property `physicalName`, team member `name` and `description`. */
export interface OpenDataContractV302 extends DataContractCommon {
  /** Edition of the ODCS standard this file follows. Decides which rules apply; `v3.2.0` is current. */
  apiVersion: 'v3.0.2';
  /** Lifecycle stage of the contract, e.g. `active`. Mandatory before v3.2.0. */
  status: string;
}

/**
 * A data contract written against ODCS v3.1.0: the promise a data producer makes to
 * its consumers about a dataset (its structure, where it lives, its quality and its service levels).
 */
export interface OpenDataContractV31 extends DataContractCommon {
  /**
   * Edition of the ODCS standard this file follows. Decides which rules apply; use `v3.2.0` to
   * get enums, maps, synonyms and the AI `context` block.
   */
  apiVersion: 'v3.1.0';
  /**
   * Lifecycle stage of the contract. Free text, usually `proposed`, `draft`, `active`,
   * `deprecated` or `retired`. Mandatory before v3.2.0.
   */
  status: string;
}

/**
 * A data contract written against ODCS v3.2.0: the promise a data producer makes to its consumers
 * about a dataset (its structure, where it lives, its quality and its service levels).
 */
export interface OpenDataContractV32 extends DataContractCommon {
  /** Edition of the ODCS standard this file follows. */
  apiVersion: 'v3.2.0';
  /**
   * Lifecycle stage of the contract. Free text, usually `proposed`, `draft`, `active`,
   * `deprecated` or `retired`. Optional since v3.2.0.
   */
  status?: string;
  /**
   * Guidance for AI assistants, LLM agents and BI/semantic tools on how to use this dataset:
   * either a plain instruction text or a block with instructions, verified questions and
   * constraints. v3.2.0 and later.
   */
  context?: AiContext;
}

/** The top-level fields every ODCS v3 edition shares. */
export interface DataContractCommon {
  /**
   * Version of this contract (not of the standard). Semantic versioning is the convention,
   * e.g. `1.4.0`; bump the major version for breaking changes.
   */
  version: string;
  /** Kind of document. Always `DataContract`. */
  kind: 'DataContract';
  /**
   * Identifier of the contract, unique across your organisation; a UUID or a readable slug, e.g.
   * `53581432-6c55-4ba2-a65f-72344a91553a` or `orders-latest`. Pipelines and data products
   * refer to the contract by this value.
   */
  id: string;
  /** Human-readable name of the contract, e.g. `Orders (latest)`. */
  name?: string;
  /** Business unit, legal entity or tenant that owns the data, e.g. `ClimateQuantumInc`. Case does not matter. */
  tenant?: string;
  /** Free-form labels for search and grouping, e.g. `finance`, `pii`. */
  tags?: Tags;
  /** The physical places where the dataset can be found: databases, buckets, topics, APIs. */
  servers?: Server[];
  /** Name of the data product this contract belongs to. Deprecated since v3.1.0: describe products in ODPS instead. */
  dataProduct?: string;
  /** What the dataset is for, how to use it and where it falls short. */
  description?: ContractDescription;
  /** Business or logical domain that owns the dataset, e.g. `sales` or `customer-360`. */
  domain?: string;
  /**
   * The datasets covered by the contract: tables, views, topics, files or documents, each with
   * its properties (columns/fields).
   */
  schema?: SchemaObject[];
  /** Where consumers get help: chat channels, mailing lists, ticket queues. */
  support?: SupportChannel[];
  /** What consuming the data costs. */
  price?: Pricing;
  /**
   * The people behind the dataset. Since v3.1.0 an object with a `members` list; the older
   * plain list of members is still accepted but deprecated.
   */
  team?: Team | TeamMember[];
  /** Access roles consumers can request to read (or write) the data. */
  roles?: Role[];
  /** Default element the SLA properties apply to. Deprecated since v3.1.0: set `element` on each SLA property instead. */
  slaDefaultElement?: string;
  /** Service-level commitments such as freshness, latency, retention or availability. */
  slaProperties?: ServiceLevelAgreement[];
  /** Links to the authoritative sources about this dataset: glossary entries, catalog pages, repositories. */
  authoritativeDefinitions?: AuthoritativeDefinition[];
  /** Organisation-specific key/value metadata that the standard has no field for. */
  customProperties?: CustomProperty[];
  /**
   * When the contract was first created, as an ISO 8601 date-time in UTC, e.g. `2024-05-01T09:30:00Z`.
   * @format date-time
   */
  contractCreatedTs?: string;
}

/**
 * Prose about the dataset. Tools may add their own keys here; only the ones below have a
 * meaning defined by the standard.
 */
export interface ContractDescription {
  /** How consumers are expected to use the data, e.g. `Daily revenue reporting and churn models`. */
  usage?: string;
  /** Why the dataset exists and which business need it serves. */
  purpose?: string;
  /** Known caveats: gaps, delays, biases, legal restrictions on use. */
  limitations?: string;
  /** Links to the authoritative sources behind this description. */
  authoritativeDefinitions?: AuthoritativeDefinition[];
  /** Organisation-specific key/value metadata about the description. */
  customProperties?: CustomProperty[];
  /** Extra keys are allowed in the description block. */
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Shared building blocks
// ---------------------------------------------------------------------------------------------

/**
 * Technical identifier of an entry, unique within its list, used to reference it from elsewhere.
 * Letters, digits, `_` and `-` only, e.g. `orders_tbl` or `col-42`.
 * @pattern ^[A-Za-z0-9_-]+$
 */
export type StableId = string;

/**
 * A list of free-form labels, e.g. `["finance", "sensitive"]`. Tags may appear at any level.
 */
export type Tags = string[];

/**
 * Points to a property from a relationship. Either the short form `table.column` (v3.2.0 also
 * allows deeper paths like `table.struct.field`) or the id path
 * `schema/<object id>/properties/<property id>`, optionally prefixed with another contract file,
 * e.g. `https://example.com/customers.odcs.yaml#schema/customers/properties/id`.
 * (The pattern lives on `from` and `to`: the schema generator drops the pattern of a string alias
 * used inside a union.)
 */
export type PropertyReference = string;

/** A link to the authoritative source for something: a glossary term, a catalog page, a repository. */
export interface AuthoritativeDefinition {
  /** Identifier of this link, unique in its list. */
  id?: StableId;
  /** Where the definition lives, e.g. `https://catalog.example.com/terms/customer`. */
  url: string;
  /**
   * What kind of source the link is. Common values: `businessDefinition`, `canonicalUrl`,
   * `glossary`, `implementation`, `ontology`, `taxonomy`, `transformationImplementation`,
   * `tutorial`, `videoTutorial`.
   */
  type: string;
  /** One sentence telling the reader what they will find behind the link. */
  description?: string;
}

/** An organisation-specific key/value pair for metadata the standard has no field for. */
export interface CustomProperty {
  /** Identifier of this entry, unique in its list. */
  id?: StableId;
  /** Name of the key, in camelCase like the standard's own fields, e.g. `costCenter`. */
  property: string;
  /** The value: any YAML value, including lists and objects. */
  value: unknown;
  /** What the key means. */
  description?: string;
}

/**
 * Guidance for AI assistants and semantic tools. Either a plain text (read as `instructions`)
 * or a structured block. v3.2.0 and later.
 */
export type AiContext = string | AiContextBlock;

/** Structured guidance for AI assistants and semantic tools. */
export interface AiContextBlock {
  /**
   * What an assistant should know before using the data, in plain language, e.g. `Revenue is
   * in EUR cents; divide by 100 for display.`
   */
  instructions?: string;
  /** Reference questions, with the verified answer when one exists; useful for testing text-to-SQL. */
  verifiedStatements?: VerifiedStatement[];
  /** Things an assistant must not do with the data, e.g. `Never join on email`. */
  constraints?: AiConstraint[];
}

/** A reference question about the data, optionally with its verified answer. */
export interface VerifiedStatement {
  /** Identifier of the entry. */
  id?: string;
  /** The question as a user would ask it, e.g. `What was last month's net revenue?`. */
  question: string;
  /** The checked answer or a description of the expected result. Leave out for open questions. */
  answer?: string;
  /** Links to the sources that back the answer. */
  authoritativeDefinitions?: AuthoritativeDefinition[];
  /** Free-form labels. */
  tags?: string[];
  /** Organisation-specific key/value metadata. */
  customProperties?: CustomProperty[];
}

/** A rule an AI assistant must respect when using the data. */
export interface AiConstraint {
  /** Identifier of the constraint. */
  id?: string;
  /** The rule, in plain language, e.g. `Do not expose customer_email in answers`. */
  constraint: string;
  /** Links to the policy behind the rule. */
  authoritativeDefinitions?: AuthoritativeDefinition[];
  /** Free-form labels. */
  tags?: string[];
  /** Organisation-specific key/value metadata. */
  customProperties?: CustomProperty[];
}

// ---------------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------------

/**
 * Where the data physically lives. `type` selects the platform, and with it the connection
 * fields that are required (e.g. `host`, `port`, `database` and `schema` for `postgresql`).
 */
export type Server =
  | ApiServer
  | AthenaServer
  | AzureServer
  | BigQueryServer
  | ClickHouseServer
  | DatabricksServer
  | DenodoServer
  | DremioServer
  | DuckdbServer
  | GlueServer
  | CloudSqlServer
  | Db2Server
  | HiveServer
  | ImpalaServer
  | InformixServer
  | KafkaServer
  | KinesisServer
  | LocalServer
  | MySqlServer
  | OracleServer
  | PostgresServer
  | PrestoServer
  | PubSubServer
  | RedshiftServer
  | S3Server
  | SftpServer
  | SnowflakeServer
  | SqlServerServer
  | SynapseServer
  | TrinoServer
  | VerticaServer
  | ZenServer
  | CustomServer;

/** The fields every server has, whatever its platform. */
export interface ServerCommon {
  /** Identifier of this server entry, unique in the list. */
  id?: StableId;
  /** Name you give this server, unique in the contract, e.g. `production` or `analytics-eu`. */
  server: string;
  /**
   * Platform that hosts the data. Decides which connection fields are required, e.g. `s3` needs
   * `location`, `kafka` needs `host`. Use `custom` for a platform not in the list.
   */
  type: ServerType;
  /** What this server is, in a sentence. */
  description?: string;
  /** Deployment stage of the server, e.g. `prod`, `preprod`, `dev`, `uat`. */
  environment?: string;
  /** Access roles that apply on this server only. */
  roles?: Role[];
  /** Organisation-specific key/value metadata about the server. */
  customProperties?: CustomProperty[];
}

/** Platforms a server can be. */
export type ServerType =
  | 'api'
  | 'athena'
  | 'azure'
  | 'bigquery'
  | 'clickhouse'
  | 'databricks'
  | 'denodo'
  | 'dremio'
  | 'duckdb'
  | 'glue'
  | 'cloudsql'
  | 'db2'
  | 'hive'
  | 'impala'
  | 'informix'
  | 'kafka'
  | 'kinesis'
  | 'local'
  | 'mysql'
  | 'oracle'
  | 'postgresql'
  | 'postgres'
  | 'presto'
  | 'pubsub'
  | 'redshift'
  | 's3'
  | 'sftp'
  | 'snowflake'
  | 'sqlserver'
  | 'synapse'
  | 'trino'
  | 'vertica'
  | 'zen'
  | 'custom';

/** Data served over an HTTP API. */
export interface ApiServer extends ServerCommon {
  type: 'api';
  /**
   * Base URL of the API, e.g. `https://api.example.com/v1`.
   * @format uri
   */
  location: string;
}

/** Data queried through Amazon Athena. */
export interface AthenaServer extends ServerCommon {
  type: 'athena';
  /**
   * S3 location where Athena writes query results, e.g. `s3://my-bucket/athena-results/`.
   * Required before v3.2.0.
   * @format uri
   */
  stagingDir?: string;
  /** Athena database (schema) holding the tables, e.g. `sales`. */
  schema: string;
  /** Data catalog Athena reads from; `awsdatacatalog` unless you use another one. */
  catalog?: string;
  /** AWS region of the Athena service, e.g. `eu-west-1`. */
  regionName?: string;
  /** Athena workgroup that runs the queries, e.g. `primary`. v3.2.0 and later. */
  workgroup?: string;
}

/** Files in Azure Blob Storage or Azure Data Lake Storage. */
export interface AzureServer extends ServerCommon {
  type: 'azure';
  /**
   * Full URL of the files, globs allowed, e.g.
   * `abfss://container@account.dfs.core.windows.net/orders/*.parquet`.
   * @format uri
   */
  location: string;
  /** File format, e.g. `parquet`, `delta`, `json`, `csv`. */
  format: string;
  /** For JSON files: how records are separated, `new_line` (JSON Lines) or `array`. */
  delimiter?: string;
}

/** Tables in Google BigQuery. */
export interface BigQueryServer extends ServerCommon {
  type: 'bigquery';
  /** Google Cloud project id, e.g. `acme-analytics`. */
  project: string;
  /** BigQuery dataset holding the tables, e.g. `orders`. */
  dataset: string;
}

/** Tables in ClickHouse. */
export interface ClickHouseServer extends ServerCommon {
  type: 'clickhouse';
  /** Host name of the ClickHouse server. */
  host: string;
  /**
   * Port of the ClickHouse server, e.g. `8123` (HTTP) or `9000` (native).
   * @TJS-type integer
   */
  port: number;
  /** ClickHouse database holding the tables. */
  database: string;
}

/** Tables in Databricks (Hive metastore or Unity Catalog). */
export interface DatabricksServer extends ServerCommon {
  type: 'databricks';
  /** Workspace host, e.g. `dbc-1234abcd-5678.cloud.databricks.com`. */
  host?: string;
  /** Unity or Hive catalog holding the schema, e.g. `main`. */
  catalog: string;
  /** Schema inside the catalog, e.g. `sales`. */
  schema: string;
}

/** Views in a Denodo virtual data platform. */
export interface DenodoServer extends ServerCommon {
  type: 'denodo';
  /** Host name of the Denodo server. */
  host: string;
  /**
   * Port of the Denodo server.
   * @TJS-type integer
   */
  port: number;
  /** Denodo virtual database. */
  database?: string;
}

/** Datasets in Dremio. */
export interface DremioServer extends ServerCommon {
  type: 'dremio';
  /** Host name of the Dremio server. */
  host: string;
  /**
   * Port of the Dremio server.
   * @TJS-type integer
   */
  port: number;
  /** Dremio space or schema holding the datasets. */
  schema?: string;
}

/** A DuckDB database file. */
export interface DuckdbServer extends ServerCommon {
  type: 'duckdb';
  /** Path to the DuckDB file, e.g. `./data/warehouse.duckdb`. */
  database: string;
  /** Schema inside the database, `main` by default. */
  schema?: string;
}

/** Tables registered in the AWS Glue Data Catalog. */
export interface GlueServer extends ServerCommon {
  type: 'glue';
  /** AWS account id that owns the catalog, e.g. `123456789012`. */
  account: string;
  /** Glue database holding the tables, e.g. `sales_raw`. */
  database: string;
  /**
   * S3 URL of the underlying files, e.g. `s3://acme-lake/orders/`.
   * @format uri
   */
  location?: string;
  /** Format of the underlying files, e.g. `parquet`, `csv`, `json`, `delta`. */
  format?: string;
}

/** Tables in Google Cloud SQL. */
export interface CloudSqlServer extends ServerCommon {
  type: 'cloudsql';
  /** Host name or IP of the Cloud SQL instance. */
  host: string;
  /**
   * Port of the Cloud SQL instance, e.g. `5432`.
   * @TJS-type integer
   */
  port: number;
  /** Database on the instance. */
  database: string;
  /** Schema inside the database. */
  schema: string;
}

/** Tables in IBM Db2. */
export interface Db2Server extends ServerCommon {
  type: 'db2';
  /** Host name of the Db2 server. */
  host: string;
  /**
   * Port of the Db2 server, e.g. `50000`.
   * @TJS-type integer
   */
  port: number;
  /** Db2 database. */
  database: string;
  /** Schema inside the database. */
  schema?: string;
}

/** Tables in Apache Hive. */
export interface HiveServer extends ServerCommon {
  type: 'hive';
  /** Host name of the HiveServer2 endpoint. */
  host: string;
  /**
   * Port of the HiveServer2 endpoint; 10000 when left out.
   * @TJS-type integer
   */
  port?: number;
  /** Hive database holding the tables. */
  database: string;
}

/** Tables in Apache Impala. */
export interface ImpalaServer extends ServerCommon {
  type: 'impala';
  /** Host name of the Impala daemon. */
  host: string;
  /**
   * Port of the Impala daemon; 21050 when left out.
   * @TJS-type integer
   */
  port?: number;
  /** Impala database holding the tables. */
  database: string;
}

/** Tables in IBM Informix. */
export interface InformixServer extends ServerCommon {
  type: 'informix';
  /** Host name of the Informix server. */
  host: string;
  /**
   * Port of the Informix server; 9088 when left out.
   * @TJS-type integer
   */
  port?: number;
  /** Informix database. */
  database: string;
}

/** Messages on Apache Kafka (or a Kafka-compatible broker). */
export interface KafkaServer extends ServerCommon {
  type: 'kafka';
  /** Bootstrap server(s) of the cluster, e.g. `broker-1.example.com:9092`. */
  host: string;
  /** Encoding of the messages, e.g. `json` (the usual default), `avro`, `protobuf`. */
  format?: string;
}

/** Records in an Amazon Kinesis data stream. */
export interface KinesisServer extends ServerCommon {
  type: 'kinesis';
  /** AWS region of the stream, e.g. `eu-west-1`. */
  region?: string;
  /** Encoding of the records, e.g. `json`, `avro`, `protobuf`. */
  format?: string;
}

/** Files on the local disk (handy for tests and examples). */
export interface LocalServer extends ServerCommon {
  type: 'local';
  /** Path to the file(s), globs allowed, e.g. `./data/orders/*.parquet`. */
  path: string;
  /** Format of the file(s), e.g. `parquet`, `csv`, `json`, `delta`. */
  format: string;
}

/** Tables in MySQL. */
export interface MySqlServer extends ServerCommon {
  type: 'mysql';
  /** Host name of the MySQL server. */
  host: string;
  /**
   * Port of the MySQL server, e.g. `3306`.
   * @TJS-type integer
   */
  port: number;
  /** MySQL database. */
  database: string;
}

/** Tables in Oracle Database. */
export interface OracleServer extends ServerCommon {
  type: 'oracle';
  /** Host name of the Oracle server. */
  host: string;
  /**
   * Listener port of the Oracle server, e.g. `1521`.
   * @TJS-type integer
   */
  port: number;
  /** Oracle service name to connect to, e.g. `ORCLPDB1`. */
  serviceName: string;
}

/** Tables in PostgreSQL (`postgresql` and `postgres` are synonyms). */
export interface PostgresServer extends ServerCommon {
  type: 'postgresql' | 'postgres';
  /** Host name of the PostgreSQL server. */
  host: string;
  /**
   * Port of the PostgreSQL server, e.g. `5432`.
   * @TJS-type integer
   */
  port: number;
  /** PostgreSQL database. */
  database: string;
  /** Schema inside the database, e.g. `public`. */
  schema: string;
}

/** Tables queried through Presto. */
export interface PrestoServer extends ServerCommon {
  type: 'presto';
  /** Host (and port) of the Presto coordinator, e.g. `presto.example.com:8080`. */
  host: string;
  /** Presto catalog, e.g. `hive`. */
  catalog?: string;
  /** Schema inside the catalog. */
  schema?: string;
}

/** Messages on Google Cloud Pub/Sub. */
export interface PubSubServer extends ServerCommon {
  type: 'pubsub';
  /** Google Cloud project id that owns the topics. */
  project: string;
}

/** Tables in Amazon Redshift. */
export interface RedshiftServer extends ServerCommon {
  type: 'redshift';
  /** Cluster endpoint. */
  host?: string;
  /** Redshift database. */
  database: string;
  /** Schema inside the database. */
  schema: string;
  /** AWS region of the cluster, e.g. `us-east-1`. */
  region?: string;
  /** AWS account that owns the cluster. */
  account?: string;
}

/** Files in Amazon S3 or an S3-compatible object store. */
export interface S3Server extends ServerCommon {
  type: 's3';
  /**
   * S3 URL of the files, globs allowed, e.g. `s3://acme-lake/orders/*.parquet`.
   * @format uri
   */
  location: string;
  /**
   * Endpoint of an S3-compatible store such as MinIO, e.g. `https://minio.example.com`.
   * @format uri
   */
  endpointUrl?: string;
  /** File format, e.g. `parquet`, `delta`, `json`, `csv`. */
  format?: string;
  /** For JSON files: how records are separated, `new_line` (JSON Lines) or `array`. */
  delimiter?: string;
}

/** Files on an SFTP server. */
export interface SftpServer extends ServerCommon {
  type: 'sftp';
  /**
   * URL of the files; must start with `sftp://`, e.g. `sftp://files.example.com/exports/*.csv`.
   * @format uri
   * @pattern ^sftp://.*
   */
  location: string;
  /** File format, e.g. `parquet`, `delta`, `json`, `csv`. */
  format?: string;
  /** For JSON files: how records are separated, `new_line` (JSON Lines) or `array`. */
  delimiter?: string;
}

/** Tables in Snowflake. */
export interface SnowflakeServer extends ServerCommon {
  type: 'snowflake';
  /** Account URL host, when it cannot be derived from `account`. */
  host?: string;
  /**
   * Port, when not the default 443.
   * @TJS-type integer
   */
  port?: number;
  /** Snowflake account identifier, e.g. `acme-eu1`. */
  account: string;
  /** Snowflake database. */
  database: string;
  /** Schema inside the database. */
  schema: string;
  /** Virtual warehouse that runs the queries, e.g. `COMPUTE_WH`. */
  warehouse?: string;
}

/** Tables in Microsoft SQL Server. */
export interface SqlServerServer extends ServerCommon {
  type: 'sqlserver';
  /** Host name of the SQL Server instance. */
  host: string;
  /**
   * Port of the instance; 1433 when left out.
   * @TJS-type integer
   */
  port?: number;
  /** SQL Server database. */
  database: string;
  /** Schema inside the database, e.g. `dbo`. */
  schema: string;
}

/** Tables in Azure Synapse Analytics. */
export interface SynapseServer extends ServerCommon {
  type: 'synapse';
  /** Host name of the Synapse workspace SQL endpoint. */
  host: string;
  /**
   * Port of the SQL endpoint, e.g. `1433`.
   * @TJS-type integer
   */
  port: number;
  /** Synapse database (SQL pool). */
  database: string;
}

/** Tables queried through Trino. */
export interface TrinoServer extends ServerCommon {
  type: 'trino';
  /** Host name of the Trino coordinator. */
  host: string;
  /**
   * Port of the Trino coordinator, e.g. `8080`.
   * @TJS-type integer
   */
  port: number;
  /** Trino catalog, e.g. `hive` or `iceberg`. */
  catalog: string;
  /** Schema inside the catalog. */
  schema: string;
}

/** Tables in Vertica. */
export interface VerticaServer extends ServerCommon {
  type: 'vertica';
  /** Host name of the Vertica server. */
  host: string;
  /**
   * Port of the Vertica server, e.g. `5433`.
   * @TJS-type integer
   */
  port: number;
  /** Vertica database. */
  database: string;
  /** Schema inside the database. */
  schema: string;
}

/** Tables in Actian Zen. */
export interface ZenServer extends ServerCommon {
  type: 'zen';
  /** Host name or IP of the Zen server. */
  host: string;
  /**
   * SQL port of the Zen server; 1583 when left out.
   * @TJS-type integer
   */
  port?: number;
  /** Zen database. */
  database: string;
}

/**
 * A platform the standard does not list. No field is required; use the ones that describe how
 * to reach your data.
 */
export interface CustomServer extends ServerCommon {
  type: 'custom';
  /** Account the data belongs to. */
  account?: string;
  /** Catalog holding the data. */
  catalog?: string;
  /** Database holding the data. */
  database?: string;
  /** Dataset holding the data. */
  dataset?: string;
  /** Separator between records or values. */
  delimiter?: string;
  /**
   * Endpoint URL of the service.
   * @format uri
   */
  endpointUrl?: string;
  /** Format of the data, e.g. `parquet`. */
  format?: string;
  /** Host name or IP address. */
  host?: string;
  /**
   * URL of the data.
   * @format uri
   */
  location?: string;
  /** Relative or absolute path to the file(s). */
  path?: string;
  /**
   * Network port; there is no default for custom servers.
   * @TJS-type integer
   */
  port?: number;
  /** Project holding the data. */
  project?: string;
  /** Cloud region, e.g. `eu-west-1`. */
  region?: string;
  /** Region name, when the platform distinguishes it from `region`. */
  regionName?: string;
  /** Schema holding the data. */
  schema?: string;
  /** Service name to connect to. */
  serviceName?: string;
  /** Directory for intermediate or staging files. */
  stagingDir?: string;
  /** Compute cluster or warehouse that runs queries. */
  warehouse?: string;
  /** Name of the stream. */
  stream?: string;
}

// ---------------------------------------------------------------------------------------------
// Schema: objects and properties
// ---------------------------------------------------------------------------------------------

/** Fields shared by schema objects (tables, topics...) and their properties (columns, fields). */
export interface SchemaElement {
  /** Identifier of the element, unique in its list; used in `schema/<id>/properties/<id>` references. */
  id?: StableId;
  /** Name of the element as consumers know it, e.g. `orders` or `order_id`. */
  name?: string;
  /**
   * Type of the element in the data source: for an object e.g. `table`, `view`, `topic`,
   * `file`; for a property the column type, e.g. `VARCHAR(20)`, `DECIMAL(10,2)`.
   */
  physicalType?: string;
  /** What the element contains, written for consumers. */
  description?: string;
  /** Name of the element in business language, e.g. `Customer order`. */
  businessName?: string;
  /** Other names people use for the element, so catalogs and AI tools can find it. v3.2.0 and later. */
  synonyms?: Synonym[];
  /** Links to the authoritative sources defining the element. */
  authoritativeDefinitions?: AuthoritativeDefinition[];
  /** Free-form labels, e.g. `pii`. */
  tags?: Tags;
  /** Organisation-specific key/value metadata about the element. */
  customProperties?: CustomProperty[];
}

/** Another name for a table or column, e.g. `client` for `customer`. */
export interface Synonym {
  /** Identifier of this synonym, unique in its list. */
  id?: StableId;
  /** The alternative name, e.g. `client`. */
  synonym: string;
  /** When or why people use this name. */
  description?: string;
  /** Language of the synonym as a BCP 47 tag, when it is language-specific, e.g. `fr-FR`. */
  locale?: string;
  /** Where the synonym comes from, e.g. `glossary`, `finance-team`, `legacy-system`. */
  source?: string;
  /** Whether the synonym is still in use, e.g. `active`, `deprecated`. */
  status?: string;
  /** Organisation-specific key/value metadata. */
  customProperties?: CustomProperty[];
}

/** A dataset covered by the contract: a table, view, topic, file or document, with its properties. */
export interface SchemaObject extends SchemaElement {
  /** Name of the dataset as consumers know it, e.g. `orders`. */
  name: string;
  /** Logical type of a schema object; always `object` when given. */
  logicalType?: 'object';
  /** Name of the dataset in the data source, when it differs from `name`, e.g. `tbl_orders_v2`. */
  physicalName?: string;
  /** What one record represents, e.g. `One row per order line` or `Aggregated by country and day`. */
  dataGranularityDescription?: string;
  /** The columns or fields of the dataset. */
  properties?: SchemaProperty[];
  /**
   * Foreign keys of this dataset, each with `from` and `to`, e.g.
   * `from: orders.customer_id`, `to: customers.id`.
   */
  relationships?: SchemaRelationship[];
  /** Data-quality checks on the whole dataset, e.g. a row count. */
  quality?: DataQuality[];
  /** Guidance for AI assistants and semantic tools about this dataset. v3.2.0 and later. */
  context?: AiContext;
}

/**
 * Logical (platform-independent) data types. `map` is v3.2.0 and later.
 */
export type LogicalType =
  'string' | 'date' | 'timestamp' | 'time' | 'number' | 'integer' | 'object' | 'array' | 'boolean' | 'map';

/**
 * A column or field, or the element type of an array or map. Which `logicalTypeOptions` are
 * allowed, and whether `properties`, `items` or `map` may appear, depends on `logicalType`.
 */
export interface SchemaPropertyBase extends SchemaElement {
  /** Whether this property is (part of) the primary key. */
  primaryKey?: boolean;
  /**
   * Position of this property in a composite primary key, starting at 1 (e.g. `account_id` 1,
   * `name` 2). -1 when not part of the key.
   * @TJS-type integer
   */
  primaryKeyPosition?: number;
  /**
   * Platform-independent type of the values, e.g. `string`, `integer`, `timestamp`. Decides which
   * `logicalTypeOptions` are allowed; `object` lets you list nested `properties`, `array` its
   * `items`, and `map` (v3.2.0 and later) needs a `map` block.
   */
  logicalType?: LogicalType;
  /**
   * Constraints that refine the logical type, e.g. `maxLength: 20` for a string,
   * `minimum: 0` for a number, `format: yyyy-MM-dd` for a date.
   */
  logicalTypeOptions?: LogicalTypeOptions;
  /** Type of the column in the data source, e.g. `VARCHAR(20)`, `DECIMAL(10,2)`, `INT64`. */
  physicalType?: string;
  /** Name of the column in the data source, when it differs from `name`, e.g. `col_cust_id`. */
  physicalName?: string;
  /** Whether a value must always be present (true means NULL is not allowed). Default false. */
  required?: boolean;
  /** Whether every value is distinct across records. Default false. */
  unique?: boolean;
  /**
   * Role of the property in analytics: `column` (a plain column, the default), `measure` (an
   * aggregated value, whose expression goes in `transformLogic`) or `dimension` (an attribute to
   * group and filter by). v3.2.0 and later.
   */
  semanticType?: 'column' | 'measure' | 'dimension';
  /** Whether the data is partitioned on this property. Default false. */
  partitioned?: boolean;
  /**
   * Position of this property among the partition columns, starting at 1 (e.g. `country` 1,
   * `year` 2). -1 when not a partition column.
   * @TJS-type integer
   */
  partitionKeyPosition?: number;
  /** Sensitivity of the values, e.g. `public`, `internal`, `confidential`, `restricted`. */
  classification?: string;
  /** Name of the column holding the encrypted form of this value, e.g. `email_encrypted`. */
  encryptedName?: string;
  /** Source objects this value is derived from, e.g. `["raw.orders", "raw.customers"]`. */
  transformSourceObjects?: string[];
  /** How the value is computed, usually SQL, e.g. `SUM(amount) / 100`. */
  transformLogic?: string;
  /** The transformation in plain words, for readers who do not read SQL. */
  transformDescription?: string;
  /** Sample values, e.g. `["DE", "FR", "US"]`. */
  examples?: unknown[];
  /**
   * The complete list of values the property may take, each with an optional label and
   * description, e.g. `- value: EUR` / `label: Euro`. At least one entry, no duplicates.
   * v3.2.0 and later.
   * @minItems 1
   * @uniqueItems true
   */
  enum?: EnumValue[];
  /** Whether this is a critical data element (CDE) that deserves extra governance. Default false. */
  criticalDataElement?: boolean;
  /**
   * Foreign keys starting at this property; give only `to`, e.g. `to: customers.id`
   * (`from` is this property).
   */
  relationships?: PropertyRelationship[];
  /** Data-quality checks on this property, e.g. a null count. */
  quality?: DataQuality[];
  /** Nested fields of a `logicalType: object` property (a struct or record). */
  properties?: SchemaProperty[];
  /** Type of the elements of a `logicalType: array` property. */
  items?: SchemaPropertyBase;
  /** Key and value types of a `logicalType: map` property. v3.2.0 and later. */
  map?: MapDefinition;
}

/** A column of a table, a field of a message or record. */
export interface SchemaProperty extends SchemaPropertyBase {
  /** Name of the column or field, e.g. `order_id`. */
  name: string;
}

/** Key and value types of a map. */
export interface MapDefinition {
  /** Type of the map keys, e.g. `logicalType: string`. */
  key: SchemaPropertyBase;
  /** Type of the map values. */
  value: SchemaPropertyBase;
}

/** One allowed value of a property, with an optional label and explanation. */
export interface EnumValue {
  /** The value as stored, e.g. `EUR` or `3`. */
  value: string | number | boolean | null;
  /** Text to show for the value in a UI, e.g. `Euro`. */
  label?: string;
  /** Identifier of this entry, unique in its list. */
  id?: StableId;
  /** What the value means. */
  description?: string;
  /** Organisation-specific key/value metadata, e.g. translations of the label. */
  customProperties?: CustomProperty[];
  /** Links to the authoritative sources defining the value. */
  authoritativeDefinitions?: AuthoritativeDefinition[];
  /** Free-form labels. */
  tags?: Tags;
}

/** Options refining a logical type; which ones are allowed depends on `logicalType`. */
export type LogicalTypeOptions =
  | StringTypeOptions
  | DateTypeOptions
  | TimestampTypeOptions
  | IntegerTypeOptions
  | NumberTypeOptions
  | ObjectTypeOptions
  | ArrayTypeOptions;

/** Options for `logicalType: string`. */
export interface StringTypeOptions {
  /**
   * Fewest characters a value may have.
   * @TJS-type integer
   * @minimum 0
   */
  minLength?: number;
  /**
   * Most characters a value may have, e.g. `255`.
   * @TJS-type integer
   * @minimum 0
   */
  maxLength?: number;
  /** Regular expression (ECMAScript syntax) every value must match, e.g. `^[A-Z]{3}$`. */
  pattern?: string;
  /** Well-known shape of the values, e.g. `email`, `uuid`, `uri`, `hostname`, `ipv4`, `ipv6`, `byte`, `binary`, `password`. */
  format?: string;
}

/** Options for `logicalType: date`. Bounds are written as dates, e.g. `2020-01-01`. */
export interface DateTypeOptions {
  /** How the date is written, as a Java DateTimeFormatter pattern, e.g. `yyyy-MM-dd`. */
  format?: string;
  /** Values must be before this date. */
  exclusiveMaximum?: string;
  /** Values must be on or before this date. */
  maximum?: string;
  /** Values must be after this date. */
  exclusiveMinimum?: string;
  /** Values must be on or after this date. */
  minimum?: string;
}

/** Options for `logicalType: timestamp` and `logicalType: time`. */
export interface TimestampTypeOptions {
  /** How the value is written, as a Java DateTimeFormatter pattern, e.g. `yyyy-MM-dd HH:mm:ss`. */
  format?: string;
  /** Values must be before this instant. */
  exclusiveMaximum?: string;
  /** Values must be at or before this instant. */
  maximum?: string;
  /** Values must be after this instant. */
  exclusiveMinimum?: string;
  /** Values must be at or after this instant. */
  minimum?: string;
  /** Whether the values carry their time zone. */
  timezone?: boolean;
  /** Time zone of values that carry none, as an IANA name; `Etc/UTC` when left out. */
  defaultTimezone?: string;
}

/** Options for `logicalType: integer`. */
export interface IntegerTypeOptions {
  /**
   * Values must be a multiple of this number, e.g. `5` allows 0, 5, 10, -5.
   * @exclusiveMinimum 0
   */
  multipleOf?: number;
  /** Largest allowed value (inclusive). */
  maximum?: number;
  /** Values must be below this number. */
  exclusiveMaximum?: number;
  /** Smallest allowed value (inclusive). */
  minimum?: number;
  /** Values must be above this number. */
  exclusiveMinimum?: number;
  /** Storage size and signedness, named like Rust integers: `i32` (the default), `i64`, `u8`... */
  format?: 'i8' | 'i16' | 'i32' | 'i64' | 'i128' | 'u8' | 'u16' | 'u32' | 'u64' | 'u128';
}

/** Options for `logicalType: number`. */
export interface NumberTypeOptions {
  /**
   * Values must be a multiple of this number, e.g. `0.01` for amounts in cents.
   * @exclusiveMinimum 0
   */
  multipleOf?: number;
  /** Largest allowed value (inclusive). */
  maximum?: number;
  /** Values must be below this number. */
  exclusiveMaximum?: number;
  /** Smallest allowed value (inclusive). */
  minimum?: number;
  /** Values must be above this number. */
  exclusiveMinimum?: number;
  /** Floating-point precision, named like Rust floats: `f32` or `f64`. */
  format?: 'f32' | 'f64';
}

/** Options for `logicalType: object`. */
export interface ObjectTypeOptions {
  /**
   * Most nested fields a value may have.
   * @TJS-type integer
   * @minimum 0
   */
  maxProperties?: number;
  /**
   * Fewest nested fields a value must have; 0 when left out.
   * @TJS-type integer
   * @minimum 0
   */
  minProperties?: number;
  /**
   * Names of the nested fields that must always be present, e.g. `["street", "city"]`.
   * @minItems 1
   * @uniqueItems true
   */
  required?: string[];
}

/** Options for `logicalType: array`. */
export interface ArrayTypeOptions {
  /**
   * Most elements an array may have.
   * @TJS-type integer
   * @minimum 0
   */
  maxItems?: number;
  /**
   * Fewest elements an array must have; 0 when left out.
   * @TJS-type integer
   * @minimum 0
   */
  minItems?: number;
  /** Whether the elements of an array must all differ. Default false. */
  uniqueItems?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Relationships
// ---------------------------------------------------------------------------------------------

/** A foreign key declared on a property: the property itself is the `from` side. */
export interface PropertyRelationship {
  /** Kind of relationship; `foreignKey` is the only one and the default. */
  type?: 'foreignKey';
  /**
   * The referenced property, e.g. `customers.id`, or a list of them for a composite key. Each
   * reference is `table.column` or an id path such as `schema/customers/properties/id`.
   * @minItems 1
   * @pattern ^(?:[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+|(?:(?:https?:\/\/)?[A-Za-z0-9._\-\/]+\.yaml#)?\/?[A-Za-z_][A-Za-z0-9_]*\/[A-Za-z0-9_-]+(?:\/[A-Za-z_][A-Za-z0-9_]*\/[A-Za-z0-9_-]+)*)$
   * @items {"pattern": "^(?:[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+|(?:(?:https?:\\/\\/)?[A-Za-z0-9._\\-\\/]+\\.yaml#)?\\/?[A-Za-z_][A-Za-z0-9_]*\\/[A-Za-z0-9_-]+(?:\\/[A-Za-z_][A-Za-z0-9_]*\\/[A-Za-z0-9_-]+)*)$"}
   */
  to: PropertyReference | PropertyReference[];
  /** Organisation-specific key/value metadata about the relationship. */
  customProperties?: CustomProperty[];
}

/**
 * A foreign key declared on a schema object. `from` and `to` are both single references or both
 * lists (a composite key, listed in matching order).
 */
export interface SchemaRelationship extends PropertyRelationship {
  /**
   * The referencing property, e.g. `orders.customer_id`, or a list of them for a composite key.
   * @minItems 1
   * @pattern ^(?:[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+|(?:(?:https?:\/\/)?[A-Za-z0-9._\-\/]+\.yaml#)?\/?[A-Za-z_][A-Za-z0-9_]*\/[A-Za-z0-9_-]+(?:\/[A-Za-z_][A-Za-z0-9_]*\/[A-Za-z0-9_-]+)*)$
   * @items {"pattern": "^(?:[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+|(?:(?:https?:\\/\\/)?[A-Za-z0-9._\\-\\/]+\\.yaml#)?\\/?[A-Za-z_][A-Za-z0-9_]*\\/[A-Za-z0-9_-]+(?:\\/[A-Za-z_][A-Za-z0-9_]*\\/[A-Za-z0-9_-]+)*)$"}
   */
  from: PropertyReference | PropertyReference[];
}

// ---------------------------------------------------------------------------------------------
// Data quality
// ---------------------------------------------------------------------------------------------

/**
 * A data-quality check. `type` says how it is expressed: `text` (prose only), `library` (a
 * built-in metric such as `nullValues`, the default when `metric` is given), `sql` (a query) or
 * `custom` (a rule for a specific engine such as Soda or Great Expectations).
 */
export type DataQuality = TextQualityCheck | LibraryQualityCheck | SqlQualityCheck | CustomQualityCheck;

/** Fields every quality check has, whatever its type. */
export interface QualityCheckCommon {
  /** Identifier of the check, unique in its list. */
  id?: StableId;
  /** Links to the policy or definition behind the check. */
  authoritativeDefinitions?: AuthoritativeDefinition[];
  /** What happens to the business when the check fails, e.g. `operational`, `regulatory`. */
  businessImpact?: string;
  /** Extra settings the engine running the check needs, as key/value pairs. */
  customProperties?: CustomProperty[];
  /** What the check verifies, in plain words. */
  description?: string;
  /** Quality dimension the check measures, e.g. `completeness` for a null check. */
  dimension?: 'accuracy' | 'completeness' | 'conformity' | 'consistency' | 'coverage' | 'timeliness' | 'uniqueness';
  /** How the check is carried out, e.g. `reconciliation`. */
  method?: string;
  /** Short name of the check, e.g. `no_missing_customer_ids`. */
  name?: string;
  /** When the check runs, in the scheduler's syntax, e.g. `0 20 * * *` for cron. */
  schedule?: string;
  /** Tool that triggers the check, e.g. `cron`, `airflow`. */
  scheduler?: string;
  /** How serious a failure is, e.g. `info`, `warning`, `error`. */
  severity?: string;
  /** Free-form labels. */
  tags?: Tags;
  /**
   * How the check is expressed: `text`, `library` (the default), `sql` or `custom`. Decides the
   * required fields: `metric` for library, `query` for sql, `engine` and `implementation` for custom.
   */
  type?: 'text' | 'library' | 'sql' | 'custom';
  /** Unit of the measured value, e.g. `rows` or `percent`. */
  unit?: string;
}

/**
 * The expected result of a library or SQL check. Give exactly one of these, e.g.
 * `mustBeLessThan: 10` or `mustBeBetween: [0, 100]`.
 */
export interface QualityThresholds {
  /** The measured value must equal this, e.g. `0`. */
  mustBe?: unknown;
  /** The measured value must differ from this. */
  mustNotBe?: unknown;
  /** The measured value must be greater than this number. */
  mustBeGreaterThan?: number;
  /** The measured value must be greater than or equal to this number. */
  mustBeGreaterOrEqualTo?: number;
  /** The measured value must be less than this number. */
  mustBeLessThan?: number;
  /** The measured value must be less than or equal to this number. */
  mustBeLessOrEqualTo?: number;
  /**
   * The measured value must lie within these two distinct numbers, smallest first, e.g. `[0, 100]`.
   * @uniqueItems true
   */
  mustBeBetween?: [number, number];
  /**
   * The measured value must lie outside these two distinct numbers, smallest first.
   * @uniqueItems true
   */
  mustNotBeBetween?: [number, number];
}

/** A check described in prose only, for humans; no tool runs it. */
export interface TextQualityCheck extends QualityCheckCommon {
  type: 'text';
}

/** A check using one of the metrics the standard defines, e.g. the number of null values. */
export interface LibraryQualityCheck extends QualityCheckCommon, QualityThresholds {
  type?: 'library';
  /**
   * The built-in metric to measure: `nullValues`, `missingValues`, `invalidValues`,
   * `duplicateValues` or `rowCount`.
   */
  metric: 'nullValues' | 'missingValues' | 'invalidValues' | 'duplicateValues' | 'rowCount';
  /** Older name of `metric`. Deprecated: use `metric`. */
  rule?: string;
  /** Settings of the metric, e.g. `missingValues: [null, '', 'N/A']` or `validValues: [...]`. */
  arguments?: { [name: string]: unknown };
}

/** A check whose measured value is the result of a SQL query. */
export interface SqlQualityCheck extends QualityCheckCommon, QualityThresholds {
  type: 'sql';
  /**
   * The query, in the dialect of the server; `${object}` and `${property}` stand for the checked
   * table and column, e.g. `SELECT COUNT(*) FROM ${object} WHERE ${property} < 0`.
   */
  query: string;
}

/** A check written for a specific quality engine. */
export interface CustomQualityCheck extends QualityCheckCommon {
  type: 'custom';
  /** The engine that runs the check, e.g. `soda`, `great-expectations`, `monte-carlo`, `dbt`. */
  engine: string;
  /** The check in the engine's own language: a text (often YAML) or an object. */
  implementation: string | { [key: string]: unknown };
}

// ---------------------------------------------------------------------------------------------
// Support, pricing, team, roles, SLAs
// ---------------------------------------------------------------------------------------------

/** A place where consumers get help or news about the dataset. */
export interface SupportChannel {
  /** Identifier of this channel, unique in the list. */
  id?: StableId;
  /** Name of the channel, e.g. `#orders-data` or `data-orders@example.com`. */
  channel: string;
  /** Link to the channel (https, mailto...), e.g. `https://slack.example.com/archives/C012345`. */
  url?: string;
  /** What the channel is used for. */
  description?: string;
  /** Tool behind the channel: `email`, `slack`, `teams`, `discord`, `ticket`, `googlechat` or `other`. */
  tool?: string;
  /** Purpose of the channel: `interactive`, `announcements`, `issues` or `notifications`. */
  scope?: string;
  /** Link to request access or subscribe to the channel. */
  invitationUrl?: string;
  /** Organisation-specific key/value metadata. */
  customProperties?: CustomProperty[];
}

/** The price of consuming the data. */
export interface Pricing {
  /** Identifier of this price entry. */
  id?: StableId;
  /** Amount charged per `priceUnit`, e.g. `9.95`. */
  priceAmount?: number;
  /** Currency of `priceAmount`, e.g. `USD` or `EUR`. */
  priceCurrency?: string;
  /** Unit the price applies to, e.g. `megabyte`, `gigabyte`, `month`. */
  priceUnit?: string;
}

/** The team that produces and looks after the dataset. */
export interface Team {
  /** Identifier of the team. */
  id?: StableId;
  /** Team name, e.g. `Orders Platform`. */
  name?: string;
  /** What the team does. */
  description?: string;
  /** The people in the team, past and present. */
  members?: TeamMember[];
  /** Free-form labels. */
  tags?: Tags;
  /** Organisation-specific key/value metadata. */
  customProperties?: CustomProperty[];
  /** Links to the team's pages, e.g. in the HR system or wiki. */
  authoritativeDefinitions?: AuthoritativeDefinition[];
}

/** A person who works (or worked) on the dataset. */
export interface TeamMember {
  /** Identifier of this membership entry. */
  id?: StableId;
  /** Login or e-mail address of the person, e.g. `mhopper@example.com`. */
  username: string;
  /** Full name of the person. */
  name?: string;
  /** Notes about the person's involvement. */
  description?: string;
  /** What the person does for the dataset, e.g. `owner`, `data steward`, `engineer`. */
  role?: string;
  /**
   * When the person joined, e.g. `2023-02-01`.
   * @format date
   */
  dateIn?: string;
  /**
   * When the person left, e.g. `2024-06-30`.
   * @format date
   */
  dateOut?: string;
  /** Username of the person who took over after this one left. */
  replacedByUsername?: string;
  /** Free-form labels. */
  tags?: Tags;
  /** Organisation-specific key/value metadata. */
  customProperties?: CustomProperty[];
  /** Links to the person's profile pages. */
  authoritativeDefinitions?: AuthoritativeDefinition[];
}

/** An access role that grants rights on the data, e.g. an IAM role or database group. */
export interface Role {
  /** Identifier of this role entry. */
  id?: StableId;
  /** Name of the role as it exists in the access system, e.g. `orders_reader`. */
  role: string;
  /** What the role allows and who should ask for it. */
  description?: string;
  /** Kind of access granted, e.g. `read`, `write`. */
  access?: string;
  /** Who approves requests first, e.g. a team lead. */
  firstLevelApprovers?: string;
  /** Who approves requests second, e.g. the data owner. */
  secondLevelApprovers?: string;
  /** Organisation-specific key/value metadata. */
  customProperties?: CustomProperty[];
}

/**
 * A service-level commitment, e.g. `property: latency`, `value: 4`, `unit: h`, or
 * `property: retention`, `value: 3`, `unit: y`.
 */
export interface ServiceLevelAgreement {
  /** Identifier of this SLA entry. */
  id?: StableId;
  /**
   * What is promised, e.g. `latency`, `freshness`, `retention`, `frequency`, `availability`,
   * `timeOfAvailability`, `generalAvailability`, `endOfSupport`, `endOfLife`.
   */
  property: string;
  /** The promised value, e.g. `4`, `99.9` or `09:00-08:00`. */
  value: string | number | boolean | null;
  /** A second value when one is not enough, e.g. the end of a time window. */
  valueExt?: string | number | boolean | null;
  /** Unit of `value`, e.g. `d` (days), `h` (hours), `y` (years), `percent`. */
  unit?: string;
  /** Property (or comma-separated properties) the commitment is measured on, e.g. `orders.updated_at`. */
  element?: string;
  /** Why the commitment matters: `regulatory`, `analytics` or `operational`. */
  driver?: string;
  /** The commitment in plain words, e.g. `Data for day D is available by 06:00 UTC on D+1`. */
  description?: string;
  /** Tool that runs the SLA check, e.g. `cron`. */
  scheduler?: string;
  /** When the SLA check runs, in the scheduler's syntax, e.g. `0 20 * * *`. */
  schedule?: string;
}
