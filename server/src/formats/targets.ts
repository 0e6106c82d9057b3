// Which TypeScript type becomes which JSON Schema in schemas/, in which draft, with which patch.
// Shared by the generator script and the engine (which loads the generated files).
import type { FileKind } from './fileKind';
import { patchOdcsSchema } from './odcs.patch';
import { patchDcsSchema } from './dcs.patch';
import { patchOdpsSchema } from './odps.patch';

export type SchemaPatch = (schema: Record<string, unknown>) => Record<string, unknown> | void;

export interface SchemaTarget {
  /** File name under schemas/. */
  file: string;
  /** The $id of the generated schema. */
  id: string;
  title: string;
  /** Source file of the types, relative to the repository root. */
  source: string;
  /** Root type name. */
  type: string;
  draft: '2019-09' | 'draft-07';
  /**
   * Which documents the engine validates with this schema: the file kind and, optionally, a test
   * of the version the document declares (`apiVersion` for ODCS/ODPS, `dataContractSpecification`
   * for DCS). The first matching target wins.
   */
  appliesTo: { kind: FileKind; version?: RegExp };
  /** The version(s) this target checks, as a user writes them (`v3.0.2`), for messages and hover. */
  versions?: string;
  patch?: SchemaPatch;
}

const BASE = 'https://pactline.dev/schemas/';

export const SCHEMA_TARGETS: SchemaTarget[] = [
  {
    file: 'pipeline.schema.json',
    id: BASE + 'pipeline.schema.json',
    title: 'Pactline pipeline',
    source: 'server/src/formats/pipeline.ts',
    type: 'Pipeline',
    draft: '2019-09',
    appliesTo: { kind: 'pipeline' },
  },
  {
    file: 'config.schema.json',
    id: BASE + 'config.schema.json',
    title: 'Pactline configuration',
    source: 'server/src/formats/config.ts',
    type: 'PactlineConfig',
    draft: '2019-09',
    appliesTo: { kind: 'config' },
  },
  {
    file: 'odcs-v3.0.0.schema.json',
    id: BASE + 'odcs-v3.0.0.schema.json',
    title: 'Open Data Contract Standard v3.0.0',
    versions: 'v3.0.0',
    source: 'server/src/formats/odcs.ts',
    type: 'OpenDataContractV300',
    draft: '2019-09',
    appliesTo: { kind: 'odcs', version: /^v3\.0\.0$/ },
    patch: patchOdcsSchema,
  },
  {
    file: 'odcs-v3.0.1.schema.json',
    id: BASE + 'odcs-v3.0.1.schema.json',
    title: 'Open Data Contract Standard v3.0.1',
    versions: 'v3.0.1',
    source: 'server/src/formats/odcs.ts',
    type: 'OpenDataContractV301',
    draft: '2019-09',
    appliesTo: { kind: 'odcs', version: /^v3\.0\.1$/ },
    patch: patchOdcsSchema,
  },
  {
    file: 'odcs-v3.0.2.schema.json',
    id: BASE + 'odcs-v3.0.2.schema.json',
    title: 'Open Data Contract Standard v3.0.2',
    versions: 'v3.0.2',
    source: 'server/src/formats/odcs.ts',
    type: 'OpenDataContractV302',
    draft: '2019-09',
    appliesTo: { kind: 'odcs', version: /^v3\.0\.2$/ },
    patch: patchOdcsSchema,
  },
  {
    file: 'odcs-v3.1.schema.json',
    id: BASE + 'odcs-v3.1.schema.json',
    title: 'Open Data Contract Standard v3.1.0',
    versions: 'v3.1.0',
    source: 'server/src/formats/odcs.ts',
    type: 'OpenDataContractV31',
    draft: '2019-09',
    appliesTo: { kind: 'odcs', version: /^v3\.1\.0$/ },
    patch: patchOdcsSchema,
  },
  {
    file: 'odcs-v3.2.schema.json',
    id: BASE + 'odcs-v3.2.schema.json',
    title: 'Open Data Contract Standard v3.2.0',
    versions: 'v3.2.0',
    source: 'server/src/formats/odcs.ts',
    type: 'OpenDataContractV32',
    draft: '2019-09',
    appliesTo: { kind: 'odcs', version: /^v3\.2\.0$/ },
    patch: patchOdcsSchema,
  },
  {
    file: 'dcs-1.1.0.schema.json',
    id: BASE + 'dcs-1.1.0.schema.json',
    title: 'Data Contract Specification 1.1.0',
    versions: '1.1.0',
    source: 'server/src/formats/dcs.ts',
    type: 'DataContractSpecificationV110',
    draft: 'draft-07',
    appliesTo: { kind: 'dcs', version: /^1\.1\.0$/ },
    patch: patchDcsSchema,
  },
  {
    file: 'dcs-1.2.0.schema.json',
    id: BASE + 'dcs-1.2.0.schema.json',
    title: 'Data Contract Specification 1.2.0',
    versions: '1.2.0',
    source: 'server/src/formats/dcs.ts',
    type: 'DataContractSpecificationV120',
    draft: 'draft-07',
    appliesTo: { kind: 'dcs', version: /^1\.2\.0$/ },
    patch: patchDcsSchema,
  },
  {
    file: 'dcs.schema.json',
    id: BASE + 'dcs.schema.json',
    title: 'Data Contract Specification 1.2.1',
    versions: '1.2.1',
    source: 'server/src/formats/dcs.ts',
    type: 'DataContractSpecification',
    draft: 'draft-07',
    appliesTo: { kind: 'dcs', version: /^1\.2\.1$/ },
    patch: patchDcsSchema,
  },
  {
    file: 'odps.schema.json',
    id: BASE + 'odps.schema.json',
    title: 'Open Data Product Standard',
    versions: 'v0.9.0, v1.0.0',
    source: 'server/src/formats/odps.ts',
    type: 'OpenDataProduct',
    draft: '2019-09',
    appliesTo: { kind: 'odps' },
    patch: patchOdpsSchema,
  },
];
