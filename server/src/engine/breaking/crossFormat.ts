// A contract moved from the Data Contract Specification to ODCS (datacontract-cli converted its own
// fixtures so): the DCS side's types are read as the ODCS logical types they convert to (`int`,
// `long` → `integer`; `double`, `decimal` → `number`; `struct` → `object`...), so that the move itself
// is not a type change of every field. Only used when the two versions are of different formats.
import type { NContract, NProperty } from './model';

const DCS_TO_ODCS: Record<string, string> = {
  string: 'string',
  int: 'integer',
  long: 'integer',
  decimal: 'number',
  float: 'number',
  double: 'number',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  timestamp_ntz: 'timestamp',
  time: 'time',
  object: 'object',
  array: 'array',
};

function retype(p: NProperty): NProperty {
  const attrs = new Map(p.attrs);
  const type = attrs.get('type');
  if (type && typeof type.value === 'string' && DCS_TO_ODCS[type.value])
    attrs.set('type', { ...type, value: DCS_TO_ODCS[type.value], shown: type.shown ?? type.value });
  return {
    ...p,
    attrs,
    children: p.children.map(retype),
    items: p.items && retype(p.items),
    mapKey: p.mapKey && retype(p.mapKey),
    mapValue: p.mapValue && retype(p.mapValue),
  };
}

/** The DCS contract of a DCS/ODCS pair with ODCS logical types; the same contract otherwise. */
export function asOdcsTypes(contract: NContract, other: NContract): NContract {
  if (contract.format !== 'dcs' || other.format !== 'odcs') return contract;
  return { ...contract, objects: contract.objects.map((o) => ({ ...o, properties: o.properties.map(retype) })) };
}
