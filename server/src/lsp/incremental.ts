// The engine's incremental parser (engine/incremental.ts) with the editor's scheduling: the warm-up
// steps it plans run one per timer tick while the editor is idle, never all at once. For a document
// just opened and not edited yet, the first step (the document model: about a second in one
// synchronous step on a 1.4 MB contract) waits `IDLE_BEFORE_WARM_UP_MS`, so that a file glanced at
// and closed, or left for the next one, does not hold up the files opened after it.
import { IncrementalParser as EngineIncrementalParser } from '../engine/incremental';
import type { ParsedDocument } from '../engine/document';
import type { LanguageService } from '../engine/service';

/** How long a document must stay open and unedited before its warm-up starts. */
export const IDLE_BEFORE_WARM_UP_MS = 1000;

export class IncrementalParser extends EngineIncrementalParser {
  private readonly warmTimers = new Map<string, NodeJS.Timeout>();
  /** Documents given a text since they were opened, and those edited since. */
  private readonly opened = new Set<string>();
  private readonly edited = new Set<string>();
  private readonly serviceIds = new WeakMap<LanguageService, number>();
  private services = 0;

  /**
   * Runs the engine's warm-up steps for `path`: the first after `firstDelayMs` (by default
   * `IDLE_BEFORE_WARM_UP_MS` until the document is edited), the others one per `delayMs` tick; a new
   * call restarts them, closing the document (`forget`) cancels them.
   */
  warmUp(service: LanguageService, path: string, delayMs = 250, firstDelayMs?: number): void {
    const steps = this.warmUpSteps(service, path);
    if (!steps.length) return;
    const key = this.keyOf(service, path);
    firstDelayMs ??= this.edited.has(key) ? delayMs : IDLE_BEFORE_WARM_UP_MS;
    clearTimeout(this.warmTimers.get(key));
    const next = (delay: number): void => {
      this.warmTimers.set(
        key,
        setTimeout(() => {
          this.warmTimers.delete(key);
          steps.shift()!();
          if (steps.length) next(delayMs);
        }, delay),
      );
    };
    next(firstDelayMs);
  }

  override update(service: LanguageService, path: string, text: string): ParsedDocument {
    const key = this.keyOf(service, path);
    if (this.opened.has(key)) this.edited.add(key);
    else this.opened.add(key);
    return super.update(service, path, text);
  }

  forget(service: LanguageService, path: string): void {
    const key = this.keyOf(service, path);
    this.opened.delete(key);
    this.edited.delete(key);
    clearTimeout(this.warmTimers.get(key));
    this.warmTimers.delete(key);
  }

  private keyOf(service: LanguageService, path: string): string {
    let id = this.serviceIds.get(service);
    if (id === undefined) this.serviceIds.set(service, (id = ++this.services));
    return `${id}\0${path}`;
  }
}
