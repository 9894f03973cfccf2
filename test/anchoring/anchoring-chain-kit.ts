import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import ganache, { EthereumProvider } from 'ganache';
import { BrowserProvider, Wallet } from 'ethers';
import { deployAnchorContract } from '@tally/anchoring';

interface RpcRequest {
  id: number | string | null;
  method: string;
  params?: unknown[];
}

/**
 * A real EVM (ganache 7.9, in process: blocks mined on each transaction) for the anchoring
 * tests, with what they need around it: funded deterministic accounts, the TallyAnchor contract
 * deployed from the committed artifact, snapshots to fake a reorganisation, and a JSON-RPC HTTP
 * front on port 0 that can be taken down and brought back on the same port (the node is down).
 * One per spec file: ganache takes a few seconds to load.
 */
export class InProcessChain {
  readonly provider: BrowserProvider;
  private server: Server | undefined;
  private port = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly ganache: EthereumProvider,
    readonly chainId: number,
    private readonly secretKeys: string[],
  ) {
    this.provider = new BrowserProvider(ganache, chainId, { staticNetwork: true, pollingInterval: 50, cacheTimeout: -1 });
  }

  static async start(chainId = 1337): Promise<InProcessChain> {
    const provider = ganache.provider({ logging: { quiet: true }, chain: { chainId, hardfork: 'shanghai' }, wallet: { deterministic: true, totalAccounts: 3 } });
    const accounts = provider.getInitialAccounts();
    return new InProcessChain(provider, chainId, Object.values(accounts).map((account) => account.secretKey));
  }

  /** The private key of funded account `index` (0: the publisher in the tests). */
  privateKey(index = 0): string {
    const key = this.secretKeys[index];
    if (key === undefined) throw new Error(`The chain has ${this.secretKeys.length} accounts, not ${index + 1}`);
    return key;
  }

  wallet(index = 0): Wallet {
    return new Wallet(this.privateKey(index), this.provider);
  }

  deployAnchorContract(index = 0): Promise<string> {
    return deployAnchorContract(this.wallet(index));
  }

  async snapshot(): Promise<string> {
    return this.ganache.request({ method: 'evm_snapshot', params: [] });
  }

  /** Back to the snapshot: every block since is gone, as in a reorganisation. */
  async revert(snapshotId: string): Promise<void> {
    const reverted = await this.ganache.request({ method: 'evm_revert', params: [snapshotId] });
    if (!reverted) throw new Error(`evm_revert(${snapshotId}) did nothing`);
  }

  async mine(blocks = 1): Promise<void> {
    for (let i = 0; i < blocks; i++) await this.ganache.request({ method: 'evm_mine', params: [] });
  }

  /** Serves JSON-RPC over HTTP on 127.0.0.1 (port 0 the first time, the same port afterwards); returns its URL. */
  async up(): Promise<string> {
    const server = createServer((request, response) => void this.answer(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stops answering: connections are cut and new ones refused, until up() again. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async stop(): Promise<void> {
    await this.down();
    this.provider.destroy();
    await this.ganache.disconnect();
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RpcRequest | RpcRequest[];
    const one = async ({ id, method, params }: RpcRequest) => {
      try {
        return { jsonrpc: '2.0', id, result: await this.ganache.request({ method, params: params ?? [] } as never) };
      } catch (error) {
        const { code, message, data } = error as { code?: number; message: string; data?: unknown };
        return { jsonrpc: '2.0', id, error: { code: code ?? -32000, message, data } };
      }
    };
    const answer = Array.isArray(body) ? await Promise.all(body.map(one)) : await one(body);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer));
  }
}
