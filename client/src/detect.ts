// Gives plain `.yaml` files that are Pactline documents the `pactline-yaml` language.
// `firstLine` in the manifest sees only line 1 and a contract's `kind:` is rarely there, so the client
// reads the head of each YAML document it sees and asks the engine's own detection (the same function
// the CLI uses, so the editor and CI agree on what a file is). File names (`*.odcs.yaml`, ...) are
// handled by the manifest's `filenamePatterns` and never reach this.
import * as vscode from 'vscode';
import { kindFromText } from '../../server/src/engine/kinds';
import type { FileKind } from '../../server/src/engine/types';

export const LANGUAGE_ID = 'pactline-yaml';
const HEAD_LINES = 50;

/** The kind the first lines of a YAML document declare at the top level, if any. */
export function kindFromHead(document: vscode.TextDocument): FileKind | undefined {
  const last = Math.min(document.lineCount, HEAD_LINES) - 1;
  if (last < 0) return undefined;
  const head = document.getText(new vscode.Range(0, 0, last, document.lineAt(last).text.length));
  return kindFromText(head);
}

/**
 * Watches YAML documents and switches the recognised ones to `pactline-yaml`. A document the user
 * switches back to YAML stays YAML (until it is closed).
 */
export class LanguageDetector implements vscode.Disposable {
  private readonly assigned = new Set<string>();
  private readonly optedOut = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly enabled: () => boolean) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => void this.check(doc)),
      vscode.workspace.onDidSaveTextDocument((doc) => void this.check(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // a language change closes and reopens the document: only forget after a real close
        setTimeout(() => {
          if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === doc.uri.toString())) {
            this.assigned.delete(doc.uri.toString());
            this.optedOut.delete(doc.uri.toString());
          }
        }, 1000);
      }),
    );
    for (const doc of vscode.workspace.textDocuments) void this.check(doc);
  }

  async check(document: vscode.TextDocument): Promise<void> {
    if (document.languageId !== 'yaml' || !this.enabled()) return;
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled') return;
    const key = document.uri.toString();
    if (this.assigned.has(key)) {
      // we set pactline-yaml before and it is YAML again: the user chose YAML
      this.optedOut.add(key);
      return;
    }
    if (this.optedOut.has(key) || !kindFromHead(document)) return;
    this.assigned.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    } catch {
      this.assigned.delete(key); // closed meanwhile
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
