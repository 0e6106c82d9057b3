// kindFromText finds top-level keys with indexOf instead of multiline regexes: the same answers,
// line starts after "\r", U+2028 and U+2029 included, and never for a key in the middle of a line.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { kindFromText } from '../../server/src/engine/kinds';

it('tells DCS and ODCS v2 by a top-level key at the start of any line, as /^key/m', () => {
  const regexKind = (text: string) =>
    /^dataContractSpecification:/m.test(text)
      ? 'dcs'
      : /^(?:quantumName|datasetName|datasetDomain):/m.test(text)
        ? 'odcs'
        : undefined;
  for (const text of [
    'dataContractSpecification: 1.1.0\n',
    'id: x\ndataContractSpecification: 1.1.0\n',
    'id: x\r\ndataContractSpecification: 1.1.0\r\n',
    'id: x\rdataContractSpecification: 1.1.0',
    'id: x\u2028dataContractSpecification: 1.1.0',
    'id: x\u2029datasetName: y',
    'a: dataContractSpecification: 1\n',
    '  dataContractSpecification: 1\n',
    '#dataContractSpecification:\ndatasetDomain: d\n',
    'x: datasetName: dataContractSpecification:\nquantumName: q',
    'dataContractSpecification 1\n',
    '',
  ])
    assert.equal(kindFromText(text), regexKind(text), JSON.stringify(text));
});
