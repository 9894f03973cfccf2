import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { SANDBOX_OUTCOMES, SANDBOX_TEST_CARDS, SandboxOutcome } from '../../providers/sandbox/sandbox-cards';

/** A sandbox payment attempt: a Stripe test card, or the outcome by name; neither means success. */
export class CompleteSandboxPaymentRequest {
  @ApiPropertyOptional({
    description: `A Stripe test card number (spaces or dashes allowed): ${Object.entries(SANDBOX_TEST_CARDS)
      .map(([card, outcome]) => `${card} ${outcome}`)
      .join(', ')}.`,
    example: '4242 4242 4242 4242',
    maxLength: 23,
  })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9 -]{12,23}$/, { message: 'card must be a card number (digits, spaces or dashes)' })
  card?: string;

  @ApiPropertyOptional({ enum: SANDBOX_OUTCOMES, description: 'The outcome by name, instead of a card.', example: 'succeeded' })
  @IsOptional()
  @IsIn(SANDBOX_OUTCOMES)
  outcome?: SandboxOutcome;
}
