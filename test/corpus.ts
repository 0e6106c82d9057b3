// The shared conformance corpus (the standards' official examples and JSON Schemas, datacontract-cli's
// fixtures) lives outside the repository, in ../shared/conformance beside the checkout. A clone without
// it (anyone outside the team) still passes `npm test`: each test that needs the corpus is skipped with
// one line saying what it would have checked.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CORPUS = resolve(__dirname, '..', '..', 'shared', 'conformance');

/** `false` when `CORPUS/sub` exists, else the skip reason: what the test would have checked. */
export function needsCorpus(wouldCheck: string, sub = ''): false | string {
  return existsSync(join(CORPUS, sub))
    ? false
    : `no ../shared/conformance${sub ? `/${sub}` : ''} beside this checkout: would have checked ${wouldCheck}`;
}
