// A unified diff of two texts, line by line (what `pactline migrate` prints on a dry run). Small
// and dependency-free: contracts are hundreds of lines, so the quadratic LCS table is cheap; the
// common head and tail are cut first, so a migration's few changed lines cost almost nothing.

/** `--- a/<path>` / `+++ b/<path>` and hunks with `context` lines around each change; '' when equal. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].op === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change
    // that is no more than 2 * context lines away from the previous one.
    let start = i;
    while (start > 0 && i - start < context && ops[start - 1].op === ' ') start--;
    let end = i;
    for (let j = i; j < ops.length; j++) {
      if (ops[j].op !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + 1 + context);
    const slice = ops.slice(start, stop);
    const first = ops[start];
    const aCount = slice.filter((o) => o.op !== '+').length;
    const bCount = slice.filter((o) => o.op !== '-').length;
    const aStart = aCount ? first.a + 1 : first.a;
    const bStart = bCount ? first.b + 1 : first.b;
    hunks.push(
      `@@ -${aStart},${aCount} +${bStart},${bCount} @@\n` +
        slice.map((o) => o.op + o.line + (o.noEol ? '\n\\ No newline at end of file' : '')).join('\n') +
        '\n',
    );
    i = stop;
  }
  return `--- a/${path}\n+++ b/${path}\n` + hunks.join('');
}

interface Line {
  text: string;
  noEol: boolean;
}

function splitLines(text: string): Line[] {
  const parts = text.split('\n');
  const lastHasEol = parts[parts.length - 1] === '';
  if (lastHasEol) parts.pop();
  return parts.map((p, i) => ({ text: p, noEol: !lastHasEol && i === parts.length - 1 }));
}

interface Op {
  op: ' ' | '-' | '+';
  line: string;
  noEol: boolean;
  /** 0-based line numbers in `a` and `b` where this op stands. */
  a: number;
  b: number;
}

function diffLines(a: Line[], b: Line[]): Op[] {
  const same = (x: Line, y: Line) => x.text === y.text && x.noEol === y.noEol;
  let head = 0;
  while (head < a.length && head < b.length && same(a[head], b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail], b[b.length - 1 - tail]))
    tail++;
  const ma = a.slice(head, a.length - tail);
  const mb = b.slice(head, b.length - tail);
  // LCS lengths from the end, then one forward walk.
  const n = ma.length;
  const m = mb.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i][j] = same(ma[i], mb[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ op: ' ', line: a[k].text, noEol: a[k].noEol, a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && same(ma[i], mb[j])) {
      ops.push({ op: ' ', line: ma[i].text, noEol: ma[i].noEol, a: head + i, b: head + j });
      i++;
      j++;
    } else if (i < n && (j >= m || table[i + 1][j] >= table[i][j + 1])) {
      ops.push({ op: '-', line: ma[i].text, noEol: ma[i].noEol, a: head + i, b: head + j });
      i++;
    } else {
      ops.push({ op: '+', line: mb[j].text, noEol: mb[j].noEol, a: head + i, b: head + j });
      j++;
    }
  }
  for (let k = tail; k > 0; k--) {
    const x = a[a.length - k];
    ops.push({ op: ' ', line: x.text, noEol: x.noEol, a: a.length - k, b: b.length - k });
  }
  return ops;
}
