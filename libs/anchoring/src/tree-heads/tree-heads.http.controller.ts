import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { createPublicKey } from 'node:crypto';
import { ApiProblem, ApiProblems, CdnCached, Public, surrogateKeys, TenantId } from '@tally/platform';
import { AnchoringError } from '../anchoring.errors';
import { ConsistencyAnswer, LogProofs } from '../receipts/log-proofs';
import { SignedTreeHead } from './signed-tree-head';
import { ConsistencyProofResponse, LogKeyResponse, SignedTreeHeadResponse } from './signed-tree-head.response.dto';
import { TreeHeadStore } from './tree-head-store';

export class ConsistencyRequest {
  @ApiProperty({ minimum: 1, description: 'Size of the older signed head.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  first!: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Size of the newer signed head (default: the latest).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  second?: number;
}

/** The public side of the logs: heads, consistency proofs and the tenants' log keys. */
@ApiTags('verifiability')
@Controller()
export class TreeHeadsHttpController {
  constructor(
    private readonly heads: TreeHeadStore,
    private readonly proofs: LogProofs,
  ) {}

  @Get('api/events/:eventId/log/head')
  @Public()
  @CdnCached({
    scope: 'public',
    maxAge: 5,
    sMaxAge: 30,
    staleWhileRevalidate: 60,
    surrogateKeys: ({ tenantId, params }) => [...(tenantId ? [surrogateKeys.tenant(tenantId)] : []), surrogateKeys.contest(params.eventId), surrogateKeys.treeHead(params.eventId)],
  })
  @ApiOperation({ summary: "The latest signed tree head of an event's Merkle log" })
  @ApiOkResponse({ type: SignedTreeHeadResponse })
  @ApiProblem(404, 'No head yet (no vote in the log), or no such event.')
  @ApiProblems(400)
  async head(@Param('eventId', ParseUUIDPipe) eventId: string, @TenantId() tenantId: string): Promise<SignedTreeHead> {
    const head = await this.heads.latest(tenantId, eventId);
    if (!head) throw new AnchoringError('ANCHORING.TREE_HEAD_NOT_FOUND', 'No signed tree head for this event yet', { eventId });
    return head;
  }

  @Get('api/events/:eventId/log/consistency')
  @Public()
  @ApiOperation({ summary: 'RFC 9162 consistency proof between two signed heads of an event' })
  @ApiOkResponse({ type: ConsistencyProofResponse })
  @ApiProblem(404, 'No signed head of that size.')
  @ApiProblems(400, 422)
  consistency(@Param('eventId', ParseUUIDPipe) eventId: string, @Query() query: ConsistencyRequest, @TenantId() tenantId: string): Promise<ConsistencyAnswer> {
    return this.proofs.consistency(tenantId, eventId, query.first, query.second);
  }

  @Get('.well-known/tally/tenants/:tenantId/log-key')
  @Public({ tenant: false })
  @ApiOperation({ summary: "A tenant's Ed25519 log key: verifies its signed tree heads" })
  @ApiOkResponse({ type: LogKeyResponse })
  @ApiProblem(404, 'No such tenant, or it has signed no head yet.')
  async logKey(@Param('tenantId') tenantId: string): Promise<LogKeyResponse> {
    const key = tenantId.length <= 200 ? await this.proofs.publicKey(tenantId) : null;
    if (!key) throw new AnchoringError('ANCHORING.TENANT_NOT_FOUND', 'No log key for this tenant', { tenantId });
    const pem = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(key.publicKey, 'base64').toString('base64url') }, format: 'jwk' }).export({ format: 'pem', type: 'spki' }).toString();
    return { keyId: key.keyId, algorithm: 'Ed25519', publicKey: key.publicKey, publicKeyPem: pem };
  }
}
