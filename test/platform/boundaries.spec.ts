import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

// The boundary check CI runs (`npm run lint:boundaries`): dependency-cruiser with the repository's
// own rules, over a small tree with one deliberate violation of each rule, and over the real tree.
const ROOT = resolve(__dirname, '../..');
const CONFIG = join(ROOT, '.dependency-cruiser.js');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

interface CheckResult {
  status: number | null;
  output: string;
}

function depcruise(cwd: string, paths: string[]): CheckResult {
  const run = spawnSync(DEPCRUISE, [...paths, '--config', CONFIG, '--output-type', 'err'], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A repository in miniature: two contexts, two apps, tsconfig paths like the real one. */
function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
}

const TSCONFIG = JSON.stringify({ compilerOptions: { baseUrl: '.', module: 'commonjs', paths: { '@tally/*': ['libs/*/src'] } } });

const CLEAN_TREE: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'libs/alpha/src/index.ts': "export { rule } from './domain/rule';\n",
  'libs/alpha/src/domain/rule.ts': "import { beta } from '@tally/beta';\nexport const rule = (n: number): number => n + beta;\n",
  'libs/alpha/src/commands/act/act.decide.ts': "import { rule } from '../../domain/rule';\nexport const decide = (n: number): number => rule(n);\n",
  'libs/alpha/src/commands/act/act.handler.ts': "import { Injectable } from '@nestjs/common';\nimport { decide } from './act.decide';\n@Injectable()\nexport class ActHandler {\n  run(n: number): number {\n    return decide(n);\n  }\n}\n",
  'libs/beta/src/index.ts': "export { beta } from './internal';\n",
  'libs/beta/src/internal.ts': 'export const beta = 1;\n',
  'libs/beta/src/testing/beta-kit.ts': 'export const kit = 2;\n',
  'libs/alpha/src/domain/rule.spec.ts': "import { kit } from '../../../beta/src/testing/beta-kit';\nimport { rule } from './rule';\nexport const checked = rule(kit);\n",
  'apps/one/src/main.ts': "import { rule } from '@tally/alpha';\nexport const main = rule(1);\n",
  'apps/two/src/main.ts': "import { beta } from '@tally/beta';\nexport const main = beta;\n",
};

/** One deliberate violation of each rule: the rule's name, the file that breaks it, what it adds to the clean tree. */
const VIOLATIONS: { rule: string; from: string; files: Record<string, string> }[] = [
  { rule: 'context-only-through-index', from: 'libs/alpha/src/deep.ts', files: { 'libs/alpha/src/deep.ts': "import { beta } from '../../beta/src/internal';\nexport const deep = beta;\n" } },
  { rule: 'app-only-through-index', from: 'apps/one/src/deep.ts', files: { 'apps/one/src/deep.ts': "import { beta } from '../../../libs/beta/src/internal';\nexport const deep = beta;\n" } },
  { rule: 'tests-through-index-or-test-kit', from: 'libs/alpha/src/deep.spec.ts', files: { 'libs/alpha/src/deep.spec.ts': "import { beta } from '../../beta/src/internal';\nexport const deep = beta;\n" } },
  { rule: 'domain-without-framework', from: 'libs/alpha/src/domain/clock.ts', files: { 'libs/alpha/src/domain/clock.ts': "import { Injectable } from '@nestjs/common';\n@Injectable()\nexport class DomainClock {}\n" } },
  { rule: 'domain-without-framework', from: 'libs/alpha/src/commands/act/act.decide.ts', files: { 'libs/alpha/src/commands/act/act.decide.ts': "import { Pool } from 'pg';\nexport const decide = (pool: Pool): Pool => pool;\n" } },
  {
    rule: 'no-circular',
    from: 'libs/beta/src/ping.ts',
    files: {
      'libs/beta/src/ping.ts': "import { pong } from './pong';\nexport const ping = (): string => pong();\n",
      'libs/beta/src/pong.ts': "import { ping } from './ping';\nexport const pong = (): string => typeof ping;\n",
    },
  },
  { rule: 'apps-not-into-each-other', from: 'apps/two/src/borrow.ts', files: { 'apps/two/src/borrow.ts': "import { main } from '../../one/src/main';\nexport const borrowed = main;\n" } },
  { rule: 'libs-not-into-apps', from: 'libs/beta/src/upward.ts', files: { 'libs/beta/src/upward.ts': "import { main } from '../../../apps/one/src/main';\nexport const upward = main;\n" } },
];

/** `error <rule>: <from> → …` lines of the err reporter, as "rule from" pairs (a cycle is reported once, from one member). */
function violationsIn(output: string): Set<string> {
  return new Set([...output.matchAll(/error ([a-z-]+): (\S+) →/g)].map((match) => `${match[1]} ${match[2]}`));
}

describe('boundary check (dependency-cruiser, .dependency-cruiser.js)', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tally-boundaries-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('passes a tree that keeps every boundary (index imports, a test kit from a spec, Nest outside domain/)', () => {
    writeTree(root, CLEAN_TREE);
    const result = depcruise(root, ['apps', 'libs']);
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it('fails on one deliberate violation of each rule, naming the rule and the file, and on nothing else', () => {
    writeTree(root, Object.assign({}, CLEAN_TREE, ...VIOLATIONS.map((violation) => violation.files)));
    const result = depcruise(root, ['apps', 'libs']);
    expect(result.status).not.toBe(0);
    const found = violationsIn(result.output);
    for (const { rule, from } of VIOLATIONS) expect(found).toContain(`${rule} ${from}`);
    // The framework is named by where it resolved to.
    expect(result.output).toMatch(/act\.decide\.ts → \S*node_modules\/pg\//);
    // Nothing from the clean part of the tree.
    expect([...found].filter((line) => !VIOLATIONS.some(({ rule, from }) => line === `${rule} ${from}`))).toEqual([]);
  });

  it('the real tree passes, as npm run lint:boundaries checks it in CI', () => {
    const result = depcruise(ROOT, ['apps', 'libs', 'test', 'bench']);
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });
});
