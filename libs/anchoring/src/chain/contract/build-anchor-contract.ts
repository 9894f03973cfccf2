import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ANCHOR_CONTRACT_ARTIFACT, artifactFileContent, compileAnchorContract } from './anchor-contract.compile';

// npm run contracts:build — compile TallyAnchor.sol with the pinned solc-js and write the committed artifact.
const artifact = compileAnchorContract();
writeFileSync(ANCHOR_CONTRACT_ARTIFACT, artifactFileContent(artifact));
process.stdout.write(`${relative(process.cwd(), ANCHOR_CONTRACT_ARTIFACT)}: ${artifact.contractName}, ${artifact.compiler.version}, ${(artifact.deployedBytecode.length - 2) / 2} bytes deployed\n`);
