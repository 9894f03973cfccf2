import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISPUTE_EFFECT_TYPES, DISPUTE_KINDS, DISPUTE_RESOLUTIONS, DISPUTE_STATUSES } from '../domain/dispute.events';
import type { DisputeEffect, DisputeKind, DisputeOpener, DisputeResolution, DisputeStatus } from '../domain/dispute.events';
import type { DisputeCaseView } from '../queries/dispute-cases.reader';

export class DisputeEffectResponse {
  @ApiProperty({ enum: DISPUTE_EFFECT_TYPES, example: 'refund_credits' })
  type!: DisputeEffect['type'];

  @ApiPropertyOptional({ type: 'integer', description: 'refund_credits, reverse_grant: the credits moved.', example: 5 })
  credits?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'void_vote: the vote voided.' })
  voteId?: string;
}

export class DisputeCaseResponse implements DisputeCaseView {
  @ApiProperty({ format: 'uuid', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  caseId!: string;

  @ApiProperty({ example: 'demo' })
  tenantId!: string;

  @ApiProperty({ enum: DISPUTE_KINDS, example: 'vote' })
  kind!: DisputeKind;

  @ApiProperty({ description: 'The voter the case is about.', example: '0190a6f6-7d8e-7f90-8a1b-2c3d4e5f6a7b' })
  userId!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  voteId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  paymentId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The payment provider's dispute id, when the provider opened the case." })
  providerDisputeId!: string | null;

  @ApiProperty({ description: 'A reason code, or `provider:<code>` for a provider dispute.', example: 'vote_not_counted' })
  reason!: string;

  @ApiProperty({ enum: DISPUTE_STATUSES, example: 'open' })
  status!: DisputeStatus;

  @ApiProperty({ enum: DISPUTE_RESOLUTIONS, nullable: true, example: null })
  resolution!: DisputeResolution | null;

  @ApiProperty({ type: DisputeEffectResponse, nullable: true })
  effect!: DisputeEffect | null;

  @ApiProperty({ enum: ['voter', 'staff', 'provider'], example: 'voter' })
  openedBy!: DisputeOpener;

  @ApiProperty({ type: String, nullable: true, description: 'Who opened it (null: the system, from a provider webhook).' })
  openedByUser!: string | null;

  @ApiProperty({ format: 'date-time' })
  openedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  investigatedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  investigatedBy!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was resolved or withdrawn.' })
  closedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  closedBy!: string | null;
}

export class DisputeCasePageResponse {
  @ApiProperty({ type: [DisputeCaseResponse] })
  items!: DisputeCaseResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last.' })
  nextCursor!: string | null;
}
