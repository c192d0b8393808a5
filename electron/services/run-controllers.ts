// The runs a service has under way, by run id: one abort controller each, so a cancel stops the right one.
import { CallFailure } from '../contract/handlers';

export interface RunControllers {
  /** The controller of a new run; a run id already under way is refused. */
  begin(runId: string): AbortController;
  /** Forgets a run that ended, however it ended. */
  end(runId: string): void;
  /** Aborts the run; false when no run has that id. */
  cancel(runId: string): boolean;
  cancelAll(): void;
}

/** `what` names the kind of run in the refusal, e.g. "A send". */
export function createRunControllers(what: string): RunControllers {
  const runs = new Map<string, AbortController>();
  return {
    begin(runId) {
      if (runs.has(runId)) throw new CallFailure('invalid', `${what} with run id ${runId} is already running.`);
      const controller = new AbortController();
      runs.set(runId, controller);
      return controller;
    },
    end(runId) {
      runs.delete(runId);
    },
    cancel(runId) {
      const controller = runs.get(runId);
      controller?.abort();
      return controller !== undefined;
    },
    cancelAll() {
      for (const controller of runs.values()) controller.abort();
    },
  };
}
