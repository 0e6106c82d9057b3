// Loading the files of a lint fast: parsing and schema validation (most of a cold lint's CPU time)
// run in worker threads when there are several cores, and a file whose bytes are those the cache
// saw is not parsed or validated again. Either way the engine ends up holding the very documents
// a plain parse gives, installed in the same order, so the report is byte for byte the same.
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import {
  MessageChannel,
  receiveMessageOnPort,
  Worker,
  workerData,
  type MessagePort,
  type TransferListItem,
} from 'node:worker_threads';
import { documentFromValue, type ParsedDocument } from '../engine/document';
import type { RawFinding } from '../engine/locate';
import type { LanguageService } from '../engine/service';
import { decodeText } from '../engine/text';
import type { FileKind } from '../engine/types';
import { loadFiles, type FoundFile } from '../host/files';
import { readFileSafe } from '../host/safeFs';

/** What a file gives the engine once parsed and validated: kept by the cache, sent by a worker. */
export interface FileUnit {
  /** SHA-256 of the file's bytes (hex). */
  hash: string;
  kind: FileKind | null;
  value: unknown;
  multiDocument: boolean;
  /** The schema findings; null when the file was not validated (only context for cross-file rules). */
  schema: RawFinding[] | null;
}

export interface LoadOptions {
  /** Worker threads to parse with (1: none). */
  jobs: number;
  /** Units from the cache by file (relative path), trusted only for the same hash. */
  cached?: ReadonlyMap<string, FileUnit>;
  /** The files whose findings are reported (validated); the others only give context. */
  reported: ReadonlySet<string>;
}

/** Fewer files than this per worker: starting a worker (loading the bundle) costs more than it saves. */
const FILES_PER_WORKER = 200;

/** `--jobs auto`: one worker per core, when the run is large enough to pay for it. */
export function autoJobs(files: number): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, Math.floor(files / FILES_PER_WORKER)));
}

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface Pending {
  index: number;
  file: FoundFile;
  bytes: Buffer;
  hash: string;
}

/**
 * Like `loadFiles`, with the cache and the workers. Returns the unit of every file it could keep
 * (read, parsed without problems, its value exactly representable in JSON), for the next cache.
 */
export function loadFilesFast(
  service: LanguageService,
  files: readonly FoundFile[],
  notes: string[],
  skip: (file: FoundFile) => boolean,
  options: LoadOptions,
): Map<string, FileUnit> {
  const units = new Map<string, FileUnit>();
  // Each file's outcome, installed in the end in the order a plain run uses (the index and the
  // lineage graph then hold the same maps in the same order).
  const outcome: (FileUnit | Pending | 'plain' | undefined)[] = new Array(files.length);
  const texts: string[] = new Array(files.length);
  const pending: Pending[] = [];
  files.forEach((file, index) => {
    if (skip(file)) return;
    if (file.refusal) return void (outcome[index] = 'plain');
    const read = readFileSafe(file.absolute, file.workspace, service.config.maxFileSize);
    if (read.status !== 'ok') return void (outcome[index] = 'plain');
    const hash = hashBytes(read.bytes);
    const known = options.cached?.get(file.relative);
    if (known && known.hash === hash && (known.schema || !options.reported.has(file.relative))) {
      const decoded = decodeText(read.bytes);
      if (decoded.ok) {
        texts[index] = decoded.text;
        outcome[index] = known;
        return;
      }
    }
    const item = { index, file, bytes: read.bytes, hash };
    pending.push(item);
    outcome[index] = item;
  });

  const parsed = options.jobs > 1 && pending.length ? parseInWorkers(pending, service, options) : undefined;
  for (const item of pending) {
    const result = parsed?.get(item.index);
    if (!result) continue;
    texts[item.index] = result.text;
    outcome[item.index] = result.unit;
  }

  files.forEach((file, index) => {
    const result = outcome[index];
    if (result === undefined) return;
    if (result === 'plain') return loadFiles(service, [file], notes);
    if ('bytes' in result) {
      // Parsed here: as a plain run does, keeping the unit for the cache.
      const doc = service.setDocumentBytes(file.relative, result.bytes);
      const unit = unitOf(service, doc, result.hash, options.reported.has(file.relative));
      if (unit) units.set(file.relative, unit);
      return;
    }
    const doc = documentFromValue(
      file.relative,
      texts[index],
      result.kind ?? undefined,
      result.value,
      result.multiDocument,
    );
    service.setParsedDocument(doc);
    if (result.schema) service.setSchemaFindings(file.relative, result.schema);
    units.set(file.relative, result);
  });
  return units;
}

function unitOf(service: LanguageService, doc: ParsedDocument, hash: string, validate: boolean): FileUnit | undefined {
  if (doc.problems.length || doc.refused || !isJsonExact(doc.value)) return undefined;
  // Validated when reported ([] for a file no schema applies to: diagnosing it validates nothing).
  const schema = validate ? [...(service.schemaFindingsOf(doc.path) ?? [])] : null;
  return { hash, kind: doc.kind ?? null, value: doc.value, multiDocument: doc.multiDocument, schema };
}

/**
 * Whether JSON keeps the value exactly (what the cache stores): no NaN, infinities or -0, only
 * plain objects and arrays. A value that is not is parsed again next time.
 */
export function isJsonExact(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJsonExact);
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    for (const key of Object.keys(value as object))
      if (!isJsonExact((value as Record<string, unknown>)[key])) return false;
    return true;
  }
  return false;
}

// ---- worker threads -------------------------------------------------------------------------------

interface Task {
  index: number;
  path: string;
  bytes: Uint8Array;
  hash: string;
  validate: boolean;
}

interface TaskResult {
  index: number;
  text?: string;
  unit?: FileUnit;
}

type ToWorker = { tasks: Task[]; maxFileSize: number } | { stop: true };
type FromWorker = { results: TaskResult[] } | { failed: string; indexes: number[] };

const BATCH = 32;

/** The script the workers run: the bundle holding this code (dist/cli-main.js, which dist/cli.js loads). */
function workerScript(): string | undefined {
  // Run from the TypeScript sources (tests through tsx), there is no bundle to start: parse here.
  return __filename.endsWith('.js') ? __filename : undefined;
}

/**
 * Parses the pending files in `jobs` workers, synchronously: this thread blocks on the workers'
 * answers (receiveMessageOnPort and Atomics.wait), so `lint` stays a plain function. Batches are
 * handed out as workers finish, so a slow file does not hold the others back. A worker's failure
 * leaves its files to this thread.
 */
function parseInWorkers(
  pending: readonly Pending[],
  service: LanguageService,
  options: LoadOptions,
): Map<number, { text: string; unit: FileUnit }> | undefined {
  const script = workerScript();
  if (!script) return undefined;
  const results = new Map<number, { text: string; unit: FileUnit }>();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const jobs = Math.min(options.jobs, Math.ceil(pending.length / BATCH));
  const workers: { worker: Worker; port: MessagePort; busy: number }[] = [];
  for (let i = 0; i < jobs; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(script, {
      workerData: { pactlineLintWorker: true, port: port2, signal },
      transferList: [port2],
      stdout: false,
      stderr: false,
    });
    worker.unref();
    workers.push({ worker, port: port1, busy: 0 });
  }
  let next = 0;
  const send = (w: (typeof workers)[number]) => {
    if (next >= pending.length) return;
    const batch = pending.slice(next, next + BATCH);
    next += batch.length;
    const tasks: Task[] = batch.map((p) => ({
      index: p.index,
      path: p.file.relative,
      bytes: p.bytes,
      hash: p.hash,
      validate: options.reported.has(p.file.relative),
    }));
    w.port.postMessage({ tasks, maxFileSize: service.config.maxFileSize } satisfies ToWorker);
    w.busy++;
  };
  // Two batches in flight per worker: it never waits for this thread to hand it the next one.
  for (const w of workers) {
    send(w);
    send(w);
  }
  let outstanding = workers.reduce((n, w) => n + w.busy, 0);
  while (outstanding > 0) {
    let got = false;
    for (const w of workers) {
      for (let msg = receiveMessageOnPort(w.port); msg; msg = receiveMessageOnPort(w.port)) {
        got = true;
        outstanding--;
        w.busy--;
        const answer = msg.message as FromWorker;
        if ('results' in answer) {
          for (const r of answer.results)
            if (r.text !== undefined && r.unit) results.set(r.index, { text: r.text, unit: r.unit });
        }
        // A failed batch: its files are left out of `results` and parsed on this thread.
        send(w);
      }
    }
    outstanding = workers.reduce((n, w) => n + w.busy, 0);
    if (!got && outstanding > 0) {
      const seen = Atomics.load(signal, 0);
      // Woken by a worker's answer; the timeout only guards against a lost wake-up.
      Atomics.wait(signal, 0, seen, 50);
    }
  }
  for (const w of workers) {
    w.port.postMessage({ stop: true } satisfies ToWorker);
    w.port.close();
    void w.worker.terminate();
  }
  return results;
}

/** The worker's side: parse and validate what it is sent, answer with the units. */
export function runLintWorker(createService: (maxFileSize: number) => LanguageService): void {
  const { port, signal } = workerData as { port: MessagePort; signal: Int32Array };
  let service: LanguageService | undefined;
  let limit = -1;
  port.on('message', (message: ToWorker) => {
    if ('stop' in message) {
      port.close();
      return;
    }
    let answer: FromWorker;
    try {
      if (!service || limit !== message.maxFileSize) {
        service = createService(message.maxFileSize);
        limit = message.maxFileSize;
      }
      const results: TaskResult[] = [];
      for (const task of message.tasks) {
        const doc = service.setDocumentBytes(task.path, task.bytes);
        const unit = unitOf(service, doc, task.hash, task.validate);
        // A file with problems (or a value JSON cannot carry) is parsed again by the main thread.
        results.push(unit ? { index: task.index, text: doc.text, unit } : { index: task.index });
        service.removeDocument(task.path);
      }
      answer = { results };
    } catch (error) {
      answer = { failed: String((error as Error)?.message ?? error), indexes: message.tasks.map((t) => t.index) };
    }
    const transfer: TransferListItem[] = [];
    port.postMessage(answer, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}
