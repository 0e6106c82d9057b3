// The Data Contract Specification 1.x (`dataContractSpecification: 1.x.y`, usually `datacontract.yaml`):
// the source of truth for schemas/dcs.schema.json (1.2.1) and schemas/dcs-1.1.0/1.2.0.schema.json.
// It mirrors the official JSON Schema v1.2.1 (draft-07) property for property; an older version is
// its root type below plus what differs, stated as a table in dcs.patch.ts. The patch also adds
// what a type cannot say (the server and quality variants keyed on `type`, key patterns of maps,
// deprecation notes).
//
// Like the official schema, every object here is open: the specification allows extension keys
// anywhere (`x-…`, `namespace`, `custom-key`…), so each interface carries `[key: string]: unknown`.
// Every type name starts with `Dcs` so it never clashes with the ODCS/ODPS types in the same program.

/**
 * A data contract written in the Data Contract Specification: what a dataset looks like (models),
 * where it lives (servers), what it promises (service levels, quality) and under which terms it may
 * be used. The format is deprecated in favour of ODCS 3.1+, but still supported by datacontract-cli.
 */
export interface DataContractSpecification {
  /** Version of the Data Contract Specification the file is written in, e.g. `1.2.1`. */
  dataContractSpecification: DcsSpecVersion;
  /**
   * Identifier of the contract, unique across the organisation: a URN, UUID or slug,
   * e.g. `urn:datacontract:checkout:orders-latest`. Pipelines and data products refer to it.
   */
  id: string;
  /** Title, version, owner and contact of the contract. */
  info: DcsInfo;
  /**
   * Where the data can be found, keyed by a name you choose (`production`, `staging`…). The `type`
   * of each entry decides which connection keys are required, e.g. `host`/`port`/`database`/`schema`
   * for `postgres`.
   */
  servers?: { [serverName: string]: DcsServer };
  /** Rules for using the data: intended usage, limitations, policies, pricing and notice period. */
  terms?: DcsTerms;
  /** The datasets of the contract (tables, views, message types), keyed by their technical name. */
  models?: DcsModels;
  /**
   * Reusable field definitions (business terms) that fields point to with
   * `$ref: '#/definitions/<name>'`, keyed by name; slashes may encode a domain, e.g. `checkout/order_id`.
   */
  definitions?: DcsDefinitions;
  /** The service levels the provider commits to: availability, retention, latency, freshness and more. */
  servicelevels?: DcsServiceLevels;
  /** Links to related documentation, keyed by a short name, e.g. `catalog: https://…`. */
  links?: DcsLinks;
  /** Keywords to find and group the contract by, e.g. `checkout`, `pii`. */
  tags?: string[];
  /** Extension keys (the deprecated top-level `quality` block of 0.9.x also lands here). */
  [key: string]: unknown;
}

/**
 * A data contract written in Data Contract Specification 1.1.0: as 1.2.1 without ClickHouse servers,
 * the `variant`, `json` and `time` field types or model `additionalFields`; server types are a fixed
 * list, library quality checks name a `rule` (not a `metric`).
 */
export interface DataContractSpecificationV110 extends DataContractSpecification {
  /** Version of the Data Contract Specification the file is written in; `1.2.1` is current. */
  dataContractSpecification: '1.1.0';
  /** Extension keys, as in every version. */
  [key: string]: unknown;
}

/**
 * A data contract written in Data Contract Specification 1.2.0: as 1.2.1, but library quality checks
 * name a `rule` (not a `metric`) and SQL check thresholds are integers.
 */
export interface DataContractSpecificationV120 extends DataContractSpecification {
  /** Version of the Data Contract Specification the file is written in; `1.2.1` is current. */
  dataContractSpecification: '1.2.0';
  /** Extension keys, as in every version. */
  [key: string]: unknown;
}

/** Versions of the specification the official schema knows. Pactline applies this schema to 1.x files. */
export type DcsSpecVersion = '1.2.1' | '1.2.0' | '1.1.0' | '0.9.3' | '0.9.2' | '0.9.1' | '0.9.0';

/** Descriptive metadata and life cycle of the contract. */
export interface DcsInfo {
  /** Human-readable name of the contract, e.g. `Orders Latest`. */
  title: string;
  /**
   * Version of this contract document (not of the specification, not of the data product), semantic
   * versioning recommended, e.g. `2.0.0`. Bump the major version for breaking changes.
   */
  version: string;
  /**
   * Life cycle stage of the contract.
   * @examples ["proposed", "in development", "active", "deprecated", "retired"]
   */
  status?: string;
  /** What data the contract covers and what it is for. Markdown allowed. */
  description?: string;
  /** Team or person that provides the data and answers for the contract, e.g. `Checkout Team`. */
  owner?: string;
  /** How consumers reach the owner. */
  contact?: DcsContact;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Who to talk to about the contract. */
export interface DcsContact {
  /** Person or team to contact, e.g. `John Doe (Data Product Owner)`. */
  name?: string;
  /**
   * Web page or chat channel for questions, e.g. a Teams or Slack channel link.
   * @format uri
   */
  url?: string;
  /**
   * Mail address for questions, e.g. `checkout-data@example.com`.
   * @format email
   */
  email?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Servers. `type` picks the variant; dcs.patch.ts turns this union into if/then on `type`, so an
// unknown type still validates against the common keys only (as in the official schema).

/** One place the data is served from. Which keys are required depends on `type`. */
export type DcsServer =
  | DcsBigQueryServer
  | DcsPostgresServer
  | DcsS3Server
  | DcsSftpServer
  | DcsRedshiftServer
  | DcsAzureServer
  | DcsSqlserverServer
  | DcsSnowflakeServer
  | DcsDatabricksServer
  | DcsDataframeServer
  | DcsGlueServer
  | DcsOracleServer
  | DcsKafkaServer
  | DcsPubSubServer
  | DcsKinesisServer
  | DcsTrinoServer
  | DcsClickhouseServer
  | DcsLocalServer
  | DcsServerBase;

/** Keys every server has, whatever its technology. */
export interface DcsServerBase {
  /**
   * Technology that holds the data. Known types add required connection keys; other values are
   * allowed and only need the common keys.
   * @examples ["postgres", "snowflake", "bigquery", "databricks", "s3", "kafka", "local"]
   */
  type: string;
  /** What this server is, e.g. `One folder per model, one file per day.` */
  description?: string;
  /** Stage this server belongs to, e.g. `prod`, `stg`, `dev`. */
  environment?: string;
  /** Access roles a consumer can request on this server, e.g. one per region or sensitivity level. */
  roles?: DcsServerRole[];
  /** Extension keys. */
  [key: string]: unknown;
}

/** An access role that can be requested for a server. */
export interface DcsServerRole {
  /** Name of the role as known to the access system, e.g. `analyst_eu`. */
  name: string;
  /** What the role grants access to. */
  description?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** File formats understood for object storage servers. */
export type DcsFileFormat = 'parquet' | 'delta' | 'json' | 'csv';

/** How several JSON documents are separated inside one file. */
export type DcsJsonDelimiter = 'new_line' | 'array';

/** A Google BigQuery dataset. */
export interface DcsBigQueryServer extends DcsServerBase {
  /** Always `bigquery`. */
  type: 'bigquery';
  /** Google Cloud project that owns the dataset, e.g. `acme-analytics`. */
  project: string;
  /** BigQuery dataset holding the tables, e.g. `orders`. */
  dataset: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** A PostgreSQL database schema. */
export interface DcsPostgresServer extends DcsServerBase {
  /** Always `postgres`. */
  type: 'postgres';
  /** Host name of the database server, e.g. `db.internal.example.com`. */
  host: string;
  /**
   * TCP port of the database server, e.g. `5432`.
   * @TJS-type integer
   */
  port: number;
  /** Database name, e.g. `shop`. */
  database: string;
  /** Schema inside the database that holds the tables, e.g. `public`. */
  schema: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Files in Amazon S3 or an S3-compatible store (MinIO…). */
export interface DcsS3Server extends DcsServerBase {
  /** Always `s3`. */
  type: 's3';
  // A URI template, not a URI: the specification fills `{model}` in per model, and its own
  // examples use it, which the official schema's `format: uri` rejects (RFC 3986 has no braces).
  // The scheme pattern keeps the template absolute. Same for the other `location`s below.
  /**
   * S3 URL of the files, globs and `{model}` allowed, e.g. `s3://acme-orders/v2/{model}/*.json`.
   * @format uri-template
   * @pattern ^[A-Za-z][A-Za-z0-9+.-]*:
   */
  location: string;
  /**
   * Endpoint of an S3-compatible service other than AWS, e.g. `https://minio.example.com`.
   * @format uri
   */
  endpointUrl?: string;
  /** Format of the files. */
  format?: DcsFileFormat;
  /** For `format: json`: one document per line (`new_line`) or one JSON array per file (`array`). */
  delimiter?: DcsJsonDelimiter;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Files on an SFTP server. */
export interface DcsSftpServer extends DcsServerBase {
  /** Always `sftp`. */
  type: 'sftp';
  /**
   * SFTP URL of the files, beginning with `sftp://`, e.g. `sftp://10.0.0.12/exports/{model}/*.csv`.
   * @format uri-template
   * @pattern ^sftp://.*
   */
  location: string;
  /** Format of the files. */
  format?: DcsFileFormat;
  /** For `format: json`: one document per line (`new_line`) or one JSON array per file (`array`). */
  delimiter?: DcsJsonDelimiter;
  /** Extension keys. */
  [key: string]: unknown;
}

/** An Amazon Redshift database schema. */
export interface DcsRedshiftServer extends DcsServerBase {
  /** Always `redshift`. */
  type: 'redshift';
  /** AWS account that runs the cluster, e.g. `123456789012`. */
  account: string;
  /** Host name of the cluster. */
  host?: string;
  /** Database name, e.g. `analytics`. */
  database: string;
  /** Schema inside the database, e.g. `public`. */
  schema: string;
  /**
   * Identifier of the Redshift cluster.
   * @examples ["redshift-prod-eu", "analytics-cluster"]
   */
  clusterIdentifier?: string;
  /**
   * TCP port of the cluster, usually `5439`.
   * @TJS-type integer
   */
  port?: number;
  /**
   * Full endpoint of the cluster, e.g. `analytics.abc123.eu-west-1.redshift.amazonaws.com:5439/analytics`.
   */
  endpoint?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Files in Azure Blob Storage or Azure Data Lake Storage. */
export interface DcsAzureServer extends DcsServerBase {
  /** Always `azure`. */
  type: 'azure';
  /**
   * Path of the files, globs allowed; `abfss://<container>/<path>` is the usual form,
   * e.g. `abfss://orders/v1/*.parquet`.
   * @format uri-template
   * @pattern ^[A-Za-z][A-Za-z0-9+.-]*:
   */
  location: string;
  /** Format of the files. */
  format: DcsFileFormat;
  /** For `format: json`: one document per line (`new_line`) or one JSON array per file (`array`). */
  delimiter?: DcsJsonDelimiter;
  /** Extension keys. */
  [key: string]: unknown;
}

/** A Microsoft SQL Server database schema. */
export interface DcsSqlserverServer extends DcsServerBase {
  /** Always `sqlserver`. */
  type: 'sqlserver';
  /** Host name of the database server, e.g. `sql.internal.example.com`. */
  host: string;
  /**
   * TCP port of the database server; 1433 when omitted.
   * @TJS-type integer
   * @default 1433
   */
  port?: number;
  /** Database name, e.g. `sales`. */
  database: string;
  /** Schema inside the database, e.g. `dbo`. */
  schema: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** A Snowflake database schema. */
export interface DcsSnowflakeServer extends DcsServerBase {
  /** Always `snowflake`. */
  type: 'snowflake';
  /** Snowflake account identifier, e.g. `acme-eu1`. */
  account: string;
  /** Database name, e.g. `ANALYTICS`. */
  database: string;
  /** Schema inside the database, e.g. `ORDERS`. */
  schema: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** A Databricks (Unity Catalog or Hive metastore) schema. */
export interface DcsDatabricksServer extends DcsServerBase {
  /** Always `databricks`. */
  type: 'databricks';
  /** Workspace host, e.g. `dbc-1a2b3c4d-5e6f.cloud.databricks.com`. */
  host?: string;
  /** Unity or Hive catalog, e.g. `main`. */
  catalog: string;
  /** Schema inside the catalog, e.g. `orders`. */
  schema: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** An in-memory dataframe (for example a Spark DataFrame handed to datacontract-cli); no connection keys. */
export interface DcsDataframeServer extends DcsServerBase {
  /** Always `dataframe`. */
  type: 'dataframe';
  /** Extension keys. */
  [key: string]: unknown;
}

/** An AWS Glue Data Catalog database. */
export interface DcsGlueServer extends DcsServerBase {
  /** Always `glue`. */
  type: 'glue';
  /** AWS account that owns the catalog, e.g. `1234-5678-9012`. */
  account: string;
  /** Glue database name, e.g. `orders_db`. */
  database: string;
  /**
   * S3 URL of the underlying files, e.g. `s3://acme-orders/{model}`.
   * @format uri-template
   * @pattern ^[A-Za-z][A-Za-z0-9+.-]*:
   */
  location?: string;
  /**
   * Format of the underlying files.
   * @examples ["parquet", "csv", "json", "delta"]
   */
  format?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** An Oracle database service. */
export interface DcsOracleServer extends DcsServerBase {
  /** Always `oracle`. */
  type: 'oracle';
  /** Host name of the database server, e.g. `ora.internal.example.com`. */
  host: string;
  /**
   * TCP port of the listener, e.g. `1521`.
   * @TJS-type integer
   */
  port: number;
  /** Oracle service name to connect to, e.g. `ORCLPDB1`. */
  serviceName: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** A Kafka topic. */
export interface DcsKafkaServer extends DcsServerBase {
  /** Always `kafka`. */
  type: 'kafka';
  /** Bootstrap server(s) of the cluster, e.g. `broker-1.example.com:9092`. */
  host: string;
  /** Topic name, e.g. `orders.v1`. */
  topic: string;
  /**
   * Encoding of the messages, e.g. `json`, `avro`, `protobuf`; `json` when omitted.
   * @default "json"
   */
  format?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** A Google Cloud Pub/Sub topic. */
export interface DcsPubSubServer extends DcsServerBase {
  /** Always `pubsub`. */
  type: 'pubsub';
  /** Google Cloud project that owns the topic. */
  project: string;
  /** Topic name, e.g. `orders`. */
  topic: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** An Amazon Kinesis data stream. */
export interface DcsKinesisServer extends DcsServerBase {
  /** Always `kinesis`. */
  type: 'kinesis';
  /** Name of the stream, e.g. `orders-stream`. */
  stream: string;
  /**
   * AWS region of the stream.
   * @examples ["eu-west-1"]
   */
  region?: string;
  /**
   * Encoding of the records.
   * @examples ["json", "avro", "protobuf"]
   */
  format?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** A Trino catalog schema. */
export interface DcsTrinoServer extends DcsServerBase {
  /** Always `trino`. */
  type: 'trino';
  /** Host name of the Trino coordinator, e.g. `trino.example.com`. */
  host: string;
  /**
   * TCP port of the coordinator, e.g. `8080`.
   * @TJS-type integer
   */
  port: number;
  /** Trino catalog, e.g. `hive`. */
  catalog: string;
  /** Schema inside the catalog, e.g. `orders`. */
  schema: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** A ClickHouse database. */
export interface DcsClickhouseServer extends DcsServerBase {
  /** Always `clickhouse`. */
  type: 'clickhouse';
  /** Host name of the ClickHouse server, e.g. `clickhouse.example.com`. */
  host: string;
  /**
   * TCP port of the server, e.g. `8123`.
   * @TJS-type integer
   */
  port: number;
  /** Database name, e.g. `default`. */
  database: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Files on the local disk, handy for tests and examples. */
export interface DcsLocalServer extends DcsServerBase {
  /** Always `local`. */
  type: 'local';
  /** Relative or absolute path of the file(s), globs allowed, e.g. `./data/orders/*.parquet`. */
  path: string;
  /**
   * Format of the file(s).
   * @examples ["parquet", "csv", "json", "delta"]
   */
  format: string;
  /** Extension keys. */
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Terms

/** Conditions under which consumers may use the data. */
export interface DcsTerms {
  /** What the data is meant to be used for, in business and technical terms. */
  usage?: string;
  /** What the data must not or cannot be used for, e.g. `Not suitable for real-time use cases.` */
  limitations?: string;
  /** Policies (privacy, security, retention, licences…) that apply to the data. */
  policies?: DcsPolicy[];
  /** How use of the data is charged, e.g. `free`, `5000 USD per month`, `0.01 USD per query`. */
  billing?: string;
  /**
   * How long in advance either side must announce ending or changing the agreement, as an ISO 8601
   * duration, e.g. `P3M` for three months.
   */
  noticePeriod?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** A policy that applies to the data. */
export interface DcsPolicy {
  /**
   * Kind of policy.
   * @examples ["privacy", "security", "retention", "compliance"]
   */
  type?: string;
  /** What the policy says, in short. */
  description?: string;
  /**
   * Where the full policy text lives.
   * @format uri
   */
  url?: string;
  /** Extension keys (`name` is common). */
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Models and fields

/**
 * The models of the contract keyed by technical name (letters, digits, `_` and `-`), e.g. `orders`.
 * At least one.
 * @minProperties 1
 */
export interface DcsModels {
  /** A model. */
  [modelName: string]: DcsModel;
}

/** A dataset of the contract: a table, a view or a message/document type. */
export interface DcsModel {
  /** What one record of the model stands for, e.g. `One row per order, cancelled orders included.` */
  description?: string;
  /**
   * Kind of dataset; `table` when omitted.
   * @default "table"
   */
  type?: 'table' | 'view' | 'object';
  /**
   * Business-friendly name, useful when the technical name is terse.
   * @examples ["Purchase Orders", "Air Shipments"]
   */
  title?: string;
  /** The fields (columns) of the model, keyed by technical name, e.g. `order_id`. */
  fields?: { [fieldName: string]: DcsField };
  /** Fields that together form the primary key, when it has more than one column, e.g. `[order_id, line_item_id]`. */
  primaryKey?: string[];
  /** Quality checks that apply to the model as a whole (row counts, cross-field rules…). */
  quality?: DcsQuality[];
  /** Sample data, e.g. a CSV block or a list of records. */
  examples?: unknown[];
  /**
   * Whether the data may contain fields the contract does not list; `false` when omitted.
   * @default false
   */
  additionalFields?: boolean;
  /** Tool-specific settings for the model. */
  config?: DcsModelConfig;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Tool-specific settings for a model; any key is allowed. */
export interface DcsModelConfig {
  /** Avro namespace used when importing the model from, or exporting it to, Avro, e.g. `com.example.orders`. */
  avroNamespace?: string;
  /** Any other tool setting. */
  [key: string]: unknown;
}

/** Logical data types a field or definition can have. */
export type DcsFieldType =
  | 'number'
  | 'decimal'
  | 'numeric'
  | 'int'
  | 'integer'
  | 'long'
  | 'bigint'
  | 'float'
  | 'double'
  | 'string'
  | 'text'
  | 'varchar'
  | 'boolean'
  | 'timestamp'
  | 'timestamp_tz'
  | 'timestamp_ntz'
  | 'date'
  | 'time'
  | 'array'
  | 'map'
  | 'object'
  | 'record'
  | 'struct'
  | 'bytes'
  | 'variant'
  | 'json'
  | 'null';

/**
 * A field (column) of a model. Nested data uses `fields` (for `object`/`record`/`struct`), `items`
 * (for `array`) or `keys`/`values` (for `map`); `$ref` pulls in a shared definition.
 */
export interface DcsField {
  /** What the values mean, e.g. `Time the order was paid, in UTC.` */
  description?: string;
  /** Business-friendly name, useful when the technical name is terse. */
  title?: string;
  /** Logical data type, e.g. `string`, `long`, `timestamp`, `array`. */
  type?: DcsFieldType;
  /**
   * `true` when every record must have a non-null value; `false` when omitted.
   * @default false
   */
  required?: boolean;
  /** Sub-fields of an `object`, `record` or `struct`, keyed by name. */
  fields?: { [fieldName: string]: DcsField };
  /** Shape of the elements of an `array`. */
  items?: DcsField;
  /** Shape of the keys of a `map` (strings unless stated). */
  keys?: DcsField;
  /** Shape of the values of a `map`. */
  values?: DcsField;
  /**
   * Old spelling of `primaryKey`.
   * @deprecated Use `primaryKey`.
   */
  primary?: boolean;
  /**
   * `true` when the field is (part of) the primary key; `false` when omitted.
   * @default false
   */
  primaryKey?: boolean;
  /**
   * Foreign key: the field this one points to, as `model.field`, e.g. `orders.order_id`.
   * @examples ["orders.order_id", "model.nested_field.field"]
   */
  references?: string;
  /**
   * `true` when no two records may share a value; `false` when omitted.
   * @default false
   */
  unique?: boolean;
  /**
   * The only values allowed (nulls aside), e.g. `[pending, paid, shipped]`. No duplicates.
   * @uniqueItems true
   */
  enum?: string[];
  /**
   * Shortest allowed length of a text value.
   * @TJS-type integer
   */
  minLength?: number;
  /**
   * Longest allowed length of a text value.
   * @TJS-type integer
   */
  maxLength?: number;
  /**
   * Well-known format the values follow.
   * @examples ["email", "uri", "uuid"]
   */
  format?: string;
  /**
   * Total number of digits of a numeric value (38 when omitted), e.g. `10` for `DECIMAL(10,2)`.
   * @examples [38]
   */
  precision?: number;
  /**
   * Digits after the decimal point of a numeric value (0 when omitted), e.g. `2` for `DECIMAL(10,2)`.
   * @examples [0]
   */
  scale?: number;
  /**
   * Regular expression every text value must match, e.g. `^[A-Z]{2}[0-9]{6}$`.
   * @examples ["^[a-zA-Z0-9_-]+$"]
   */
  pattern?: string;
  /** Smallest allowed numeric value (inclusive). Nulls are not checked. */
  minimum?: number;
  /** Numeric values must be strictly greater than this. Nulls are not checked. */
  exclusiveMinimum?: number;
  /** Largest allowed numeric value (inclusive). Nulls are not checked. */
  maximum?: number;
  /** Numeric values must be strictly less than this. Nulls are not checked. */
  exclusiveMaximum?: number;
  /**
   * A single sample value.
   * @deprecated Use `examples`.
   */
  example?: string;
  /** Sample values, e.g. `["2024-09-09T08:30:00Z"]`. */
  examples?: unknown[];
  /** `true` when the values identify or describe a person (personal data). */
  pii?: boolean;
  /**
   * Sensitivity class of the values in your organisation's scheme.
   * @examples ["sensitive", "restricted", "internal", "public"]
   */
  classification?: string;
  /** Keywords for the field, e.g. `business-timestamp`. */
  tags?: string[];
  /** Links to related documentation, keyed by a short name. */
  links?: DcsLinks;
  /**
   * Shared definition this field inherits from, e.g. `#/definitions/order_id`; keys set on the field
   * override the definition's.
   */
  $ref?: string;
  /** Quality checks on this field's values. */
  quality?: DcsQuality[];
  /** Where the values come from (upstream fields and transformations). */
  lineage?: DcsLineage;
  /** Tool-specific settings for the field, such as the physical type per platform. */
  config?: DcsFieldConfig;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Tool-specific settings for a field; any key is allowed. */
export interface DcsFieldConfig {
  /** Avro type to use when exporting to Avro, e.g. `long`. */
  avroType?: string;
  /** Avro logical type to use when exporting to Avro, e.g. `timestamp-millis`. */
  avroLogicalType?: string;
  /** Physical BigQuery column type, e.g. `NUMERIC(5, 2)`. */
  bigqueryType?: string;
  /** Physical Snowflake column type, e.g. `TIMESTAMP_LTZ`. */
  snowflakeType?: string;
  /** Physical Redshift column type, e.g. `SMALLINT`. */
  redshiftType?: string;
  /** Physical SQL Server column type, e.g. `DATETIME2`. */
  sqlserverType?: string;
  /** Physical Databricks (Unity Catalog) column type, e.g. `DECIMAL(10,2)`. */
  databricksType?: string;
  /** Physical AWS Glue column type, e.g. `bigint`. */
  glueType?: string;
  /** Any other tool setting. */
  [key: string]: unknown;
}

/**
 * Links keyed by a short name (letters, digits, `_`, `-`), each a URL. At least one.
 * @minProperties 1
 */
export interface DcsLinks {
  /** A URL, e.g. `https://wiki.example.com/orders`. */
  [name: string]: string;
}

// ---------------------------------------------------------------------------------------------
// Definitions

/**
 * Shared definitions keyed by name (letters, digits, `_`, `-` and `/`), e.g. `order_id` or
 * `checkout/order_id`.
 */
export interface DcsDefinitions {
  /** A definition. */
  [definitionName: string]: DcsDefinition;
}

/**
 * A business term with its technical shape, defined once and reused by fields through
 * `$ref: '#/definitions/<name>'`.
 */
export interface DcsDefinition {
  /**
   * Domain the definition belongs to; `global` when omitted.
   * @deprecated Put the domain into the definition's key, e.g. `checkout/order_id`.
   * @default "global"
   */
  domain?: string;
  /**
   * Technical name of the definition.
   * @deprecated Put the name into the definition's key.
   */
  name?: string;
  /** Business name of the term, e.g. `Order ID`. */
  title?: string;
  /** What the term means in the domain, in plain words. */
  description?: string;
  /** Logical data type of values of this term, e.g. `string`. Required. */
  type: DcsFieldType;
  /** Sub-fields when the type is `object`, `record` or `struct`, keyed by name. */
  fields?: { [fieldName: string]: DcsField };
  /** Shape of the elements when the type is `array`. */
  items?: DcsField;
  /** Shape of the keys when the type is `map`. */
  keys?: DcsField;
  /** Shape of the values when the type is `map`. */
  values?: DcsField;
  /**
   * Shortest allowed length of a text value.
   * @TJS-type integer
   */
  minLength?: number;
  /**
   * Longest allowed length of a text value.
   * @TJS-type integer
   */
  maxLength?: number;
  /** Well-known format the values follow, e.g. `email`, `uri`, `uuid`. */
  format?: string;
  /**
   * Total number of digits of a numeric value (38 when omitted). A whole number.
   * @TJS-type integer
   * @examples [38]
   */
  precision?: number;
  /**
   * Digits after the decimal point (0 when omitted). A whole number.
   * @TJS-type integer
   * @examples [0]
   */
  scale?: number;
  /** Regular expression every text value must match. */
  pattern?: string;
  /** Smallest allowed numeric value (inclusive). */
  minimum?: number;
  /** Numeric values must be strictly greater than this. */
  exclusiveMinimum?: number;
  /** Largest allowed numeric value (inclusive). */
  maximum?: number;
  /** Numeric values must be strictly less than this. */
  exclusiveMaximum?: number;
  /**
   * A single sample value.
   * @deprecated Use `examples`.
   */
  example?: string;
  /** Sample values, e.g. `["243c25e5-a081-43a9-aeab-6d5d5b6cb5e2"]`. */
  examples?: unknown[];
  /** `true` when values of this term identify or describe a person. */
  pii?: boolean;
  /** Sensitivity class of the values, e.g. `restricted`. */
  classification?: string;
  /** Keywords for the definition. */
  tags?: string[];
  /** Links to related documentation, keyed by a short name. */
  links?: DcsLinks;
  /** Extension keys (`enum` is common). */
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Service levels

/** The service levels the provider commits to. Describe each in words, or use the keys tools can check. */
export interface DcsServiceLevels {
  /** How much of the time the data can be reached. */
  availability?: DcsAvailability;
  /** How long data stays available. */
  retention?: DcsRetention;
  /** Largest delay between an event at the source and the data being available. */
  latency?: DcsLatency;
  /** Largest age of the newest record. */
  freshness?: DcsFreshness;
  /** How often the data is updated. */
  frequency?: DcsFrequency;
  /** When and how fast the provider answers support requests. */
  support?: DcsSupport;
  /** How the data is backed up and how fast it can be restored. */
  backup?: DcsBackup;
  /** Custom service levels. */
  [key: string]: unknown;
}

/** Promised uptime of the system serving the data. */
export interface DcsAvailability {
  /** The availability promise in words, e.g. `Available during business hours.` */
  description?: string;
  /**
   * Promised uptime as a percentage with a `%` sign, e.g. `99.9%`.
   * @pattern ^\d+(\.\d+)?%$
   * @examples ["99.9%"]
   */
  percentage?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** How long data is kept. */
export interface DcsRetention {
  /** The retention promise in words, e.g. `Orders are kept for one year.` */
  description?: string;
  /**
   * How long data is kept, as a simple duration (`1 year`, `30d`) or ISO 8601 (`P1Y`).
   * @examples ["P1Y"]
   */
  period?: string;
  /** `true` when data is never deleted. */
  unlimited?: boolean;
  /**
   * Field holding the timestamp the period counts from, as `model.field`.
   * @examples ["orders.order_timestamp"]
   */
  timestampField?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Largest delay from source to availability. */
export interface DcsLatency {
  /** The latency promise in words, e.g. `Orders are queryable within 25 hours.` */
  description?: string;
  /**
   * Largest delay, as a simple duration (`25h`, `5s`) or ISO 8601 (`PT25H`).
   * @examples ["25h"]
   */
  threshold?: string;
  /**
   * Field holding the time the record was created at the source, as `model.field`.
   * @examples ["orders.order_timestamp"]
   */
  sourceTimestampField?: string;
  /**
   * Field holding the time the record became available to consumers, as `model.field`.
   * @examples ["orders.processed_timestamp"]
   */
  processedTimestampField?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Largest age of the newest record. */
export interface DcsFreshness {
  /** The freshness promise in words. */
  description?: string;
  /**
   * Largest age of the newest record, as a simple duration (`25h`) or ISO 8601 (`PT25H`).
   * @examples ["25h"]
   */
  threshold?: string;
  /**
   * Field holding the timestamp the age is measured on, as `model.field`.
   * @examples ["orders.order_timestamp"]
   */
  timestampField?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** How often the data is refreshed. */
export interface DcsFrequency {
  /** The update rhythm in words, e.g. `Loaded once a day.` */
  description?: string;
  /**
   * How the data is processed.
   * @examples ["batch"]
   */
  type?: 'batch' | 'micro-batching' | 'streaming' | 'manual';
  /**
   * Batch only: how often the load runs, e.g. `daily`.
   * @examples ["daily"]
   */
  interval?: string;
  /**
   * Batch only: cron expression of the load schedule, e.g. `0 0 * * *`.
   * @examples ["0 0 * * *"]
   */
  cron?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Support hours and response time. */
export interface DcsSupport {
  /** The support promise in words. */
  description?: string;
  /**
   * When support can be reached, e.g. `24/7` or `9am-5pm CET on business days`.
   * @examples ["9am to 5pm in EST on business days"]
   */
  time?: string;
  /**
   * How quickly a request is acknowledged (not solved), e.g. `1h`.
   * @examples ["24 hours"]
   */
  responseTime?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** Backup and restore promises. */
export interface DcsBackup {
  /** The backup promise in words, e.g. `Weekly full backup on Sundays.` */
  description?: string;
  /**
   * How often a backup is taken, e.g. `daily`, `weekly`.
   * @examples ["weekly"]
   */
  interval?: string;
  /**
   * Cron expression of the backup schedule, e.g. `0 0 * * 0`.
   * @examples ["0 0 * * 0"]
   */
  cron?: string;
  /**
   * Recovery time objective: longest time a restore may take, e.g. `4 hours`.
   * @examples ["24 hours"]
   */
  recoveryTime?: string;
  /**
   * Recovery point objective: largest span of data that may be lost, e.g. `1 day`.
   * @examples ["1 week"]
   */
  recoveryPoint?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Quality. `type` picks the variant; dcs.patch.ts turns this union into if/then on `type`.

/** A quality check on a model or field. `type` says how it is expressed and which keys it needs. */
export type DcsQuality = DcsTextQuality | DcsSqlQuality | DcsLibraryQuality | DcsCustomQuality;

/** A quality expectation written in plain words, e.g. to agree on before it is automated. */
export interface DcsTextQuality {
  /** `text`: the check is only described in words. */
  type: 'text';
  /** The expectation in plain words, e.g. `Every IBAN is valid.` Required for `text`. */
  description: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/**
 * A SQL query returning one number that is compared with the `mustBe…` thresholds.
 * `{model}`/`{table}` and `{field}`/`{column}` are replaced by the checked names.
 */
export interface DcsSqlQuality {
  /** `sql`: a query whose single numeric result is compared with a threshold. */
  type: 'sql';
  /** What the check ensures, in words. */
  description?: string;
  /** Query returning a single number, e.g. `SELECT COUNT(*) FROM {model} WHERE amount < 0`. Required for `sql`. */
  query: string;
  /**
   * SQL dialect of the query; should match the server type.
   * @examples ["postgres", "snowflake", "bigquery", "trino", "redshift", "athena", "oracle"]
   */
  dialect?: string;
  /** The result must equal this number. */
  mustBe?: number;
  /** The result must differ from this number. */
  mustNotBe?: number;
  /** The result must be greater than this number. */
  mustBeGreaterThan?: number;
  /** The result must be greater than or equal to this number. */
  mustBeGreaterOrEqualTo?: number;
  /**
   * Old spelling of `mustBeGreaterOrEqualTo`.
   * @deprecated Use `mustBeGreaterOrEqualTo`.
   */
  mustBeGreaterThanOrEqualTo?: number;
  /** The result must be less than this number. */
  mustBeLessThan?: number;
  /**
   * Old spelling of `mustBeLessOrEqualTo`.
   * @deprecated Use `mustBeLessOrEqualTo`.
   */
  mustBeLessThanOrEqualTo?: number;
  /** The result must be less than or equal to this number. */
  mustBeLessOrEqualTo?: number;
  /**
   * The result must lie within `[low, high]`, bounds included, e.g. `[1000, 49900]`.
   * @minItems 2
   * @maxItems 2
   */
  mustBeBetween?: number[];
  /**
   * The result must lie outside `[low, high]`.
   * @minItems 2
   * @maxItems 2
   */
  mustNotBeBetween?: number[];
  /** Extension keys. */
  [key: string]: unknown;
}

/** A predefined check (metric) of the data quality library, compared with the `mustBe…` thresholds. */
export interface DcsLibraryQuality {
  /** `library`: a named metric computed by the quality engine. */
  type: 'library';
  /** What the check ensures, in words. */
  description?: string;
  /**
   * Metric to compute. Required for `library`.
   * @examples ["nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount"]
   */
  metric: string;
  /**
   * Old name of `metric`.
   * @deprecated Use `metric`.
   */
  rule?: string;
  /** Metric-specific parameters, e.g. `missingValues: [n/a, ""]` for `missingValues`. Values may not be null. */
  arguments?: { [argument: string]: string | number | boolean | unknown[] | { [key: string]: unknown } };
  /** The metric must equal this value. */
  mustBe?: unknown;
  /** The metric must differ from this value. */
  mustNotBe?: unknown;
  /** The metric must be greater than this number. */
  mustBeGreaterThan?: number;
  /** The metric must be greater than or equal to this number. */
  mustBeGreaterOrEqualTo?: number;
  /** The metric must be less than this number. */
  mustBeLessThan?: number;
  /** The metric must be less than or equal to this number. */
  mustBeLessOrEqualTo?: number;
  /**
   * The metric must lie within `[low, high]`, two different numbers, smaller first.
   * @minItems 2
   * @maxItems 2
   * @uniqueItems true
   */
  mustBeBetween?: number[];
  /**
   * The metric must lie outside `[low, high]`, two different numbers, smaller first.
   * @minItems 2
   * @maxItems 2
   * @uniqueItems true
   */
  mustNotBeBetween?: number[];
  /** Extension keys. */
  [key: string]: unknown;
}

/** A check written for a specific quality engine (Soda, Great Expectations…). */
export interface DcsCustomQuality {
  /** `custom`: the check is handed as-is to the named engine. */
  type: 'custom';
  /** What the check ensures, in words. */
  description?: string;
  /**
   * Engine that runs the check. Required for `custom`.
   * @examples ["soda", "great-expectations"]
   */
  engine: string;
  /** The check in the engine's own syntax: a mapping, a list or a text block. */
  implementation?: { [key: string]: unknown } | unknown[] | string;
  /** Extension keys. */
  [key: string]: unknown;
}

// ---------------------------------------------------------------------------------------------
// Lineage

/** Field-level lineage, modelled on OpenLineage's column lineage facet. */
export interface DcsLineage {
  /** The upstream fields this field is computed from. Required. */
  inputFields: DcsLineageInputField[];
  /**
   * The transformation in words.
   * @deprecated Describe transformations per input field in `transformations`.
   */
  transformationDescription?: string;
  /**
   * `IDENTITY` (copied unchanged) or `MASKED` (original values not recoverable).
   * @deprecated Describe transformations per input field in `transformations`.
   */
  transformationType?: string;
  /** Extension keys. */
  [key: string]: unknown;
}

/** An upstream field feeding this one. */
export interface DcsLineageInputField {
  /** Namespace of the source dataset, e.g. `com.example.checkout` or `snowflake://acme`. */
  namespace: string;
  /** Name of the source dataset, e.g. `checkout_db.orders` or a contract id. */
  name: string;
  /** Name of the source field, e.g. `email_address`. */
  field: string;
  /** How the source value is used to produce this field. */
  transformations?: DcsLineageTransformation[];
  /** Extension keys. */
  [key: string]: unknown;
}

/** How an input field contributes to the result. */
export interface DcsLineageTransformation {
  /** `DIRECT` (the value flows into the result) or `INDIRECT` (it only influences it, e.g. a filter). */
  type: string;
  /** Finer kind, e.g. `IDENTITY`, `AGGREGATION` (direct) or `JOIN`, `FILTER` (indirect). */
  subtype?: string;
  /** The transformation in words or as an expression. */
  description?: string;
  /** `true` when the value is obfuscated (hashed, masked) on the way. */
  masking?: boolean;
  /** Extension keys. */
  [key: string]: unknown;
}
