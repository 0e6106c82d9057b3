// The engine's incremental parser (engine/incremental.ts) with the editor's scheduling: the warm-up
// steps it plans run one per timer tick while the editor is idle, never all at once.
import { IncrementalParser as EngineIncrementalParser } from '../engine/incremental';
import type { LanguageService } from '../engine/service';

export class IncrementalParser extends EngineIncrementalParser {
  private readonly warmTimers = new Map<string, NodeJS.Timeout>();
  private readonly serviceIds = new WeakMap<LanguageService, number>();
  private services = 0;

  /** Runs the engine's warm-up steps for `path`, one per `delayMs` tick; a new call restarts them. */
  warmUp(service: LanguageService, path: string, delayMs = 250): void {
    const steps = this.warmUpSteps(service, path);
    if (!steps.length) return;
    const key = this.keyOf(service, path);
    clearTimeout(this.warmTimers.get(key));
    const next = (): void => {
      this.warmTimers.set(
        key,
        setTimeout(() => {
          this.warmTimers.delete(key);
          steps.shift()!();
          if (steps.length) next();
        }, delayMs),
      );
    };
    next();
  }

  forget(service: LanguageService, path: string): void {
    const key = this.keyOf(service, path);
    clearTimeout(this.warmTimers.get(key));
    this.warmTimers.delete(key);
  }

  private keyOf(service: LanguageService, path: string): string {
    let id = this.serviceIds.get(service);
    if (id === undefined) this.serviceIds.set(service, (id = ++this.services));
    return `${id}\0${path}`;
  }
}
