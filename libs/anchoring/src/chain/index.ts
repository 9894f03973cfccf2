// What the anchoring chain (libs/anchoring/README.md "Anchoring on a chain") offers the rest of the library and its tests.
export { ANCHOR_CHAIN } from './anchor-chain.port';
export type { AnchorChain, AnchorContent, AnchorExpectation, AnchorInspection, SentAnchor } from './anchor-chain.port';
export { EthersAnchorChain, deployAnchorContract } from './ethers-anchor-chain';
export { createAnchorChain, jsonRpcProvider } from './anchor-chain.factory';
export { anchorArguments, contestIdBytes32, verifyAnchorTransaction } from './anchor-verification';
export { anchorContractArtifact } from './contract/anchor-contract.artifact';
export type { AnchorContractArtifact } from './contract/anchor-contract.artifact';
