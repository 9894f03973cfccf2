import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import solcModule from 'solc';
import type { AnchorContractArtifact } from './anchor-contract.artifact';

export const ANCHOR_CONTRACT_SOURCE = join(__dirname, 'TallyAnchor.sol');
export const ANCHOR_CONTRACT_ARTIFACT = join(__dirname, 'TallyAnchor.artifact.json');

/**
 * The compiler settings the artifact is built with. `paris` (no PUSH0): the bytecode runs on
 * every EVM chain and on ganache 7.9; the optimizer keeps each anchor's gas low.
 */
/** solc-js's wrapper, typed for the two calls made here. */
const solc = solcModule as unknown as { compile(input: string): string; version(): string };

const SETTINGS = { optimizer: { enabled: true, runs: 200 }, evmVersion: 'paris', outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } } };

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
}

/**
 * Compiles TallyAnchor.sol offline with solc-js (the compiler is the pinned npm package, no
 * download): `npm run contracts:build` writes the result as the committed artifact, and a spec
 * checks the committed artifact equals a fresh compile. Dev-time only (solc is a devDependency):
 * the running service loads the artifact, never this file.
 */
export function compileAnchorContract(): AnchorContractArtifact {
  const source = readFileSync(ANCHOR_CONTRACT_SOURCE, 'utf8');
  const input = { language: 'Solidity', sources: { 'TallyAnchor.sol': { content: source } }, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as SolcOutput;
  const problems = (output.errors ?? []).filter((error) => error.severity !== 'info');
  if (problems.length > 0) throw new Error(`TallyAnchor.sol does not compile cleanly:\n${problems.map((error) => error.formattedMessage).join('\n')}`);
  const contract = output.contracts['TallyAnchor.sol']?.['TallyAnchor'];
  if (!contract) throw new Error('solc gave no TallyAnchor contract');
  return {
    contractName: 'TallyAnchor',
    sourceSha256: createHash('sha256').update(source).digest('hex'),
    compiler: { name: 'solc-js', version: solc.version(), settings: { optimizer: SETTINGS.optimizer, evmVersion: SETTINGS.evmVersion } },
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
  };
}

/** The artifact's file content: stable key order, two-space indent, a final newline. */
export function artifactFileContent(artifact: AnchorContractArtifact): string {
  return `${JSON.stringify(artifact, null, 2)}\n`;
}
