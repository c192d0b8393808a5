// What a CLI command may touch: its streams and environment, passed in so tests can run commands in-process.

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Working directory for relative paths. */
  readonly cwd: string;
  /** True when stderr is a terminal (progress may redraw one line). */
  readonly stderrIsTty: boolean;
  /** Resolves when the user asks the command to stop (SIGINT/SIGTERM). */
  readonly interrupted: AbortSignal;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}
