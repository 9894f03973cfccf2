import { ConsoleLogger, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { DeadLetterNotFoundError, StreamDeletedError, StreamNotFoundError, UnknownProjectionError } from '@tally/eventstore';
import { ConfigError, EmbeddedDatabaseError, Env, loadPlatformConfig, refuseIfEmbeddedDatabaseInUse } from '@tally/platform';
import { CliAppModule } from './cli-app.module';
import { AnyCliCommand, CliIo, CliUsageError, formatTable, isStandalone, writeLine } from './cli-command';
import { cliCommands } from './commands';

export interface RunCliOptions {
  env: Env;
  io: CliIo;
  /** Tests hand in an application they built; by default the CLI boots CliAppModule. */
  createApp?: () => Promise<INestApplicationContext>;
  commands?: readonly AnyCliCommand[];
}

const GLOBAL_OPTIONS = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** Runs one CLI invocation and resolves to its exit code: 0 ok, 1 failure, 2 bad usage. */
export async function runCli(argv: readonly string[], options: RunCliOptions): Promise<number> {
  const commands = options.commands ?? cliCommands;
  const { io } = options;
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    writeLine(io.out, help(commands));
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    writeLine(io.err, `Unknown command "${name}".\n`);
    writeLine(io.err, help(commands));
    return 2;
  }

  let parsed: ReturnType<typeof parseArgs>;
  try {
    const commandOptions = Object.fromEntries(Object.entries(command.options ?? {}).map(([key, spec]) => [key, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }]));
    parsed = parseArgs({ args: [...rest], options: { ...GLOBAL_OPTIONS, ...commandOptions }, allowPositionals: true, strict: true });
  } catch (error) {
    writeLine(io.err, `${error instanceof Error ? error.message : String(error)}\n\n${usage(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    writeLine(io.out, usage(command));
    return 0;
  }
  if (parsed.positionals.length < (command.minArgs ?? 0)) {
    writeLine(io.err, usage(command));
    return 2;
  }

  let app: INestApplicationContext | undefined;
  try {
    const args = parsed.positionals;
    const values = parsed.values as Record<string, string | boolean | undefined>;
    if (isStandalone(command)) return (await command.run({ env: options.env, args, options: values, io })) ?? 0;
    app = await (options.createApp ?? (() => bootCliApp(options.env)))();
    const code = await command.run({ app, args, options: values, io });
    return code ?? 0;
  } catch (error) {
    if (isRefusal(error)) {
      writeLine(io.err, error.message);
      return 2;
    }
    writeLine(io.err, `${command.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    if (app && !options.createApp) await app.close();
  }
}

/** Errors that carry the whole story in their one-line message: printed alone, exit code 2. */
function isRefusal(error: unknown): error is Error {
  return (
    error instanceof CliUsageError ||
    error instanceof UnknownProjectionError ||
    error instanceof DeadLetterNotFoundError ||
    error instanceof ConfigError ||
    error instanceof EmbeddedDatabaseError ||
    error instanceof StreamNotFoundError ||
    error instanceof StreamDeletedError
  );
}

async function bootCliApp(env: Env): Promise<INestApplicationContext> {
  // Answers "in use" before the seconds Nest takes to boot; the lock taken at boot still decides.
  refuseIfEmbeddedDatabaseInUse(loadPlatformConfig(env));
  // Nest would log a start-up failure with its stack (and, by default, exit): runCli reports it
  // instead, in one line when it is a refusal such as an embedded database in use.
  const app = await NestFactory.createApplicationContext(CliAppModule.forRoot(env), { logger: false, abortOnError: false });
  app.useLogger(new ConsoleLogger({ logLevels: ['error', 'warn'] }));
  await app.init();
  return app;
}

function usage(command: AnyCliCommand): string {
  const lines = [`Usage: npm run cli -- ${command.name}${command.arguments ? ` ${command.arguments}` : ''} [--json]`, '', command.description];
  const options = Object.entries(command.options ?? {});
  if (options.length) {
    lines.push('', 'Options:');
    for (const [key, spec] of options) lines.push(`  --${key}${spec.type === 'string' ? ' <value>' : ''}  ${spec.description}`);
  }
  return lines.join('\n');
}

function help(commands: readonly AnyCliCommand[]): string {
  const rows = commands.map((command) => [`${command.name}${command.arguments ? ` ${command.arguments}` : ''}`, command.description.split('\n')[0]]);
  return [
    'Tally operator and auditor commands. Same configuration as the server: DATABASE_URL, or the',
    'embedded database under DATA_DIR, which one process owns at a time: stop the server first.',
    '',
    'Usage: npm run cli -- <command> [arguments] [--json]',
    '',
    formatTable(['command', 'description'], rows),
  ].join('\n');
}
