// Rendering: DOT through one escaping function and without outward-reaching attributes, the SVG
// sanitiser on hostile input, hostile names through the whole renderer, Mermaid's escaping.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  dotString,
  hexId,
  htmlText,
  labelText,
  lineageView,
  mermaidText,
  renderSvg,
  sanitizeSvg,
  toDot,
  toMermaid,
  FAST_LAYOUT_FROM,
} from '../../server/src/engine/lineage';
import { assertSafeSvg, filesUnder, HOSTILE, SMALL, workspace } from './helpers';

/**
 * An HTML-like label as toDot writes it: only TABLE, TR, TD, FONT, B, I; only layout and colour
 * attributes, an ID that is a row's hexadecimal id, a TITLE that is a fixed word; text without markup.
 */
function assertOurHtml(label: string): void {
  const ATTRS = /^(BORDER|CELLBORDER|CELLSPACING|CELLPADDING|COLOR|BGCOLOR|ALIGN|PORT|ID|TITLE|POINT-SIZE|SIDES)$/;
  for (const tag of label.matchAll(/<(\/?)([^\s>]+)([^>]*)>/g)) {
    assert.match(tag[2], /^(TABLE|TR|TD|FONT|B|I)$/, `tag ${tag[2]}`);
    const attrs = tag[3].trim();
    if (!attrs) continue;
    assert.match(attrs, /^([A-Z-]+="[^"<>&]*"\s*)+$/, `well-formed attributes: ${attrs}`);
    for (const [, name, value] of attrs.matchAll(/([A-Z-]+)="([^"]*)"/g)) {
      assert.match(name, ATTRS, `attribute ${name}`);
      if (name === 'ID') assert.match(value, /^(row|more)-[0-9a-f]+$/);
      if (name === 'TITLE') assert.match(value, /^(column|more)$/);
      if (name === 'PORT') assert.match(value, /^p\d+$/);
      if (/COLOR$/.test(name)) assert.match(value, /^#[0-9a-f]{6}$/);
    }
  }
  const text = label.replace(/<[^>]*>/g, '');
  assert.doesNotMatch(text, /[<>"]|&(?!(amp|lt|gt|quot|#39|#92);)/, `text is escaped: ${text}`);
}

describe('DOT', () => {
  it('one escaping function: quotes, backslashes, ampersands, line breaks, control characters', () => {
    assert.equal(dotString('plain'), '"plain"');
    assert.equal(dotString('a"b'), '"a\\"b"');
    assert.equal(dotString('back\\slash\\'), '"back\\\\slash\\\\"');
    assert.equal(dotString('\\N \\G \\L'), '"\\\\N \\\\G \\\\L"');
    assert.equal(dotString('a & b &lt;'), '"a &amp; b &amp;lt;"');
    assert.equal(dotString('two\nlines'), '"two\\nlines"');
    assert.equal(dotString('tab\there\u0000\u001b\u2028'), '"tab here   "');
  });

  it('labels are one line, cut at 40 characters', () => {
    assert.equal(labelText('a\n  b'), 'a b');
    assert.equal([...labelText('x'.repeat(300))].length, 40);
    assert.ok(labelText('x'.repeat(300)).endsWith('…'));
  });

  it('emits no attribute that reaches outside, and only our own HTML-like labels, even for hostile names', () => {
    const { graph } = workspace(HOSTILE);
    for (const columns of [false, true]) {
      const dot = toDot(lineageView(graph, { columns }));
      const labels = [...dot.matchAll(/label=<(.*?)>(?=, |\])/g)].map((m) => m[1]);
      assert.ok(labels.length >= 2, 'every dataset is a table');
      for (const label of labels) assertOurHtml(label);
      const outsideStrings = dot.replace(/label=<.*?>(?=, |\])/g, 'label=""').replace(/"(?:[^"\\]|\\.)*"/g, '""');
      assert.doesNotMatch(
        outsideStrings,
        /\b(URL|href|image|imagepath|imagepos|imagescale|fontpath|fontnames|shapefile|stylesheet|tooltip|target|xlabel)\s*=/i,
      );
      assert.doesNotMatch(outsideStrings, /</, 'the only markup is in the tables');
      // Every attribute value and name is a quoted string with its quotes escaped.
      for (const line of outsideStrings.split('\n').slice(1, -2)) {
        assert.match(
          line,
          /^\s*(graph|node|edge|""(:"":[ew])?( -> ""(:"":[ew])?)?)?( \[[a-z]+=""(, [a-z]+="")*\])?;?$/,
          line,
        );
      }
    }
  });

  it('HTML-like label text is escaped by one function: markup, quotes, entities, control characters', () => {
    assert.equal(htmlText('<b onclick="x">&amp;\'</b>'), '&lt;b onclick=&quot;x&quot;&gt;&amp;amp;&#39;&lt;/b&gt;');
    assert.equal(htmlText('\\N \\G'), '&#92;&#92;N &#92;&#92;G');
    assert.equal(htmlText('a\nb\u0000c\u2028d'), 'a b c d');
    assert.equal(hexId('column:a/<b>'), '636f6c756d6e3a612f3c623e');
  });

  it('asks Graphviz for the fast layout from FAST_LAYOUT_FROM nodes', () => {
    const { graph } = workspace(SMALL);
    const view = lineageView(graph);
    assert.doesNotMatch(toDot(view), /nslimit/);
    assert.match(toDot(view, { fast: true }), /nslimit="2", nslimit1="2", mclimit="0.3", splines="polyline"/);
    assert.ok(FAST_LAYOUT_FROM > view.nodes.length);
  });
});

describe('the SVG sanitiser', () => {
  const hostile = `<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY x "<script>alert(1)</script>"> ]>
<!-- a comment with <script> -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" width="10pt" viewBox="0 0 10 10">
<script>alert(1)</script>
<SCRIPT>alert(2)</SCRIPT>
<svg:script>alert(3)</svg:script>
<style>@import url(https://evil.example/x.css);</style>
<g id="node1" class="node" onclick='alert(1)' ONMOUSEOVER=alert(1) style="background:url(https://evil.example)">
<title>a&#45;&gt;b &xxe; &x;</title>
<a xlink:href="javascript:alert(1)" href="https://evil.example" target="_blank"><text x="1" y="2" fill="url(https://evil.example/#f)">kept &amp; &lt;text&gt;</text></a>
<foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject>
<image href="https://evil.example/i.png" xlink:href="data:image/png;base64,AAAA"/>
<use xlink:href="#node1"/>
<polygon fill="url(#local)" stroke="black" points="0,0 1,1"/>
<path d="M0,0" fill="none" stroke="javascript:alert(1)"/>
<animate attributeName="href" to="javascript:alert(1)"/>
<![CDATA[<script>alert(4)</script>]]>
<text x="1">1 < 2 & 3</text>
</g>
<svg onload="alert(5)"><text>nested</text></svg>
</svg>
<script>after the root</script>`;

  it('keeps the drawing and drops everything that could run or reach outside', () => {
    const clean = sanitizeSvg(hostile);
    assertSafeSvg(clean);
    assert.match(
      clean,
      /<title>a-&gt;b &amp;xxe; &amp;x;<\/title>/,
      'only the XML entities are read; others stay text',
    );
    assert.match(
      clean,
      /<text x="1" y="2">kept &amp; &lt;text&gt;<\/text>/,
      'the link is unwrapped, its text kept, the outward fill dropped',
    );
    assert.match(
      clean,
      /<polygon fill="url\(#local\)" stroke="black" points="0,0 1,1"\/>/,
      'a local reference is fine',
    );
    assert.match(clean, /<path d="M0,0" fill="none"\/>/);
    assert.match(clean, /<text x="1">1 &lt; 2 &amp; 3<\/text>/, 'stray markup characters in text are escaped');
    assert.doesNotMatch(clean, /nested|after the root|alert/);
    assert.match(clean, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="10pt" viewBox="0 0 10 10">/);
  });

  it('is idempotent and keeps Graphviz output intact', async () => {
    const { graph } = workspace(SMALL);
    const result = await renderSvg(lineageView(graph));
    assert.ok(result.ok);
    if (!result.ok) return;
    assert.equal(sanitizeSvg(result.svg), result.svg);
    assert.equal(
      (result.svg.match(/<g id="node\d+" class="node/g) ?? []).length,
      6,
      'every node drawn (4 datasets, the job, the product)',
    );
    assert.equal((result.svg.match(/<g id="edge:\d+" class="edge/g) ?? []).length, 6, 'every dataset-level edge drawn');
  });
});

describe('hostile names through the whole renderer', () => {
  it('the SVG has no script, no event handler attribute and no link; labels are cut', async () => {
    const { graph } = workspace(HOSTILE);
    const datasets = graph.nodes().filter((n) => n.kind === 'dataset');
    const hostileColumn = graph.nodes().find((n) => n.kind === 'column' && n.label.startsWith('<img'))!;
    const views = [
      lineageView(graph),
      lineageView(graph, { columns: true }),
      // every column as a row of its table: the names go through the HTML-like labels
      lineageView(graph, { columns: true, expand: datasets.map((d) => d.id) }),
      lineageView(graph, { focus: hostileColumn.id }),
    ];
    for (const [i, view] of views.entries()) {
      const result = await renderSvg(view);
      assert.ok(result.ok);
      if (!result.ok) return;
      assertSafeSvg(result.svg);
      if (i >= 2) {
        assert.match(result.svg, />&lt;img src=x onerror=alert\(1\)&gt;</, 'a column row shows the markup as text');
        assert.match(result.svg, /<g id="a_row-[0-9a-f]+">/, 'a row is a group named by its hexadecimal id');
      }
      if (i === 2) {
        assert.match(result.svg, />javascript:alert\(document\.cooki…</);
        assert.match(result.svg, />back\\slash\\N\\G &amp; &amp;amp; &amp;#60;scr…</, 'no \\N or \\G expanded');
        assert.match(result.svg, /<g id="a_row-[0-9a-f]+">/, 'a row is a group named by its hexadecimal id');
      }
      assert.match(result.svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the markup is shown as text');
      for (const text of result.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)) {
        const shown = text[1].replace(/&(lt|gt|amp|quot|apos);/g, '_');
        assert.ok([...shown].length <= 60, `a label is cut: ${text[1]}`);
      }
    }
  });

  it('the same view as Mermaid: every label escaped, no click, no directive, no raw markup', () => {
    const { graph } = workspace(HOSTILE);
    const result = toMermaid(lineageView(graph, { columns: true }));
    assert.ok(result.ok);
    if (!result.ok) return;
    const lines = result.text.split('\n');
    assert.equal(lines[0], '```mermaid');
    assert.equal(lines[lines.length - 2], '```');
    assert.equal(lines[1], 'flowchart LR');
    for (const line of lines.slice(2, -2)) {
      assert.doesNotMatch(line, /`|%%|^\s*(click|linkStyle)\b/i, line);
      // A node or group line: the label between its quotes holds no quote and no syntax character but entity codes.
      const label = /^\s*(?:subgraph s\d+ \[|[ns]\d+n?(?:\[\[|\[\/|\(|\[))"(.*)"(?:\]\]|\/\]|\)|\])$/.exec(line);
      if (label)
        assert.doesNotMatch(
          label[1].replace(/ \(data product\)$/, '').replace(/#\d+;/g, ''),
          /["'<>`[\]{}()|#&;%\\]/,
          line,
        );
      else
        assert.match(
          line,
          /^\s*(end|[ns]\d+n? (-->|==>|-\.->|-\. [a-z ]+ \.->) [ns]\d+n?|classDef [a-z]+ [^"]+|class [ns0-9,]+ [a-z]+|style [ns]\d+n? [^"]+)$/,
          line,
        );
    }
  });

  it('mermaidText writes syntax characters as entity codes', () => {
    assert.equal(
      mermaidText('a "b" <c> `d` #e [f] |g| %h\\i;'),
      'a #34;b#34; #60;c#62; #96;d#96; #35;e #91;f#93; #124;g#124; #37;h#92;i#59;',
    );
  });
});

describe('the example workspace renders', () => {
  it('whole, and focused with columns', async () => {
    const { graph } = workspace(filesUnder('examples'));
    const whole = await renderSvg(lineageView(graph));
    assert.ok(whole.ok);
    if (whole.ok) assertSafeSvg(whole.svg);
    const focused = await renderSvg(
      lineageView(graph, { focus: 'dataset:warehouse-orders/fct_orders', upstream: 2, downstream: 2, columns: true }),
    );
    assert.ok(focused.ok);
    if (focused.ok) {
      assertSafeSvg(focused.svg);
      assert.match(focused.svg, /<title>dataset:warehouse-orders\/fct_orders<\/title>/);
    }
  });

  it('a view over the limit is summarised, not laid out', async () => {
    const { graph } = workspace(filesUnder('examples'));
    const result = await renderSvg(lineageView(graph), { limit: 20 });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.summary.nodes, 53);
  });
});
