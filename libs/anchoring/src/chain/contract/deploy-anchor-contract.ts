import { Wallet } from 'ethers';
import { ConfigError, EnvReader } from '@tally/platform';
import { jsonRpcProvider } from '../anchor-chain.factory';
import { deployAnchorContract } from '../ethers-anchor-chain';

// npm run contracts:deploy — deploys TallyAnchor (the committed artifact) with the publisher's key
// (ANCHORING_CHAIN_RPC_URL, ANCHORING_CHAIN_ID, ANCHORING_CHAIN_PRIVATE_KEY) and prints its address
// for ANCHORING_CHAIN_CONTRACT_ADDRESS. The deploying account is the only one the contract lets anchor.
async function main(): Promise<void> {
  const read = new EnvReader(process.env);
  const url = read.url('ANCHORING_CHAIN_RPC_URL', ['http', 'https']);
  if (!url) throw new ConfigError('ANCHORING_CHAIN_RPC_URL', 'is required');
  const chainId = read.int('ANCHORING_CHAIN_ID', 0, { min: 1 });
  if (chainId === 0) throw new ConfigError('ANCHORING_CHAIN_ID', 'is required');
  const provider = jsonRpcProvider(url.toString(), chainId, read.int('ANCHORING_CHAIN_RPC_TIMEOUT_MS', 60_000, { min: 100 }));
  const wallet = new Wallet(read.string('ANCHORING_CHAIN_PRIVATE_KEY'), provider);
  const address = await deployAnchorContract(wallet);
  process.stdout.write(`TallyAnchor deployed on chain ${chainId} at ${address} (publisher ${wallet.address})\nANCHORING_CHAIN_CONTRACT_ADDRESS=${address}\n`);
  provider.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
