import type { AbstractProvider, Contract, Wallet } from 'ethers';
import { anchorContractArtifact } from './contract/anchor-contract.artifact';
import { AnchorChain, AnchorContent, AnchorExpectation, AnchorInspection, SentAnchor } from './anchor-chain.port';
import { AnchorSendLock } from './anchor-send-lock';
import { anchorArguments, anchorInterface, verifyAnchorTransaction } from './anchor-verification';
import { ethersSdk } from './ethers-sdk';

export interface EthersAnchorChainOptions {
  /** blockchain_anchors.chain (ANCHORING_CHAIN_NAME, `evm-<chainId>` by default). */
  name: string;
  /** The chain the provider is on (a static network: never probed). */
  chainId: number;
  contractAddress: string;
  confirmations: number;
}

/**
 * The AnchorChain on an EVM node through ethers v6: the publisher's wallet (ANCHORING_CHAIN_PRIVATE_KEY)
 * calls anchor(…) on the TallyAnchor contract. Sends are one at a time in this process, and
 * across processes sharing the key under the send lock (AnchorSendLock): each reads the
 * account's pending nonce and hands its transaction to the node before the next one starts.
 */
export class EthersAnchorChain implements AnchorChain {
  readonly contractAddress: string;
  readonly confirmations: number;
  private readonly contract: Contract;
  private sending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly provider: AbstractProvider,
    private readonly wallet: Wallet,
    private readonly options: EthersAnchorChainOptions,
    /** Without one, only this process's sends are serialised (tests of one process, scripts). */
    private readonly sendLock?: AnchorSendLock,
  ) {
    const ethers = ethersSdk();
    this.contractAddress = ethers.getAddress(options.contractAddress);
    this.confirmations = options.confirmations;
    this.contract = new ethers.Contract(this.contractAddress, anchorInterface(), wallet.connect(provider));
  }

  get name(): string {
    return this.options.name;
  }

  get chainId(): number {
    return this.options.chainId;
  }

  get publisher(): string {
    return this.wallet.address;
  }

  publish(content: AnchorContent): Promise<SentAnchor> {
    const args = anchorArguments(content);
    const sendNow = async (): Promise<SentAnchor> => {
      // The nonce is read here, under the lock, rather than by ethers inside the call.
      const nonce = await this.provider.getTransactionCount(this.wallet.address, 'pending');
      const response = await (this.contract.getFunction('anchor')(...args, { nonce }) as Promise<{ hash: string }>);
      return { txHash: response.hash, publisher: this.wallet.address, contractAddress: this.contractAddress };
    };
    const send = this.sending.then(() => (this.sendLock ? this.sendLock.withLock(this.wallet.address, sendNow) : sendNow()));
    this.sending = send.catch(() => undefined);
    return send;
  }

  inspect(expected: AnchorExpectation): Promise<AnchorInspection> {
    return verifyAnchorTransaction(this.provider, expected);
  }

  close(): void {
    this.provider.destroy();
  }
}

/** Deploys a TallyAnchor from the committed artifact; the deploying wallet becomes its only publisher. */
export async function deployAnchorContract(wallet: Wallet): Promise<string> {
  const ethers = ethersSdk();
  const artifact = anchorContractArtifact();
  const factory = new ethers.ContractFactory(artifact.abi as string[], artifact.bytecode, wallet);
  const contract = await factory.deploy();
  await contract.waitForDeployment();
  return ethers.getAddress(await contract.getAddress());
}
