import { AbstractProvider, Contract, ContractFactory, getAddress, Wallet } from 'ethers';
import { anchorContractArtifact } from './contract/anchor-contract.artifact';
import { AnchorChain, AnchorContent, AnchorExpectation, AnchorInspection, SentAnchor } from './anchor-chain.port';
import { anchorArguments, anchorInterface, verifyAnchorTransaction } from './anchor-verification';

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
 * calls anchor(…) on the TallyAnchor contract. Sends are one at a time in this process (each
 * takes the account's pending nonce); a second process publishing with the same key at the same
 * instant can lose a nonce race, which fails that send and its task is tried again.
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
  ) {
    this.contractAddress = getAddress(options.contractAddress);
    this.confirmations = options.confirmations;
    this.contract = new Contract(this.contractAddress, anchorInterface, wallet.connect(provider));
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
    const send = this.sending.then(async () => {
      const response = await (this.contract.getFunction('anchor')(...anchorArguments(content)) as Promise<{ hash: string }>);
      return { txHash: response.hash, publisher: this.wallet.address, contractAddress: this.contractAddress };
    });
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
  const artifact = anchorContractArtifact();
  const factory = new ContractFactory(artifact.abi as string[], artifact.bytecode, wallet);
  const contract = await factory.deploy();
  await contract.waitForDeployment();
  return getAddress(await contract.getAddress());
}
