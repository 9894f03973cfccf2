import { ConfigError, Env, EnvReader } from '@tally/platform';

export interface AnchoringChainConfig {
  /** JSON-RPC URL of the EVM node; absent: anchoring on a chain is off (heads are still signed and served). */
  rpcUrl: string | undefined;
  /** The publisher account's private key (0x + 64 hex). A secret: never logged, never stored. */
  privateKey: string | undefined;
  /** The deployed TallyAnchor contract (npm run contracts:deploy deploys one). */
  contractAddress: string | undefined;
  chainId: number;
  /** blockchain_anchors.chain: ANCHORING_CHAIN_NAME, else `evm-<chainId>`. */
  chainName: string;
  /** Blocks from the anchor's to the chain's head (both counted) before an anchor counts as confirmed. */
  confirmations: number;
  /** One JSON-RPC call waits at most this long. */
  rpcTimeoutMs: number;
  /** The publish task: tries and backoff before it is dead (then the dead-letter sweep retries it). */
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  /** When the daily publish job runs (cron, UTC). */
  dailyCron: string;
  /** How often confirmed anchors are read back for a reorganisation, and for how long after they were confirmed. */
  recheck: { everyMs: number; windowHours: number };
}

export const ANCHORING_CHAIN_CONFIG = Symbol('AnchoringChainConfig');

export function loadAnchoringChainConfig(env: Env): AnchoringChainConfig {
  const read = new EnvReader(env);
  const rpcUrl = read.url('ANCHORING_CHAIN_RPC_URL', ['http', 'https'])?.toString();
  const privateKey = read.optionalString('ANCHORING_CHAIN_PRIVATE_KEY');
  const contractAddress = read.optionalString('ANCHORING_CHAIN_CONTRACT_ADDRESS');
  const chainId = read.int('ANCHORING_CHAIN_ID', 0, { min: 0 });
  if (rpcUrl !== undefined) {
    if (privateKey === undefined) throw new ConfigError('ANCHORING_CHAIN_PRIVATE_KEY', 'is required with ANCHORING_CHAIN_RPC_URL');
    if (contractAddress === undefined) throw new ConfigError('ANCHORING_CHAIN_CONTRACT_ADDRESS', 'is required with ANCHORING_CHAIN_RPC_URL (npm run contracts:deploy deploys one)');
    if (chainId === 0) throw new ConfigError('ANCHORING_CHAIN_ID', 'is required with ANCHORING_CHAIN_RPC_URL (the chain id anchors are sent to)');
  }
  if (privateKey !== undefined && !/^0x[0-9a-fA-F]{64}$/.test(privateKey)) throw new ConfigError('ANCHORING_CHAIN_PRIVATE_KEY', 'must be 0x followed by 64 hex digits');
  if (contractAddress !== undefined && !/^0x[0-9a-fA-F]{40}$/.test(contractAddress)) throw new ConfigError('ANCHORING_CHAIN_CONTRACT_ADDRESS', 'must be 0x followed by 40 hex digits');
  return {
    rpcUrl,
    privateKey,
    contractAddress,
    chainId,
    chainName: read.string('ANCHORING_CHAIN_NAME', `evm-${chainId}`),
    confirmations: read.int('ANCHORING_CHAIN_CONFIRMATIONS', 12, { min: 1, max: 1000 }),
    rpcTimeoutMs: read.int('ANCHORING_CHAIN_RPC_TIMEOUT_MS', 15_000, { min: 100 }),
    retry: {
      maxAttempts: read.int('ANCHORING_PUBLISH_ATTEMPTS', 20, { min: 1, max: 1000 }),
      baseDelayMs: read.int('ANCHORING_PUBLISH_RETRY_BASE_MS', 5_000, { min: 1 }),
      maxDelayMs: read.int('ANCHORING_PUBLISH_RETRY_MAX_MS', 300_000, { min: 1 }),
    },
    dailyCron: read.string('ANCHORING_DAILY_CRON', '0 10 0 * * *'),
    recheck: { everyMs: read.int('ANCHORING_RECHECK_MS', 600_000, { min: 1_000 }), windowHours: read.int('ANCHORING_RECHECK_WINDOW_HOURS', 24, { min: 1 }) },
  };
}
