// Imported (not read from disk) so that `npm run build` copies it into dist with the code.
import artifact from './TallyAnchor.artifact.json';

/** What `npm run contracts:build` writes to TallyAnchor.artifact.json (ABI and bytecode, committed). */
export interface AnchorContractArtifact {
  contractName: 'TallyAnchor';
  /** SHA-256 of TallyAnchor.sol as compiled. */
  sourceSha256: string;
  compiler: { name: 'solc-js'; version: string; settings: { optimizer: { enabled: boolean; runs: number }; evmVersion: string } };
  abi: unknown[];
  /** Creation bytecode, 0x-prefixed. */
  bytecode: string;
  /** Runtime bytecode, 0x-prefixed (`eth_getCode` at a deployed contract, with the immutable `publisher` in place of its zeros). */
  deployedBytecode: string;
}

/** The committed artifact (the running service never compiles). */
export function anchorContractArtifact(): AnchorContractArtifact {
  return artifact as AnchorContractArtifact;
}
