// The column view: a dataset is a table with a row (and a port) per column shown, column edges join
// rows, the other columns are one "+ N more" row; a column focus traces its path and dims the rest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnTraces, lineageView, toDot } from '../../server/src/engine/lineage';
import { cli, cliBuilt, filesUnder, workspace } from './helpers';

const { graph } = workspace(filesUnder('examples'));
const fromHex = (hex: string) => Buffer.from(hex, 'hex').toString('utf8');

describe('tables with column rows', () => {
  const view = lineageView(graph, { focus: 'contract:validated-commerce-cdc', columns: true });
  const dot = toDot(view);

  it('one node per dataset, a row with a port per column shown, column edges from port to port', () => {
    const tables = [...dot.matchAll(/^ {2}"(dataset:[^"]+)" \[shape="plain", label=<(.*?)>, class="dataset"\];$/gm)];
    assert.equal(tables.length, view.nodes.filter((n) => n.kind === 'dataset').length);
    assert.doesNotMatch(dot, /^ {2}"column:/m, 'no column is a node of its own');
    const rows = new Map<string, string>();
    for (const [, dataset, label] of tables)
      for (const [, port, hex] of label.matchAll(/<TD PORT="(p\d+)" ID="row-([0-9a-f]+)"/g)) {
        const column = fromHex(hex);
        assert.equal(graph.node(column)?.parent, dataset, `${column} is a row of its own table`);
        rows.set(column, `"${dataset}":"${port}"`);
      }
    const shown = view.nodes.filter((n) => n.kind === 'column');
    assert.equal(rows.size, shown.length);
    const columnEdges = view.edges.filter((e) => e.kind === 'column');
    assert.ok(columnEdges.length > 50);
    for (const e of columnEdges) {
      const line = `  ${rows.get(e.from)}:e -> ${rows.get(e.to)}:w [id="edge:${view.edges.indexOf(e)}", class="column"`;
      assert.ok(dot.includes(line), line);
    }
  });

  it('only the columns on a column edge in view; the others are one "+ N more" row that expand shows', () => {
    const dim = 'dataset:warehouse-orders/dim_customers';
    const all = graph.children(dim).filter((c) => graph.node(c)?.kind === 'column');
    const shown = view.nodes.filter((n) => n.parent === dim);
    assert.ok(shown.every((c) => view.edges.some((e) => e.kind === 'column' && (e.from === c.id || e.to === c.id))));
    const hidden = all.length - shown.length;
    assert.ok(hidden > 0);
    assert.equal(view.hiddenColumns?.[dim], hidden);
    const table = new RegExp(`"${dim}" \\[shape="plain", label=<(.*?)>, class`).exec(dot)![1];
    assert.match(table, new RegExp(`<TD ID="more-[0-9a-f]+" TITLE="more"[^>]*><I><FONT [^>]*>\\+ ${hidden} more<`));
    const expanded = lineageView(graph, { focus: 'contract:validated-commerce-cdc', columns: true, expand: [dim] });
    assert.equal(expanded.nodes.filter((n) => n.parent === dim).length, all.length);
    assert.equal(expanded.hiddenColumns?.[dim], undefined);
    assert.doesNotMatch(toDot(expanded), new RegExp(`ID="more-${Buffer.from(dim).toString('hex')}"`));
  });

  it('the table level draws each dataset as a table naming its contract and version, without rows', () => {
    const tableLevel = toDot(lineageView(graph, { focus: 'contract:validated-commerce-cdc' }));
    assert.match(
      tableLevel,
      /"dataset:validated-commerce-cdc\/orders" \[shape="plain", label=<<TABLE [^>]*><TR><TD [^>]*><B>orders<\/B><FONT [^>]*> {2}v3\.0\.0<\/FONT><\/TD><\/TR><TR><TD [^>]*><FONT [^>]*>Commerce change str…<\/FONT><\/TD><\/TR><\/TABLE>>/,
    );
    assert.doesNotMatch(tableLevel, /subgraph|PORT=/, 'no cluster, no row');
  });
});

describe('tracing a column', () => {
  const EXPECTED = [
    'column:raw-customers-cdc/customers/email',
    'column:validated-commerce-cdc/customers/email',
    'column:warehouse-orders/dim_customers/email_sha256',
  ];

  it('the panel gets the path of every column drawn: the same as a focus on it', () => {
    const view = lineageView(graph, { focus: 'contract:validated-commerce-cdc', columns: true });
    const traces = columnTraces(view);
    assert.equal(traces.length, view.nodes.filter((n) => n.kind === 'column').length);
    const email = traces.find((t) => t.column === 'column:validated-commerce-cdc/customers/email')!;
    assert.deepEqual(
      email.nodes.filter((id) => id.startsWith('column:')),
      EXPECTED,
    );
    assert.deepEqual(
      email.edges.map((i) => `${view.edges[i].from} -> ${view.edges[i].to}`),
      [`${EXPECTED[0]} -> ${EXPECTED[1]}`, `${EXPECTED[1]} -> ${EXPECTED[2]}`],
    );
  });

  it(
    'pactline lineage --focus column:…: exactly its path highlighted, the rest dimmed',
    { skip: !cliBuilt() && 'needs npm run build' },
    () => {
      const run = cli(['lineage', 'examples', '--focus', 'column:validated-commerce-cdc/customers/email']);
      assert.equal(run.code, 0, run.stderr);
      const svg = run.stdout;
      const highlighted = [...svg.matchAll(/<g id="a_row-([0-9a-f]+)">\n<polygon fill="(#fde3c8|#f8c9a0)"/g)].map((m) =>
        fromHex(m[1]),
      );
      assert.deepEqual(highlighted.sort(), EXPECTED);
      const traced = [...svg.matchAll(/<g id="edge:[\d.]+" class="edge column trace">\n<title>([^<]*)<\/title>/g)].map(
        (m) => m[1].replace(/&gt;/g, '>').replace(/(:p\d+)?:[ew](?=-|$)/g, ''),
      );
      assert.deepEqual(traced.sort(), [
        'dataset:raw-customers-cdc/customers->dataset:validated-commerce-cdc/customers',
        'dataset:validated-commerce-cdc/customers->dataset:warehouse-orders/dim_customers',
      ]);
      assert.equal((svg.match(/class="edge column dimmed"/g) ?? []).length, 18, 'the other column edges are dimmed');
      assert.match(svg, /<g id="node\d+" class="node product dimmed">\n<title>product:commerce-events</);
      assert.match(
        svg,
        /<g id="node\d+" class="node job">\n<title>job:commerce-stream-validation\/validate-customers</,
      );
    },
  );
});
