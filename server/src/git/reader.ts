// Reads old versions of files from git without touching the working tree and without a shell.
//
// Every git command is `spawn('git', [...args])` with an argument array: no command line is ever
// built from user text. A REF is validated (README: no leading `-`, no whitespace or control
// characters), resolved ONCE per run to a commit id (`rev-parse --verify --end-of-options`), and
// only that hexadecimal id is passed on. Files are listed with ONE `ls-tree -r -z` and read through
// ONE long-lived `cat-file --batch` process: no process per file.
//
// I/O lives here and in the CLI; the engine (server/src/engine/breaking) only sees texts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { HARD_READ_LIMIT } from '../engine/limits';

/** Why reading from git failed; the CLI turns each into one clear message and exit code 2. */
export type GitErrorCode =
  | 'bad-ref' // refused before git saw it (leading `-`, whitespace, control characters)
  | 'not-a-repository' // the working directory is not inside a git repository
  | 'ref-not-found' // git does not know the ref (hint: the `git fetch` that brings it)
  | 'no-merge-base' // `merge-base:REF` found no common ancestor (hint: unshallow)
  | 'git-missing' // no `git` executable
  | 'too-large' // a blob over the read limit: not read into memory
  | 'failed'; // anything else git reported

export class GitError extends Error {
  constructor(
    readonly code: GitErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }

  /** The message and its hint, as printed on stderr. */
  describe(): string {
    return this.hint ? `${this.message}\n${this.hint}` : this.message;
  }
}

/** A REF as the user wrote it, and what it resolved to. */
export interface ResolvedRef {
  /** As given (`main`, `merge-base:origin/main`, `HEAD~1`). */
  ref: string;
  /** The commit id compared against. */
  commit: string;
  /** For `merge-base:REF`: the commit id of REF itself. */
  target?: string;
}

/** A file of the base tree: path relative to the working directory (forward slashes), blob id. */
export interface TreeEntry {
  path: string;
  blob: string;
}

const MERGE_BASE_PREFIX = 'merge-base:';

/**
 * Why a REF is refused before any git command sees it, or undefined when it is acceptable.
 * A REF that starts with `-` could be read as an option; whitespace, control and format characters
 * (Unicode Cc, Cf, Zl, Zp: ESC, C1 such as U+009B, U+202E, U+200B) have no place in a ref and usually
 * mean an injection attempt or a broken CI variable. A search of commit messages (`:/text`,
 * `REV^{/text}`) is refused too: the commits being checked can match it, so the change under review
 * would choose its own base, and hide its breaking changes.
 */
export function refProblem(ref: string): string | undefined {
  const inner = ref.startsWith(MERGE_BASE_PREFIX) ? ref.slice(MERGE_BASE_PREFIX.length) : ref;
  if (!inner) return 'The REF is empty.';
  if (inner.startsWith('-'))
    return `The REF \`${printable(ref)}\` starts with \`-\`; Pactline refuses it so that it cannot be read as an option.`;
  if (/[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(inner)) {
    return `The REF \`${printable(ref)}\` holds whitespace, control or invisible formatting characters; no git ref does.`;
  }
  if (inner.startsWith(':/') || inner.includes('^{/')) {
    return (
      `The REF \`${printable(ref)}\` picks a commit by searching commit messages, which the commits under review can match: ` +
      'Pactline refuses it so that a change cannot choose its own base. Name a branch, a tag or a commit id ' +
      '(`git log -1 --format=%H --grep=TEXT` prints the commit id of a message search).'
    );
  }
  return undefined;
}

/** Control and format characters shown escaped, so an error message cannot rewrite the terminal. */
function printable(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => {
      const code = c.codePointAt(0)!;
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    })
    .slice(0, 200);
}

interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** The environment of every git process: no prompts, no locks, English messages, literal paths. */
function gitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_LITERAL_PATHSPECS: '1',
    LC_ALL: 'C',
    LANGUAGE: 'C',
  };
}

function run(cwd: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn('git', args as string[], {
        cwd,
        env: gitEnv(),
        stdio: ['pipe', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (error) {
      reject(spawnError(error));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(spawnError(error)));
    child.on('close', (code) =>
      resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8').trim() }),
    );
    child.stdin.end();
  });
}

function spawnError(error: unknown): GitError {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT')
    return new GitError('git-missing', 'git is not installed (or not on PATH); the breaking-change rules need it.');
  return new GitError('failed', `Cannot run git: ${(error as Error)?.message ?? String(error)}`);
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim())
      ?.replace(/^(fatal|error): /, '') ?? 'unknown error'
  );
}

/**
 * A reader of one repository at one working directory. `open` checks that it is a repository;
 * `resolve` turns a REF into a commit id; `list` and `read` give the files of that commit.
 */
export class GitRepository {
  private shallowCache: boolean | undefined;

  private constructor(
    readonly cwd: string,
    readonly topLevel: string,
  ) {}

  /** Opens the repository containing `cwd`; a `not-a-repository` GitError when there is none. */
  static async open(cwd: string): Promise<GitRepository> {
    const result = await run(cwd, ['rev-parse', '--show-toplevel']);
    if (result.code !== 0) {
      if (/not a git repository/i.test(result.stderr)) {
        throw new GitError(
          'not-a-repository',
          `${cwd} is not inside a git repository, so there is no history to compare against.`,
        );
      }
      if (/dubious ownership/i.test(result.stderr)) {
        throw new GitError(
          'failed',
          `git refuses to read ${cwd}: it belongs to another user ("dubious ownership").`,
          'If you trust it (a CI container often checks out as another user), run `git config --global --add safe.directory <the repository folder>`.',
        );
      }
      throw new GitError('failed', `git cannot read the repository: ${firstLine(result.stderr)}`);
    }
    return new GitRepository(cwd, result.stdout.toString('utf8').trim());
  }

  /** Whether the repository is a shallow clone (history cut off). */
  async isShallow(): Promise<boolean> {
    if (this.shallowCache === undefined) {
      const result = await run(this.cwd, ['rev-parse', '--is-shallow-repository']);
      this.shallowCache = result.code === 0 && result.stdout.toString('utf8').trim() === 'true';
    }
    return this.shallowCache;
  }

  /**
   * Resolves a REF (any commit-ish, or `merge-base:REF`) to a commit id, once. `source` says where
   * the REF came from (`--against`, `breaking.against in pactline.yaml`), for the messages.
   */
  async resolve(ref: string, source?: string): Promise<ResolvedRef> {
    const problem = refProblem(ref);
    if (problem) throw new GitError('bad-ref', problem);
    const from = source ? ` (from ${source})` : '';
    if (ref.startsWith(MERGE_BASE_PREFIX)) {
      const targetRef = ref.slice(MERGE_BASE_PREFIX.length);
      const target = await this.commitOf(targetRef, from);
      const head = await this.commitOf('HEAD', '');
      const result = await run(this.cwd, ['merge-base', '--end-of-options', head, target]);
      const base = result.stdout.toString('utf8').trim();
      if (result.code !== 0 || !/^[0-9a-f]{40,64}$/.test(base)) {
        const shallow = await this.isShallow();
        throw new GitError(
          'no-merge-base',
          `HEAD and \`${targetRef}\` have no common ancestor${shallow ? ' in this shallow clone' : ''}, so \`${ref}\`${from} cannot be compared against.`,
          shallow ? unshallowHint() : `Check that \`${targetRef}\` is the branch this one was started from.`,
        );
      }
      return { ref, commit: base, target };
    }
    return { ref, commit: await this.commitOf(ref, from) };
  }

  /** The commit id of `ref`, or undefined when git does not know it. */
  private async tryCommitOf(ref: string): Promise<string | undefined> {
    const result = await run(this.cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    const sha = result.stdout.toString('utf8').trim();
    if (result.code === 0 && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
    if (result.stderr && !/needed a single revision|unknown revision|bad revision/i.test(result.stderr)) {
      throw new GitError('failed', `git cannot resolve \`${printable(ref)}\`: ${firstLine(result.stderr)}`);
    }
    return undefined;
  }

  private async commitOf(ref: string, from: string): Promise<string> {
    return (await this.tryCommitOf(ref)) ?? Promise.reject(await this.notFound(ref, from));
  }

  /**
   * The "REF not found" error. A shallow clone may lack the commit: the hint is to fetch the
   * history. A full clone has every ancestor, so `HEAD~5` past its first commit simply does not
   * exist: no fetch is suggested. A name may be on a remote: the `git fetch` that brings it.
   */
  private async notFound(ref: string, from: string): Promise<GitError> {
    const shallow = await this.isShallow();
    const named = `\`${printable(ref)}\`${from}`;
    // `HEAD~3`, `main^2`: an ancestor of a commit that is here.
    const ancestry = /^(.+?)((?:[~^]\d*)+)$/.exec(ref);
    const start = ancestry ? await this.tryCommitOf(ancestry[1]) : undefined;
    if (ancestry && start) {
      if (shallow) {
        return new GitError(
          'ref-not-found',
          `${named} is not in this shallow clone: older commits were not fetched.`,
          unshallowHint(),
        );
      }
      const count = await run(this.cwd, ['rev-list', '--count', '--end-of-options', start]);
      const commits = count.code === 0 ? Number(count.stdout.toString('utf8').trim()) : NaN;
      const history = Number.isFinite(commits)
        ? `: the history of \`${printable(ancestry[1])}\` has ${commits} commit${commits === 1 ? '' : 's'}`
        : '';
      return new GitError(
        'ref-not-found',
        `${named} does not exist${history}.`,
        'Compare against a commit that exists (`git log --oneline` lists them), a branch or a tag.',
      );
    }
    const message = `The ref ${named} was not found in this repository${shallow ? ' (a shallow clone: older commits were not fetched)' : ''}.`;
    // A commit id: no fetch of a name brings it, only more history does.
    if (/^[0-9a-f]{7,64}$/i.test(ref)) {
      if (shallow) return new GitError('ref-not-found', message, unshallowHint());
      const remotes = await this.remotes();
      return new GitError(
        'ref-not-found',
        message,
        remotes.length
          ? `No commit here has that id. If it exists on the remote, fetch it (\`git fetch ${remotes[0]}\`).`
          : 'No commit here has that id, and this repository has no remote to fetch it from: check the id.',
      );
    }
    // A hint is a command people paste into a shell: only suggest one for a plain ref name.
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(ref) || ref.includes('..')) {
      return new GitError('ref-not-found', message, 'Check the spelling: it should name a branch, a tag or a commit.');
    }
    const remotes = await this.remotes();
    if (!remotes.length) {
      return new GitError(
        'ref-not-found',
        message,
        'This repository has no remote to fetch it from: check the spelling, or compare against a local branch, tag or commit.',
      );
    }
    const remoteBranch = /^(?:refs\/remotes\/)?([A-Za-z0-9._-]+)\/(.+)$/.exec(ref);
    let fetch: string;
    if (remoteBranch && remotes.includes(remoteBranch[1])) fetch = `git fetch ${remoteBranch[1]} ${remoteBranch[2]}`;
    else if (/^v?\d+(\.\d+)*/.test(ref) || ref.startsWith('refs/tags/'))
      fetch = `git fetch ${remotes[0]} tag ${ref.replace(/^refs\/tags\//, '')}`;
    else fetch = `git fetch ${remotes[0]} ${ref.replace(/^refs\/heads\//, '')}`;
    const hint =
      `If it exists on the remote, fetch it first: \`${fetch}\`` +
      (shallow ? ` (or the whole history: \`git fetch --unshallow\`)` : '') +
      '. In CI, check out with the full history (GitHub Actions: `actions/checkout` with `fetch-depth: 0`; GitLab: `GIT_DEPTH: 0`).';
    return new GitError('ref-not-found', message, hint);
  }

  private async remotes(): Promise<string[]> {
    const result = await run(this.cwd, ['remote']);
    if (result.code !== 0) return [];
    const names = result.stdout
      .toString('utf8')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    return names.includes('origin') ? ['origin', ...names.filter((n) => n !== 'origin')] : names;
  }

  /**
   * The regular files of a commit under the given paths (relative to the working directory), in
   * ONE `git ls-tree -r -z` pass. Paths come back relative to the working directory, forward slashes.
   */
  async list(commit: string, paths: readonly string[]): Promise<TreeEntry[]> {
    if (!/^[0-9a-f]{40,64}$/.test(commit))
      throw new GitError('failed', 'Internal error: ls-tree needs a resolved commit id.');
    const result = await run(this.cwd, [
      'ls-tree',
      '-r',
      '-z',
      '--end-of-options',
      commit,
      '--',
      ...(paths.length ? paths : ['.']),
    ]);
    if (result.code !== 0)
      throw new GitError('failed', `git cannot list the files of ${commit.slice(0, 12)}: ${firstLine(result.stderr)}`);
    const entries: TreeEntry[] = [];
    for (const record of result.stdout.toString('utf8').split('\0')) {
      if (!record) continue;
      // <mode> SP <type> SP <object> TAB <file>
      const tab = record.indexOf('\t');
      if (tab < 0) continue;
      const [mode, type, blob] = record.slice(0, tab).split(' ');
      if (type !== 'blob' || mode === '120000') continue; // symbolic links and submodules are not files
      entries.push({ path: record.slice(tab + 1), blob });
    }
    return entries;
  }

  /** Tag names matching `glob` under refs/tags/, oldest version first. */
  async tags(glob: string): Promise<string[]> {
    const result = await run(this.cwd, [
      'for-each-ref',
      '--sort=version:refname',
      '--format=%(refname:short)',
      `refs/tags/${glob}`,
    ]);
    if (result.code !== 0) throw new GitError('failed', `git cannot list the tags: ${firstLine(result.stderr)}`);
    return result.stdout
      .toString('utf8')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /** A reader of blobs through one long-lived `git cat-file --batch`; close it when done. */
  blobs(): BlobReader {
    return new BlobReader(this.cwd);
  }
}

function unshallowHint(): string {
  return (
    'This is a shallow clone: fetch the history with `git fetch --unshallow` ' +
    '(in CI, check out with the full history: GitHub Actions `actions/checkout` with `fetch-depth: 0`; GitLab `GIT_DEPTH: 0`).'
  );
}

interface Pending {
  sha: string;
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
}

/**
 * One `git cat-file --batch` process: write `<sha>\n`, read `<sha> <type> <size>\n<content>\n`
 * (or `<sha> missing\n`). Requests are answered in order, so they are pipelined.
 *
 * A blob's content is collected chunk by chunk and joined once (never re-copied per chunk), and a blob
 * over `maxSize` is skipped as it streams past, never held: a commit can hold a 2 GB "contract".
 */
export class BlobReader {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly queue: Pending[] = [];
  /** Bytes of the header line being read (before its newline). */
  private header: Buffer = Buffer.alloc(0);
  /** The blob being read: its parts so far, and how many bytes (content + the final newline) remain. */
  private body: { parts: Buffer[]; remaining: number; size: number; type: string; keep: boolean } | undefined;
  private failure: Error | undefined;
  private stderr = '';

  constructor(
    private readonly cwd: string,
    private readonly maxSize = HARD_READ_LIMIT,
  ) {}

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: this.cwd,
      env: gitEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    child.stdout.on('data', (chunk: Buffer) => this.drain(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => this.fail(spawnError(error)));
    child.on('close', () =>
      this.fail(
        new GitError('failed', `git cat-file stopped unexpectedly${this.stderr ? `: ${firstLine(this.stderr)}` : ''}.`),
      ),
    );
    child.stdin.on('error', () => {
      /* reported by 'close' */
    });
    this.child = child;
    return child;
  }

  /** The content of one blob; fails with `too-large` for a blob over the reader's limit. */
  read(sha: string): Promise<Buffer> {
    if (!/^[0-9a-f]{40,64}$/.test(sha))
      return Promise.reject(new GitError('failed', `Internal error: not an object id: ${printable(sha)}`));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ sha, resolve, reject });
      this.start().stdin.write(sha + '\n');
    });
  }

  /** Ends the process (idempotent). Pending reads fail. */
  close(): void {
    const child = this.child;
    if (!child) return;
    this.fail(new GitError('failed', 'The blob reader was closed.'));
    child.stdin.end();
  }

  private drain(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && this.queue.length) {
      if (this.body) {
        const take = Math.min(this.body.remaining, chunk.length - at);
        if (this.body.keep) this.body.parts.push(chunk.subarray(at, at + take));
        this.body.remaining -= take;
        at += take;
        if (this.body.remaining === 0) this.finishBody();
        continue;
      }
      const newline = chunk.indexOf(10, at);
      if (newline < 0) {
        this.header = Buffer.concat([this.header, chunk.subarray(at)]);
        if (this.header.length > 4096) this.fail(new GitError('failed', 'git cat-file answered with no header.'));
        return;
      }
      const header = Buffer.concat([this.header, chunk.subarray(at, newline)]).toString('utf8');
      this.header = Buffer.alloc(0);
      at = newline + 1;
      const parts = header.split(' ');
      if (parts[1] === 'missing' || parts.length < 3) {
        const pending = this.queue.shift()!;
        pending.reject(new GitError('failed', `git has no object ${pending.sha} (${header}).`));
        continue;
      }
      const size = Number(parts[2]);
      const keep = parts[1] === 'blob' && size <= this.maxSize;
      this.body = { parts: [], remaining: size + 1, size, type: parts[1], keep };
    }
  }

  private finishBody(): void {
    const body = this.body!;
    this.body = undefined;
    const pending = this.queue.shift()!;
    if (body.type !== 'blob') pending.reject(new GitError('failed', `${pending.sha} is a ${body.type}, not a file.`));
    else if (!body.keep)
      pending.reject(
        new GitError(
          'too-large',
          `${pending.sha} is ${megabytes(body.size)}, over the ${megabytes(this.maxSize)} that is read from git.`,
        ),
      );
    else {
      // The parts are views into git's chunks: one copy, cut before the final newline, frees those.
      pending.resolve(Buffer.concat(body.parts, body.size));
    }
  }

  private fail(error: Error): void {
    if (!this.failure) this.failure = error;
    for (const pending of this.queue.splice(0)) pending.reject(error);
    this.child = undefined;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Files read from one commit: path relative to the working directory and raw bytes. */
export interface BaseFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * Everything the breaking-change rules need from git, in one call: open the repository, resolve the
 * REF once, list the files under `paths` with one ls-tree, keep those `accept` wants, read them with
 * one cat-file process.
 */
export async function readBaseFiles(
  cwd: string,
  ref: string,
  paths: readonly string[],
  accept: (path: string) => boolean,
  unchanged?: (entry: TreeEntry) => boolean,
  source?: string,
): Promise<{ resolved: ResolvedRef; files: BaseFile[]; unchanged: string[] }> {
  const problem = refProblem(ref);
  if (problem) throw new GitError('bad-ref', problem);
  const repo = await GitRepository.open(cwd);
  const resolved = await repo.resolve(ref, source);
  const entries: TreeEntry[] = [];
  const same: string[] = [];
  for (const entry of await repo.list(resolved.commit, paths)) {
    if (!accept(entry.path)) continue;
    if (unchanged?.(entry)) same.push(entry.path);
    else entries.push(entry);
  }
  if (!entries.length) return { resolved, files: [], unchanged: same };
  const reader = repo.blobs();
  try {
    const contents = await Promise.all(entries.map((e) => readNamed(reader, e)));
    return { resolved, files: entries.map((e, i) => ({ path: e.path, bytes: contents[i] })), unchanged: same };
  } finally {
    reader.close();
  }
}

/** A blob's bytes; a refusal names the file's path rather than the object id. */
async function readNamed(reader: BlobReader, entry: TreeEntry): Promise<Buffer> {
  try {
    return await reader.read(entry.blob);
  } catch (error) {
    if (error instanceof GitError && error.code === 'too-large')
      throw new GitError('too-large', `${printable(entry.path)} in the base ${error.message.replace(/^\S+ /, '')}`);
    throw error;
  }
}

/**
 * The same for several REFs (`--against A --against B`, `--transitive`): one repository, each REF
 * resolved once and listed with one ls-tree, and every blob of every REF read through ONE
 * `cat-file --batch` process (a blob several REFs share is read once).
 */
export async function readBaseFilesMany(
  cwd: string,
  refs: readonly string[],
  paths: readonly string[],
  accept: (path: string) => boolean,
  unchanged?: (entry: TreeEntry) => boolean,
  sourceOf?: (ref: string) => string | undefined,
): Promise<{ resolved: ResolvedRef; files: BaseFile[]; unchanged: string[] }[]> {
  for (const ref of refs) {
    const problem = refProblem(ref);
    if (problem) throw new GitError('bad-ref', problem);
  }
  const repo = await GitRepository.open(cwd);
  const sides: { resolved: ResolvedRef; entries: TreeEntry[]; unchanged: string[] }[] = [];
  const verdict = new Map<string, boolean>();
  for (const ref of refs) {
    const resolved = await repo.resolve(ref, sourceOf?.(ref));
    const entries: TreeEntry[] = [];
    const same: string[] = [];
    for (const entry of await repo.list(resolved.commit, paths)) {
      if (!accept(entry.path)) continue;
      const key = `${entry.path}\0${entry.blob}`;
      let isSame = verdict.get(key);
      if (isSame === undefined) verdict.set(key, (isSame = unchanged?.(entry) ?? false));
      if (isSame) same.push(entry.path);
      else entries.push(entry);
    }
    sides.push({ resolved, entries, unchanged: same });
  }
  const reader = repo.blobs();
  try {
    const blobs = new Map<string, Promise<Buffer>>();
    for (const side of sides)
      for (const e of side.entries) if (!blobs.has(e.blob)) blobs.set(e.blob, readNamed(reader, e));
    const out = [];
    for (const side of sides) {
      const contents = await Promise.all(side.entries.map((e) => blobs.get(e.blob)!));
      out.push({
        resolved: side.resolved,
        files: side.entries.map((e, i) => ({ path: e.path, bytes: contents[i] })),
        unchanged: side.unchanged,
      });
    }
    return out;
  } finally {
    reader.close();
  }
}

/**
 * The tags matching a glob (`orders-v*`), oldest version first (git's `version:refname` order:
 * `v1.10.0` after `v1.9.0`). The glob is refused like a REF when it could be read as an option.
 */
export async function matchingTags(cwd: string, glob: string): Promise<string[]> {
  const problem = refProblem(glob);
  if (problem) throw new GitError('bad-ref', problem.replace('REF', 'tag pattern'));
  const repo = await GitRepository.open(cwd);
  return repo.tags(glob);
}

/**
 * The object id git gives these bytes as a blob (`git hash-object`): SHA-1, or SHA-256 for a
 * repository in that format (the length of the ids says which). A working-tree file whose id is the
 * base tree's id for the same path is unchanged, and its base version need not be read.
 */
export function blobId(bytes: Uint8Array, like: string): string {
  const hash = createHash(like.length === 64 ? 'sha256' : 'sha1');
  hash.update(`blob ${bytes.length}\0`);
  hash.update(bytes);
  return hash.digest('hex');
}
