// The first file: whole-file skeletons (every standard version, every server type) left as they
// are lint clean; the empty-file completion offers them with the cursor on the id; snippets have no
// empty placeholder; and nothing pops up while free text is being written.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { completion } from '../../../server/src/engine/features';
import {
  skeleton,
  SKELETON_SERVER_TYPES,
  SKELETON_VERSIONS,
  type SkeletonKind,
} from '../../../server/src/engine/features/skeletons';
import { LanguageService } from '../../../server/src/engine/service';
import { SKELETON_CHOICES } from '../../../protocol/pactline';
import { cursor, exampleService } from './helpers';

/** The text a snippet gives when every placeholder keeps its default (a choice: its first value). */
function expand(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:\\.|[^|,\\])*)(?:,(?:\\.|[^|\\])*)*\|\}/g, (_, first: string) =>
      first.replace(/\\(.)/g, '$1'),
    )
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, value: string) => value.replace(/\\(.)/g, '$1'))
    .replace(/\$\d+/g, '');
}

/** Placeholder numbers in order of appearance, and whether any is empty or bare (`$3`, `${3:}`). */
function placeholders(snippet: string): { numbers: number[]; empty: string[] } {
  const numbers = [...snippet.matchAll(/\$\{(\d+)[:|]/g)].map((m) => Number(m[1]));
  const empty = [...snippet.matchAll(/\$\{\d+:\}|\$[1-9]\d*(?!\d)/g)].map((m) => m[0]);
  return { numbers, empty };
}

const NAMES: Record<SkeletonKind, string> = {
  odcs: 'new.odcs.yaml',
  dcs: 'new.datacontract.yaml',
  odps: 'new.odps.yaml',
  pipeline: 'new.pipeline.yaml',
};

function findings(service: LanguageService, path: string, text: string): string[] {
  service.setDocument(path, text);
  try {
    return service.diagnose(path).map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`);
  } finally {
    service.removeDocument(path);
  }
}

describe('skeletons', () => {
  it('every kind, standard version and server type, left as it is, lints clean', () => {
    const service = new LanguageService();
    service.setDocument(
      'contracts/raw.odcs.yaml',
      'apiVersion: v3.1.0\nkind: DataContract\nid: raw-orders\nversion: 1.0.0\nstatus: active\ntags: [source]\n',
    );
    let checked = 0;
    for (const kind of Object.keys(SKELETON_VERSIONS) as SkeletonKind[]) {
      for (const version of SKELETON_VERSIONS[kind]) {
        const servers = kind === 'odcs' || kind === 'dcs' ? [undefined, ...SKELETON_SERVER_TYPES] : [undefined];
        for (const serverType of servers) {
          for (const inputContract of kind === 'pipeline' ? [undefined, 'raw-orders'] : [undefined]) {
            const s = skeleton({ kind, version, serverType, inputContract });
            const text = expand(s.snippet);
            // An ODCS v3.0.x file gets one info, the invitation to migrate: valid as it is, as asked.
            const expected = kind === 'odcs' && version.startsWith('v3.0.') ? ['version/upgrade-available'] : [];
            assert.deepEqual(
              findings(service, NAMES[kind], text).map((f) => f.split(' ')[1]),
              expected,
              `${s.label}:\n${text}`,
            );
            // The version asked for, and the server type.
            assert.ok(text.includes(version), s.label);
            if (serverType) assert.match(text, new RegExp(`\\n    type: ${serverType}\\n`), s.label);
            checked++;
          }
        }
      }
    }
    assert.equal(checked, 5 * 8 + 3 * 8 + 1 + 2);
  });

  it('the choices the editor offers are the ones the engine writes', () => {
    assert.deepEqual(SKELETON_CHOICES.odcs, SKELETON_VERSIONS.odcs);
    assert.deepEqual(SKELETON_CHOICES.dcs, SKELETON_VERSIONS.dcs);
    assert.deepEqual(SKELETON_CHOICES.serverTypes, SKELETON_SERVER_TYPES);
  });

  it('has no empty placeholder; they are numbered in order; the first is the id', () => {
    for (const kind of Object.keys(SKELETON_VERSIONS) as SkeletonKind[]) {
      const s = skeleton({ kind, serverType: kind === 'odcs' || kind === 'dcs' ? 'postgres' : undefined, id: 'my-id' });
      const { numbers, empty } = placeholders(s.snippet);
      assert.deepEqual(empty, [], s.label);
      assert.deepEqual(
        numbers,
        numbers.map((_, i) => i + 1),
        s.label,
      );
      assert.match(s.snippet, /^id: \$\{1:my-id\}$/m, s.label);
      assert.ok(s.snippet.endsWith('$0\n'), s.label);
      // An empty value is a mistake of its own: no `key:` is left without one unless a block follows.
      const lines = expand(s.snippet).split('\n');
      lines.forEach((line, i) => {
        if (/:\s*$/.test(line))
          assert.ok((lines[i + 1]?.search(/\S/) ?? 0) > line.search(/\S/), `${s.label}: empty \`${line.trim()}\``);
      });
    }
  });
});

describe('completion in an empty file', () => {
  const service = exampleService();

  function completeEmpty(path: string, text = ''): CompletionItem[] {
    service.setDocument(path, text);
    try {
      return completion(service, path, { line: 0, character: 0 }).items;
    } finally {
      service.removeDocument(path);
    }
  }

  it("offers the skeletons of the file's kind first, id from the file name, replacing the whole (blank) text", () => {
    const items = completeEmpty('contracts/customer-loyalty.odcs.yaml', '\n\n');
    const labels = items.map((i) => i.label);
    assert.deepEqual(
      labels.slice(0, 5),
      SKELETON_VERSIONS.odcs.map((v) => `ODCS ${v} contract`),
    );
    for (const type of SKELETON_SERVER_TYPES) assert.ok(labels.includes(`ODCS v3.1.0 contract on ${type}`), type);
    const first = items[0];
    assert.equal(first.insertTextFormat, InsertTextFormat.Snippet);
    const edit = first.textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } });
    assert.match(edit.newText, /^id: \$\{1:customer-loyalty\}$/m);
    // Accepted as it is, in the example workspace: clean.
    assert.deepEqual(findings(service, 'contracts/customer-loyalty.odcs.yaml', expand(edit.newText)), []);
    // The keys of the standard still follow the skeletons.
    assert.ok(labels.includes('apiVersion'));
  });

  it('a pipeline skeleton reads a contract of the workspace, and is clean as it is', () => {
    const items = completeEmpty('pipelines/nightly-export.pipeline.yaml');
    assert.equal(items[0].label, 'Pactline pipeline');
    const text = expand((items[0].textEdit as TextEdit).newText);
    assert.match(text, /\n {6}- contract: \S+\n/);
    assert.deepEqual(findings(service, 'pipelines/nightly-export.pipeline.yaml', text), []);
    const product = completeEmpty('products/loyalty.odps.yaml');
    assert.equal(product[0].label, 'ODPS v1.0.0 data product');
    assert.deepEqual(
      findings(service, 'products/loyalty.odps.yaml', expand((product[0].textEdit as TextEdit).newText)),
      [],
    );
  });

  it('a file whose name does not tell its kind: one skeleton of each kind', () => {
    const labels = completeEmpty('notes/new.yaml').map((i) => i.label);
    for (const label of ['ODCS v3.1.0 contract', 'ODPS v1.0.0 data product', 'Pactline pipeline', 'DCS 1.2.1 contract'])
      assert.ok(labels.includes(label), label);
  });

  it('not once the file has content', () => {
    const items = completeEmpty('contracts/x.odcs.yaml', 'apiVersion: v3.1.0\n');
    assert.ok(!items.some((i) => / contract/.test(String(i.label))));
  });
});

describe('snippets and free text', () => {
  const service = exampleService();
  let n = 0;
  function complete(name: string, marked: string): CompletionItem[] {
    const { text, position } = cursor(marked);
    const path = `inline/${n++}/${name}`;
    service.setDocument(path, text);
    try {
      return completion(service, path, position).items;
    } finally {
      service.removeDocument(path);
    }
  }
  const CONTRACT = 'apiVersion: v3.1.0\nkind: DataContract\nid: inline\nversion: 1.0.0\nstatus: active\n';

  it('list snippets leave no placeholder empty (a `description:` left empty is itself a mistake)', () => {
    const places: [string, string][] = [
      ['a.odcs.yaml', CONTRACT + 'schema:\n  - |\n'],
      ['a.odcs.yaml', CONTRACT + 'schema:\n  - name: t\n    properties:\n      - |\n'],
      ['a.odcs.yaml', CONTRACT + 'servers:\n  - |\n'],
      ['b.odps.yaml', 'apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\ninputPorts:\n  - |\n'],
      [
        'c.pipeline.yaml',
        'apiVersion: pactline/v1\nkind: Pipeline\nid: p\nowner: me\nschedule:\n  cron: "0 * * * *"\nsteps:\n  - id: s\n    inputs:\n      - |\n',
      ],
      [
        'd.datacontract.yaml',
        'dataContractSpecification: 1.1.0\nid: d\ninfo:\n  title: d\n  version: 1.0.0\nmodels:\n  |\n',
      ],
      [
        'd.datacontract.yaml',
        'dataContractSpecification: 1.1.0\nid: d\ninfo:\n  title: d\n  version: 1.0.0\nmodels:\n  m:\n    fields:\n      |\n',
      ],
    ];
    let snippets = 0;
    for (const [name, marked] of places) {
      for (const item of complete(name, marked).filter((i) => i.kind === 15 /* Snippet */)) {
        const { empty } = placeholders((item.textEdit as TextEdit).newText);
        assert.deepEqual(empty, [], `${item.label}: ${(item.textEdit as TextEdit).newText}`);
        snippets++;
      }
    }
    assert.ok(snippets >= 7, String(snippets));
    // A property added with its defaults: clean; and a pipeline input names a contract that exists.
    const property = complete('e.odcs.yaml', CONTRACT + 'schema:\n  - name: t\n    properties:\n      - |\n').find(
      (i) => i.label === 'New property',
    )!;
    const added =
      CONTRACT +
      'schema:\n  - name: t\n    properties:\n      - ' +
      expand((property.textEdit as TextEdit).newText) +
      '\n';
    assert.deepEqual(findings(service, 'inline/e.odcs.yaml', added), []);
    const input = complete(
      'f.pipeline.yaml',
      'apiVersion: pactline/v1\nkind: Pipeline\nid: p\nowner: me\nschedule:\n  cron: "0 * * * *"\nsteps:\n  - id: s\n    inputs:\n      - |\n',
    ).find((i) => i.label === 'New input')!;
    assert.ok(
      service.index.contract(/contract: \$\{1:([^}]+)\}/.exec((input.textEdit as TextEdit).newText)![1]),
      'the default contract exists',
    );
  });

  it('no completion pops up while free text is written: the lines of a multi-line value, words after a space', () => {
    const free = [
      CONTRACT + 'description:\n  purpose: Orders placed\n    by cus|\n',
      CONTRACT + 'description:\n  purpose: Orders placed\n    by customers\n    and us|\n',
      CONTRACT + 'schema:\n  - name: t\n    description: One row\n      per ord|\n',
      CONTRACT + 'tags:\n  - a tag\n    that goes o|\n',
      CONTRACT + 'description:\n  purpose: Orders placed\n      |\n',
      CONTRACT + 'description:\n  purpose: Orders placed by cus|\n',
      CONTRACT + 'description:\n  purpose: "Orders placed\n    by cus|\n',
      CONTRACT + 'schema:\n  - name: t\n    properties:\n      - name: id\n        description: The id of th|\n',
    ];
    for (const marked of free)
      assert.deepEqual(
        complete('g.odcs.yaml', marked).map((i) => i.label),
        [],
        marked,
      );
    // Where a key is expected after such text, keys are offered again.
    const after = complete(
      'h.odcs.yaml',
      CONTRACT + 'description:\n  purpose: Orders placed\n    by customers\n  us|\n',
    ).map((i) => i.label);
    assert.ok(after.includes('usage'), after.join(', '));
    assert.ok(
      complete('i.odcs.yaml', CONTRACT + 'description:\n  purpose: Orders\n|\n')
        .map((i) => i.label)
        .includes('schema'),
    );
  });
});
