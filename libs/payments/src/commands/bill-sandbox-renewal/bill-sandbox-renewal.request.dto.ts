import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { SANDBOX_TEST_CARDS } from '../../providers/sandbox/sandbox-cards';
import { SANDBOX_CHARGE_OUTCOMES, SandboxChargeOutcome } from '../../providers/sandbox/sandbox-subscription';

/** A renewal attempt: a Stripe test card, or the outcome by name; neither means the card on file pays. */
export class BillSandboxRenewalRequest {
  @ApiPropertyOptional({
    description: `A Stripe test card number (spaces or dashes allowed): ${Object.entries(SANDBOX_TEST_CARDS)
      .filter(([, outcome]) => outcome !== 'requires_action')
      .map(([card, outcome]) => `${card} ${outcome}`)
      .join(', ')}.`,
    example: '4000 0000 0000 0002',
    maxLength: 23,
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9 -]{12,23}$/, { message: 'card must be a card number (digits, spaces or dashes)' })
  card?: string;

  @ApiPropertyOptional({ enum: SANDBOX_CHARGE_OUTCOMES, description: 'The outcome by name, instead of a card.', example: 'declined' })
  @IsOptional()
  @IsIn(SANDBOX_CHARGE_OUTCOMES)
  outcome?: SandboxChargeOutcome;
}
