// What the anchoring chain (libs/anchoring/README.md "Anchoring on a chain") offers the rest of the library and its tests.
export { ANCHOR_CHAIN } from './anchor-chain.port';
export type { AnchorChain, AnchorContent, AnchorExpectation, AnchorInspection, SentAnchor } from './anchor-chain.port';
export { EthersAnchorChain, deployAnchorContract } from './ethers-anchor-chain';
export { PostgresAnchorSendLock } from './anchor-send-lock';
export type { AnchorSendLock } from './anchor-send-lock';
export { createAnchorChain, jsonRpcProvider } from './anchor-chain.factory';
export { anchorArguments, contestIdBytes32, verifyAnchorTransaction } from './anchor-verification';
export { anchorContractArtifact } from './contract/anchor-contract.artifact';
export type { AnchorContractArtifact } from './contract/anchor-contract.artifact';
export { AnchoringChainModule } from './anchoring-chain.module';
export { BlockchainAnchors } from './publish/blockchain-anchors';
export type { AnchorRow, AnchorStatus, AnchorTrigger, ExportedAnchor } from './publish/blockchain-anchors';
export { PUBLISH_ANCHOR } from './publish/anchor-publisher';
export { ANCHOR_CONTEST_END } from './publish/anchor-contest-end.task';
export { DailyAnchorsJob } from './publish/daily-anchors.job';
export { AnchorRecheckJob } from './publish/anchor-recheck.job';
export { ANCHOR_CATEGORY, ANCHOR_EVENT_TYPES } from './domain/anchor.events';
export type { AnchorConfirmed, AnchorEvent } from './domain/anchor.events';
