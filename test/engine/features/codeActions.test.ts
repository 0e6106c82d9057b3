// Quick fixes: "did you mean", add a missing required key, suppress a finding.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { codeActions } from '../../../server/src/engine/features';
import type { LanguageService } from '../../../server/src/engine/service';
import { applyEdits, exampleService, range } from './helpers';

const CONTRACT = `apiVersion: v3.1.0
kind: DataContract
id: fixes
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalTyp: string
      - name: amount
        logicalType: numbr
      - logicalType: string
        description: a property without a name
`;

const shared = exampleService();
/** The shared example service with these inline files (replacing earlier inline files of the same name). */
function withFiles(files: Record<string, string>): LanguageService {
  for (const [path, text] of Object.entries(files)) shared.setDocument(path, text);
  return shared;
}

function actionsFor(
  service: LanguageService,
  path: string,
  rule?: string,
): { diagnostics: Diagnostic[]; actions: CodeAction[] } {
  const diagnostics = service.diagnose(path).filter((d) => rule === undefined || d.code === rule);
  return { diagnostics, actions: codeActions(service, path, diagnostics[0]?.range ?? range(0, 0, 0, 0), diagnostics) };
}

function apply(service: LanguageService, path: string, action: CodeAction): string {
  const text = applyEdits(service.getDocument(path)!.text, action.edit!.changes![path]);
  service.setDocument(path, text);
  return text;
}

describe('code actions: did you mean', () => {
  it('replaces a misspelt key with the suggestion', () => {
    const service = withFiles({ 'f.odcs.yaml': CONTRACT });
    const { diagnostics, actions } = actionsFor(service, 'f.odcs.yaml', 'schema/unknown-key');
    const fix = actions.find((a) => a.isPreferred)!;
    assert.deepEqual(fix, {
      title: 'Change `logicalTyp` to `logicalType`',
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostics[0]],
      isPreferred: true,
      edit: { changes: { 'f.odcs.yaml': [{ range: range(9, 8, 9, 18), newText: 'logicalType' }] } },
    });
    apply(service, 'f.odcs.yaml', fix);
    assert.deepEqual(
      service.diagnose('f.odcs.yaml').filter((d) => d.code === 'schema/unknown-key'),
      [],
    );
  });

  it('replaces a wrong enum value', () => {
    const service = withFiles({ 'f.odcs.yaml': CONTRACT });
    const { actions } = actionsFor(service, 'f.odcs.yaml', 'schema/enum');
    assert.deepEqual(actions.find((a) => a.isPreferred)!.edit, {
      changes: { 'f.odcs.yaml': [{ range: range(11, 21, 11, 26), newText: 'number' }] },
    });
  });

  it('replaces an unknown contract id inside its quotes, and a misspelt column source', () => {
    const pipeline = `apiVersion: pactline/v1
kind: Pipeline
id: fix-pipeline
owner: me
schedule:
  streaming: true
steps:
  - id: s
    inputs:
      - contract: "validated-comerce-cdc"
        schema: orders
      - contract: raw-payments-cdc
    outputs:
      - contract: churn-predictions
        columns:
          customer_key: orders.custmer_id
`;
    const service = withFiles({ 'p.pipeline.yaml': pipeline });
    const contract = actionsFor(service, 'p.pipeline.yaml', 'ref/unknown-contract').actions.find((a) => a.isPreferred)!;
    assert.equal(contract.title, 'Change `validated-comerce-cdc` to `validated-commerce-cdc`');
    assert.deepEqual(contract.edit, {
      changes: { 'p.pipeline.yaml': [{ range: range(9, 19, 9, 40), newText: 'validated-commerce-cdc' }] },
    });
    const text = apply(service, 'p.pipeline.yaml', contract);
    assert.match(text, /contract: "validated-commerce-cdc"\n/);
    const column = actionsFor(service, 'p.pipeline.yaml', 'ref/unknown-column').actions.find((a) => a.isPreferred)!;
    assert.deepEqual(column.edit, {
      changes: { 'p.pipeline.yaml': [{ range: range(15, 24, 15, 41), newText: 'orders.customer_id' }] },
    });
  });
});

describe('code actions: missing required keys', () => {
  it('adds `name: ` as the last key of the property that lacks it', () => {
    const service = withFiles({ 'f.odcs.yaml': CONTRACT });
    const { diagnostics, actions } = actionsFor(service, 'f.odcs.yaml', 'schema/required');
    assert.equal(diagnostics[0].message, 'Missing required key `name` in property 3 of `properties`.');
    const fix = actions.find((a) => a.title === 'Add missing key `name`')!;
    assert.equal(fix.kind, CodeActionKind.QuickFix);
    assert.deepEqual(fix.edit, {
      changes: { 'f.odcs.yaml': [{ range: range(13, 46, 13, 46), newText: '\n        name: ' }] },
    });
    assert.equal(
      apply(service, 'f.odcs.yaml', fix).split('\n').slice(12, 15).join('\n'),
      '      - logicalType: string\n        description: a property without a name\n        name: ',
    );
  });

  it('adds a missing top-level key after the last one, before trailing comments', () => {
    const service = withFiles({
      'p.pipeline.yaml':
        'apiVersion: pactline/v1\nkind: Pipeline\nid: p\nschedule:\n  streaming: true\nsteps:\n  - id: a\n# the end\n',
    });
    const { actions } = actionsFor(service, 'p.pipeline.yaml', 'schema/required');
    const fix = actions.find((a) => a.title === 'Add missing key `owner`')!;
    assert.equal(
      apply(service, 'p.pipeline.yaml', fix),
      'apiVersion: pactline/v1\nkind: Pipeline\nid: p\nschedule:\n  streaming: true\nsteps:\n  - id: a\nowner: \n# the end\n',
    );
  });
});

describe('code actions: suppression comments', () => {
  it("offers a suppression for every finding, with the line's indentation, and it silences the finding", () => {
    const service = withFiles({ 'f.odcs.yaml': CONTRACT });
    const { diagnostics, actions } = actionsFor(service, 'f.odcs.yaml');
    const suppressions = actions.filter((a) => a.title.startsWith('Suppress '));
    assert.equal(suppressions.length, diagnostics.length);
    const enumFix = suppressions.find((a) => a.title === 'Suppress schema/enum on this line')!;
    assert.deepEqual(enumFix.edit, {
      changes: {
        'f.odcs.yaml': [
          { range: range(11, 0, 11, 0), newText: '        # pactline-disable-next-line schema/enum -- TODO: reason\n' },
        ],
      },
    });
    assert.equal(enumFix.isPreferred, undefined);
    apply(service, 'f.odcs.yaml', enumFix);
    assert.deepEqual(
      service.diagnose('f.odcs.yaml').filter((d) => d.code === 'schema/enum'),
      [],
    );
  });

  it('adds the rule to a suppression comment already above the line', () => {
    const text = CONTRACT.replace(
      '        logicalType: numbr',
      '        # pactline-disable-next-line schema/type -- legacy\n        logicalType: numbr',
    );
    const service = withFiles({ 'f.odcs.yaml': text });
    const { actions } = actionsFor(service, 'f.odcs.yaml', 'schema/enum');
    const fix = actions.find((a) => a.title.startsWith('Suppress'))!;
    assert.equal(fix.title, 'Suppress schema/enum on this line (add to the comment above)');
    assert.deepEqual(fix.edit, {
      changes: { 'f.odcs.yaml': [{ range: range(11, 48, 11, 48), newText: ', schema/enum' }] },
    });
    assert.match(
      apply(service, 'f.odcs.yaml', fix),
      /# pactline-disable-next-line schema\/type, schema\/enum -- legacy\n/,
    );
    assert.deepEqual(
      service.diagnose('f.odcs.yaml').filter((d) => d.code === 'schema/enum'),
      [],
    );
  });

  it('offers only quick fixes, and nothing for diagnostics of other tools', () => {
    const service = withFiles({ 'f.odcs.yaml': CONTRACT });
    const { actions } = actionsFor(service, 'f.odcs.yaml');
    assert.ok(actions.every((a) => a.kind === CodeActionKind.QuickFix));
    const foreign: Diagnostic = { range: range(1, 0, 1, 4), message: 'x', source: 'yamllint', code: 'indentation' };
    assert.deepEqual(codeActions(service, 'f.odcs.yaml', range(1, 0, 1, 4), [foreign]), []);
  });
});
