// Offsets ↔ LSP positions for one text. Built once per document, on first use.
import type { Position, Range } from 'vscode-languageserver-types';

export class LineIndex {
  private starts: number[] | undefined;

  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts();
    offset = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    return Math.min(starts[position.line] + position.character, this.lineEnd(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset of the first character of a line. */
  lineStart(line: number): number {
    const starts = this.lineStarts();
    return starts[Math.max(0, Math.min(line, starts.length - 1))];
  }

  /** Offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    const starts = this.lineStarts();
    if (line + 1 >= starts.length) return this.text.length;
    let end = starts[line + 1];
    while (end > starts[line] && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return end;
  }

  /** The range of a line's content without its leading indentation. */
  lineContentRange(line: number): Range {
    const start = this.lineStart(line);
    const end = this.lineEnd(line);
    let first = start;
    while (first < end && (this.text[first] === ' ' || this.text[first] === '\t')) first++;
    return this.rangeOf(first, end);
  }
}
