import 'reflect-metadata';
import { runCli } from './cli';

runCli(process.argv.slice(2), { env: process.env, io: { out: process.stdout, err: process.stderr, interactive: Boolean(process.stderr.isTTY) } })
  .then((code) => {
    process.exit(code);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
