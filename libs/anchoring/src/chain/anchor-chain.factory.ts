import type { JsonRpcProvider } from 'ethers';
import { AnchoringChainConfig } from './anchoring-chain.config';
import { AnchorChain } from './anchor-chain.port';
import { AnchorSendLock } from './anchor-send-lock';
import { EthersAnchorChain } from './ethers-anchor-chain';
import { ethersSdk } from './ethers-sdk';

/** A JSON-RPC provider that never probes the network on its own (a node that is down is found out by the call that needs it). */
export function jsonRpcProvider(url: string, chainId: number, timeoutMs: number): JsonRpcProvider {
  const { FetchRequest, JsonRpcProvider, Network } = ethersSdk();
  const request = new FetchRequest(url);
  request.timeout = timeoutMs;
  const network = Network.from(chainId);
  return new JsonRpcProvider(request, network, { staticNetwork: network, batchMaxCount: 1, cacheTimeout: -1 });
}

/** The configured AnchorChain, or null when anchoring on a chain is off (ethers is then never loaded). */
export function createAnchorChain(config: AnchoringChainConfig, sendLock?: AnchorSendLock): AnchorChain | null {
  if (config.rpcUrl === undefined || config.privateKey === undefined || config.contractAddress === undefined) return null;
  const provider = jsonRpcProvider(config.rpcUrl, config.chainId, config.rpcTimeoutMs);
  return new EthersAnchorChain(provider, new (ethersSdk().Wallet)(config.privateKey), {
    name: config.chainName,
    chainId: config.chainId,
    contractAddress: config.contractAddress,
    confirmations: config.confirmations,
  }, sendLock);
}
