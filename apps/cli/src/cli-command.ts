import { INestApplicationContext } from '@nestjs/common';
import { Env } from '@tally/platform';

export type CliOptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; description: string }>;

/** Where a command writes: results to `out` (pipeable), progress and problems to `err`. */
export interface CliIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  /** Whether `err` is a terminal (progress bars only then). */
  interactive: boolean;
}

export interface CliInvocation {
  app: INestApplicationContext;
  /** Positional arguments after the command name. */
  args: string[];
  options: Record<string, string | boolean | undefined>;
  io: CliIo;
}

/**
 * One CLI command. To add one: write `<context>/<name>.command.ts` exporting a CliCommand and
 * list it in commands.ts. Commands get the booted Nest application context and use the
 * contexts' exported services — never their internals.
 */
export interface CliCommand {
  /** `group:verb`, e.g. `projections:rebuild`. */
  name: string;
  /** Arguments as shown in help, e.g. `<name>` or `[name]`. */
  arguments?: string;
  description: string;
  options?: CliOptionSpec;
  /** How many positional arguments it needs at least. */
  minArgs?: number;
  /** Resolves to the exit code (0 when omitted). */
  run(invocation: CliInvocation): Promise<number | void>;
}

/** What a standalone command gets: the configuration, not an application. */
export interface StandaloneCliInvocation extends Omit<CliInvocation, 'app'> {
  env: Env;
}

/**
 * A command that must run without booting the application, e.g. on an embedded database that
 * cannot be opened. Marked `standalone: true`; otherwise shaped like CliCommand.
 */
export interface StandaloneCliCommand extends Omit<CliCommand, 'run'> {
  standalone: true;
  run(invocation: StandaloneCliInvocation): Promise<number | void>;
}

export type AnyCliCommand = CliCommand | StandaloneCliCommand;

export function isStandalone(command: AnyCliCommand): command is StandaloneCliCommand {
  return 'standalone' in command && command.standalone;
}

/** A refusal with a clear message for the operator (exit code 2), as opposed to a crash. */
export class CliUsageError extends Error {}

export function writeLine(stream: NodeJS.WritableStream, line = ''): void {
  stream.write(`${line}\n`);
}

/** Plain fixed-width table for terminals; `--json` is the machine-readable form. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
