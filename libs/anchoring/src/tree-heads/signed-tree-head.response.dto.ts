import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { SignedTreeHead } from './signed-tree-head';

@ApiSchema({ name: 'SignedTreeHead', description: "A contest log's size and RFC 9162 root, signed (Ed25519) by the tenant's log key." })
export class SignedTreeHeadResponse implements SignedTreeHead {
  @ApiProperty({ example: '0190a6f0-0a1b-7c2d-8e3f-4a5b6c7d8e9f' }) tenantId!: string;
  @ApiProperty({ format: 'uuid', description: 'The event (contest).' }) contestId!: string;
  @ApiProperty({ minimum: 0, example: 1024 }) treeSize!: number;
  @ApiProperty({ description: 'MTH of the first treeSize leaves, hex.', example: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328' }) rootHash!: string;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({ description: 'Ed25519 over the canonical head bytes (see libs/anchoring/README.md), base64url.' }) signature!: string;
  @ApiProperty({ description: 'Hex SHA-256 of the raw public key.' }) keyId!: string;
}

@ApiSchema({ name: 'LogKey' })
export class LogKeyResponse {
  @ApiProperty({ description: 'Hex SHA-256 of the raw public key; tree heads name it.' }) keyId!: string;
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'The raw 32-byte public key, base64.' }) publicKey!: string;
  @ApiProperty({ description: 'The same key as a PEM SubjectPublicKeyInfo.' }) publicKeyPem!: string;
}

@ApiSchema({ name: 'ConsistencyProof' })
export class ConsistencyProofResponse {
  @ApiProperty({ type: SignedTreeHeadResponse }) first!: SignedTreeHeadResponse;
  @ApiProperty({ type: SignedTreeHeadResponse }) second!: SignedTreeHeadResponse;
  @ApiProperty({ type: [String], description: 'RFC 9162 §2.1.4 consistency path, hex.' }) proof!: string[];
}
