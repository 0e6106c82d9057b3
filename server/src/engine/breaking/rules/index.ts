// The breaking-change rules, each a unit (./unit.ts) with its id(s), severity, one-line doc, verdict
// and checks. The catalogue (../catalogue.ts), engine/rules.ts and the README's rule table are read
// from this list, and the driver (../compare.ts) runs the checks of each element in this order,
// which is the order of the report: keep `definition-unresolved` first among the property checks
// (it stops the comparison of the pair).
import { CLASSIFICATION_LOWERED } from './classificationLowered';
import { CONSTRAINTS } from './constraint';
import { CONTRACT_REMOVED } from './contractRemoved';
import { DEFINITION_UNRESOLVED } from './definitionUnresolved';
import { ENUM_VALUE_ADDED } from './enumValueAdded';
import { ENUM_VALUE_REMOVED } from './enumValueRemoved';
import { KEYS_CHANGED } from './keys';
import { LOGICAL_RENAME } from './logicalRename';
import { LOGICAL_TYPE_CHANGED } from './logicalTypeChanged';
import { PHYSICAL_TYPE_CHANGED } from './physicalTypeChanged';
import { PROPERTY_ADDED } from './propertyAdded';
import { PROPERTY_REMOVED } from './propertyRemoved';
import { PROPERTY_RENAMED } from './propertyRenamed';
import { QUALITY_ADDED } from './qualityAdded';
import { QUALITY_CHANGED } from './qualityChanged';
import { QUALITY_REMOVED } from './qualityRemoved';
import { QUALITY_REWRITTEN } from './qualityRewritten';
import { REQUIRED_CHANGED } from './requiredChanged';
import { SCHEMA_OBJECT_REMOVED } from './schemaObjectRemoved';
import { SCHEMA_OBJECT_RENAMED } from './schemaObjectRenamed';
import { SERVER_ADDED } from './serverAdded';
import { SERVER_ENVIRONMENT_CHANGED } from './serverEnvironmentChanged';
import { SERVER_LOCATION_CHANGED } from './serverLocationChanged';
import { SERVER_REMOVED } from './serverRemoved';
import { SERVER_TYPE_CHANGED } from './serverTypeChanged';
import { SLA_LOOSENED } from './slaLoosened';
import { STATUS_DEPRECATED } from './statusDeprecated';
import { UNIQUE_CHANGED } from './uniqueChanged';

export const BREAKING_RULES = [
  // the contract
  CONTRACT_REMOVED,
  STATUS_DEPRECATED,
  SLA_LOOSENED,
  // its quality checks (and those of its objects and properties)
  QUALITY_REMOVED,
  QUALITY_CHANGED,
  QUALITY_REWRITTEN,
  QUALITY_ADDED,
  // schema objects
  SCHEMA_OBJECT_REMOVED,
  SCHEMA_OBJECT_RENAMED,
  KEYS_CHANGED,
  // properties
  PROPERTY_REMOVED,
  PROPERTY_ADDED,
  DEFINITION_UNRESOLVED,
  LOGICAL_TYPE_CHANGED,
  PHYSICAL_TYPE_CHANGED,
  REQUIRED_CHANGED,
  UNIQUE_CHANGED,
  CLASSIFICATION_LOWERED,
  PROPERTY_RENAMED,
  LOGICAL_RENAME,
  CONSTRAINTS,
  ENUM_VALUE_REMOVED,
  ENUM_VALUE_ADDED,
  // servers
  SERVER_REMOVED,
  SERVER_LOCATION_CHANGED,
  SERVER_TYPE_CHANGED,
  SERVER_ENVIRONMENT_CHANGED,
  SERVER_ADDED,
] as const;

type Docs<U> = U extends { readonly rules: readonly (infer D)[] } ? D : never;
type Doc = Docs<(typeof BREAKING_RULES)[number]>;

/** Every breaking rule's doc, in the order of the units. */
export const BREAKING_RULE_DOCS: readonly Doc[] = BREAKING_RULES.flatMap((u): readonly Doc[] => u.rules);
