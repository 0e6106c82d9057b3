// The Pactline pipeline format (`apiVersion: pactline/v1`, `kind: Pipeline`): the source of truth
// for schemas/pipeline.schema.json. Doc comments become the schema's descriptions and the
// editor's hover text, so they are written for the person editing the file.

/**
 * A pipeline: jobs that read datasets governed by data contracts and write datasets governed by
 * data contracts. Pactline builds lineage from it and checks every reference against the workspace.
 */
export interface Pipeline {
  /** Version of the pipeline format. Always `pactline/v1`. */
  apiVersion: 'pactline/v1';
  /** Kind of document. Always `Pipeline`. */
  kind: 'Pipeline';
  /**
   * Stable identifier of the pipeline, unique in the workspace. Lower-case words separated by
   * dashes, as used in lineage node ids (`pipeline:<id>`).
   * @pattern ^[a-z0-9][a-z0-9._-]*$
   */
  id: string;
  /** Human-readable name. */
  name?: string;
  /** What the pipeline does and why it exists. */
  description?: string;
  /** Team or person accountable for the pipeline (who gets paged when it fails). */
  owner: string;
  /** Version of this pipeline definition, semantic versioning recommended. */
  version?: string;
  /** When the pipeline runs: on a cron schedule or continuously (streaming). */
  schedule: CronSchedule | StreamingSchedule;
  /** Free-form labels used for search and grouping. */
  tags?: string[];
  /**
   * The jobs of the pipeline. Data flows from each step's inputs to its outputs.
   * @minItems 1
   */
  steps: PipelineStep[];
}

/** A batch pipeline that runs on a cron schedule. */
export interface CronSchedule {
  /**
   * Cron expression with five fields (minute hour day-of-month month day-of-week), e.g. `0 2 * * *`.
   * @pattern ^\s*(\S+\s+){4}\S+\s*$
   */
  cron: string;
  /** IANA time zone the cron expression is read in, e.g. `Europe/Berlin`. Defaults to UTC. */
  timezone?: string;
}

/** A streaming pipeline that processes records continuously as they arrive. */
export interface StreamingSchedule {
  /** Always `true`: the pipeline runs continuously. */
  streaming: true;
  /** Largest end-to-end delay the pipeline promises for a record, e.g. `5m`, `30s`. */
  maxLatency?: string;
}

/** One job of the pipeline: reads its inputs, writes its outputs. */
export interface PipelineStep {
  /**
   * Identifier of the step, unique within the pipeline (`job:<pipeline id>/<step id>` in lineage).
   * @pattern ^[a-z0-9][a-z0-9._-]*$
   */
  id: string;
  /** Human-readable name of the step. */
  name?: string;
  /** What the step does. */
  description?: string;
  /** The engine that runs the step, e.g. `flink`, `spark`, `dbt`, `kafka-connect`, `python`. */
  runtime?: string;
  /** Datasets the step reads. */
  inputs?: StepInput[];
  /** Datasets the step writes. */
  outputs?: StepOutput[];
}

/** A dataset read by a step: a schema object of a data contract. */
export interface StepInput {
  /** The `id` of the data contract that governs the dataset. */
  contract: string;
  /** Name of the schema object (table, topic, file) in that contract. Optional when the contract has exactly one. */
  schema?: string;
  /**
   * Short name used in column mappings (`alias.column`). Defaults to the schema object's name.
   * @pattern ^[A-Za-z_][A-Za-z0-9_]*$
   */
  as?: string;
}

/** A dataset written by a step: a schema object of a data contract. */
export interface StepOutput {
  /** The `id` of the data contract that the written data must honour. */
  contract: string;
  /** Name of the schema object in that contract. Optional when the contract has exactly one. */
  schema?: string;
  /**
   * Where each output column comes from: the output property name mapped to one input column
   * (`alias.column`) or to several (a list), e.g. `customer_key: orders.customer_id`.
   */
  columns?: { [outputColumn: string]: string | string[] };
  /**
   * Marks this output as a dead-letter destination: records that break the input contract go
   * here instead of being dropped or passed on.
   */
  deadLetter?: boolean;
  /** The transformation that produces the output, usually SQL. Shown with SQL highlighting. */
  transform?: string;
}
