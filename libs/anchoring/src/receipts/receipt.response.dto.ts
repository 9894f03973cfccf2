import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { LOG_ENTRY_KINDS, LogEntry, LogEntryKind } from '../log/domain/log-entry';
import { SignedTreeHeadResponse } from '../tree-heads/signed-tree-head.response.dto';
import type { ReceiptVerification, VoteReceipt } from './receipt';

@ApiSchema({ name: 'LogEntry', description: "One leaf of an event's Merkle log: a change to its tally (canonical JSON in this field order)." })
export class LogEntryResponse implements LogEntry {
  @ApiProperty({ enum: [1] }) v!: 1;
  @ApiProperty({ enum: LOG_ENTRY_KINDS }) kind!: LogEntryKind;
  @ApiProperty({ format: 'uuid', description: 'The domain event this leaf records.' }) eventId!: string;
  @ApiProperty({ format: 'uuid' }) contestId!: string;
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty({ format: 'uuid' }) contestantId!: string;
  @ApiProperty({ minimum: 1 }) amount!: number;
  @ApiProperty({ enum: ['accepted', 'held'], nullable: true, type: String }) status!: 'accepted' | 'held' | null;
  @ApiProperty({ nullable: true, type: Boolean }) wasCounted!: boolean | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

@ApiSchema({ name: 'ReceiptLeaf' })
export class ReceiptLeafResponse {
  @ApiProperty({ type: LogEntryResponse }) entry!: LogEntryResponse;
  @ApiProperty({ description: 'SHA-256(0x00 ‖ canonical entry), hex.' }) hash!: string;
}

@ApiSchema({ name: 'ReceiptLogKey' })
export class ReceiptLogKeyResponse {
  @ApiProperty() keyId!: string;
  @ApiProperty({ description: 'Raw Ed25519 public key, base64.' }) publicKey!: string;
}

@ApiSchema({ name: 'VoteReceipt' })
export class VoteReceiptResponse implements VoteReceipt {
  @ApiProperty({ format: 'uuid', description: 'The vote id POST /api/votes answered with.' }) receiptId!: string;
  @ApiProperty({ format: 'uuid' }) voteId!: string;
  @ApiProperty({ format: 'uuid' }) contestId!: string;
  @ApiProperty({ minimum: 0 }) leafIndex!: number;
  @ApiProperty({ type: ReceiptLeafResponse }) leaf!: ReceiptLeafResponse;
  @ApiProperty({ type: [String], description: 'RFC 9162 §2.1.3 inclusion path, hex, leaf to root.' }) inclusionProof!: string[];
  @ApiProperty({ type: SignedTreeHeadResponse }) treeHead!: SignedTreeHeadResponse;
  @ApiProperty({ type: ReceiptLogKeyResponse }) logKey!: ReceiptLogKeyResponse;
}

@ApiSchema({ name: 'ReceiptChecks' })
export class ReceiptChecksResponse {
  @ApiProperty() leafHash!: boolean;
  @ApiProperty() leafMatchesVote!: boolean;
  @ApiProperty() inclusion!: boolean;
  @ApiProperty() signature!: boolean;
}

@ApiSchema({ name: 'ReceiptVerification' })
export class ReceiptVerificationResponse implements ReceiptVerification {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: ReceiptChecksResponse }) checks!: ReceiptChecksResponse;
  @ApiProperty({ type: [String] }) problems!: string[];
}
