import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandRunner } from '@tally/eventstore';
import { Actor, isUuid, TENANT_USERS, TenantUserLookup } from '@tally/platform';
import { money, Money } from '../domain/money';
import { paymentDecider, paymentStream } from '../domain/payment.state';
import { PaymentsError } from '../payments.errors';

export interface PaymentView {
  paymentId: string;
  userId: string;
  eventId: string | null;
  votes: number;
  amount: Money;
  refunded: Money;
  status: string;
  provider: string | null;
  providerPaymentId: string | null;
  /** Credits held off the voter's balance while a dispute or early fraud warning is unresolved. */
  creditsHeld: number;
  /** When the provider first warned that the card issuer reported fraud; null when it never did. */
  fraudWarnedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

const STAFF = ['organizer', 'auditor', 'platform_admin'] as const;
const isStaff = (actor: Actor): boolean => actor.roles.some((role) => (STAFF as readonly string[]).includes(role));

/**
 * Reads for the payment endpoints. One payment is read from its stream (always current, even a
 * moment after checkout); the history list comes from the `payments` read model.
 */
@Injectable()
export class PaymentViews {
  constructor(
    private readonly runner: CommandRunner,
    private readonly em: EntityManager,
    @Optional() @Inject(TENANT_USERS) private readonly users?: TenantUserLookup,
  ) {}

  /** The payment if the actor may see it (its payer or tenant staff); otherwise 404, as if it did not exist. */
  async one(tenantId: string, paymentId: string, actor: Actor): Promise<PaymentView> {
    const notFound = new PaymentsError('PAYMENTS.PAYMENT_NOT_FOUND', `Payment ${paymentId} not found`, { paymentId });
    if (!isUuid(paymentId)) throw notFound;
    const { state } = await this.runner.load(paymentDecider, paymentStream(tenantId, paymentId));
    if (!state.exists || !state.amount || (state.voterId !== actor.userId && !isStaff(actor))) throw notFound;
    return {
      paymentId,
      userId: state.voterId,
      eventId: state.contestId,
      votes: state.votes,
      amount: state.amount,
      refunded: money(state.refunded + state.disputeLosses, state.amount.currency),
      status: state.status,
      provider: state.provider,
      providerPaymentId: state.providerPaymentId,
      creditsHeld: state.creditsHeld,
      fraudWarnedAt: state.fraudWarnings[0]?.at ?? null,
      createdAt: state.startedAt,
      updatedAt: state.updatedAt,
    };
  }

  /** Newest first; a voter sees their own payments, staff see the tenant's (optionally one user's). */
  async history(tenantId: string, actor: Actor, options: { cursor: string | null; limit: number; userId: string | null }): Promise<{ items: PaymentView[]; nextCursor: string | null }> {
    const userId = isStaff(actor) ? options.userId : actor.userId;
    // An empty history would say "never paid" about someone who does not exist.
    if (userId && this.users && !(await this.users.isUserOf(tenantId, userId))) throw new PaymentsError('PAYMENTS.USER_NOT_FOUND', 'No such user in this tenant', { userId });
    const params: unknown[] = [tenantId];
    let where = 'tenant_id = ?';
    if (userId) {
      where += ' and user_id = ?';
      params.push(userId);
    }
    const after = decodeCursor(options.cursor);
    if (after) {
      where += ' and (timestamp, payment_id) < (?, ?)';
      params.push(after.at, after.id);
    }
    params.push(options.limit + 1);
    const rows = await this.em.fork().getConnection().execute<Record<string, unknown>[]>(
      `select * from payments where ${where} order by timestamp desc, payment_id desc limit ?`,
      params,
    );
    const page = rows.slice(0, options.limit);
    const items = page.map((row): PaymentView => ({
      paymentId: String(row.payment_id),
      userId: String(row.user_id),
      eventId: (row.contest_id as string | null) ?? null,
      votes: Number(row.votes),
      amount: money(Number(row.amount), String(row.currency)),
      refunded: money(Number(row.amount_refunded), String(row.currency)),
      status: String(row.status),
      provider: String(row.provider),
      providerPaymentId: String(row.provider_payment_id),
      creditsHeld: Number(row.credits_held),
      fraudWarnedAt: row.fraud_warned_at ? new Date(row.fraud_warned_at as string).toISOString() : null,
      createdAt: new Date(row.timestamp as string).toISOString(),
      updatedAt: new Date(row.updated_at as string).toISOString(),
    }));
    const last = page[page.length - 1];
    const nextCursor = rows.length > options.limit && last ? encodeCursor(new Date(last.timestamp as string).toISOString(), String(last.payment_id)) : null;
    return { items, nextCursor };
  }
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string | null): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !isUuid(id)) throw new PaymentsError('PAYMENTS.INVALID_CURSOR', 'The cursor is not valid', { cursor });
  return { at, id };
}
