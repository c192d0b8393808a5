// What every sub-command shares at its edge: reading flags (errors name the option, never echo a value,
// which may be a key glued to it) and saying in words why a file could not be read or written.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

/** `parseArgs` whose mistakes become usage errors (exit 2) that quote only the option's name. */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const option = error instanceof Error ? /'(-[^'=\s]*)/.exec(error.message)?.[1] : undefined;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option '${option ?? '?'}'.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(`option '${option ?? '?'}' needs a value.`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError('this command takes no file or word without a flag.');
    throw new UsageError('the options could not be read.');
  }
}

/** A command's flags and the words without a flag (files, sub-commands): parseCommandLine, strict, positionals allowed. */
export function readFlags<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  return parseCommandLine({ args, options, allowPositionals: true, strict: true });
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder, not a file',
  ENAMETOOLONG: 'the name is too long',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
};

/** Why a file operation failed, for a person. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return FILE_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
}
