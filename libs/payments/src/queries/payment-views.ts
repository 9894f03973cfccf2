import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CommandRunner, UnappliedEvents } from '@tally/eventstore';
import { Actor, isUuid, TENANT_USERS, TenantUserLookup } from '@tally/platform';
import { money } from '../domain/money';
import { paymentDecider, paymentStream } from '../domain/payment.state';
import { PaymentCreditsProgress } from '../credits/payment-credits-progress';
import { PAYMENTS_PROJECTION } from '../projections/payments.projection';
import { ownPaymentsTouched, PaymentPage, paymentViewOf, withOwnUnprojectedPayments } from './own-payments.view';
import { PaymentsError } from '../payments.errors';
import type { PaymentView } from './payment.view';

// Its own file, so own-payments.view.ts (which this service uses) can name it without a cycle.
export type { PaymentView } from './payment.view';

/** One payment as GET /api/payments/{id} answers it. */
export interface PaymentDetailView extends PaymentView {
  /** Every credit movement of the payment so far (the grant once it completed) is on the voter's balance. */
  creditsApplied: boolean;
}

/** The most events the history's read-your-writes fallback reads past the read model (it is behind by that much at most, normally a few). */
const UNAPPLIED_SCAN_LIMIT = 1000;

const STAFF = ['organizer', 'auditor', 'platform_admin'] as const;
const isStaff = (actor: Actor): boolean => actor.roles.some((role) => (STAFF as readonly string[]).includes(role));

/**
 * Reads for the payment endpoints. One payment is read from its stream (always current, even a
 * moment after checkout) and waits, bounded, for its credits (PaymentCreditsProgress); the history
 * list comes from the `payments` read model, its caller's own first page completed from the
 * payments' streams while the read model is behind (read-your-writes with no position).
 */
@Injectable()
export class PaymentViews {
  constructor(
    private readonly runner: CommandRunner,
    private readonly em: EntityManager,
    private readonly credits: PaymentCreditsProgress,
    private readonly unapplied: UnappliedEvents,
    @Optional() @Inject(TENANT_USERS) private readonly users?: TenantUserLookup,
  ) {}

  /** The payment if the actor may see it (its payer or tenant staff); otherwise 404, as if it did not exist. */
  async one(tenantId: string, paymentId: string, actor: Actor): Promise<PaymentDetailView> {
    const notFound = new PaymentsError('PAYMENTS.PAYMENT_NOT_FOUND', `Payment ${paymentId} not found`, { paymentId });
    if (!isUuid(paymentId)) throw notFound;
    const streamId = paymentStream(tenantId, paymentId);
    const { state } = await this.runner.load(paymentDecider, streamId);
    if (!state.exists || !state.amount || (state.voterId !== actor.userId && !isStaff(actor))) throw notFound;
    // A payer who just paid reads this to know when the votes can be spent: wait (bounded) for them.
    const creditsApplied = await this.credits.awaitApplied(tenantId, paymentId, state.voterId);
    // The credits reactor records holds and releases on this stream too: read it again once it has passed.
    const { state: current } = creditsApplied ? await this.runner.load(paymentDecider, streamId) : { state };
    return { ...paymentViewOf(paymentId, { ...current, amount: current.amount ?? state.amount }), creditsApplied };
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
    if (userId !== actor.userId || options.cursor) return { items, nextCursor };
    return this.withOwnUnprojected(tenantId, actor.userId, { items, nextCursor }, options.limit);
  }

  /**
   * The caller's first page with what the read model has not applied yet: the payments touched
   * by its unapplied events, read from their streams (read-your-writes with no position).
   */
  private async withOwnUnprojected(tenantId: string, voterId: string, page: PaymentPage, limit: number): Promise<PaymentPage> {
    const unapplied = await this.unapplied.read(PAYMENTS_PROJECTION, { streamPrefixes: [paymentStream(tenantId, '')] }, UNAPPLIED_SCAN_LIMIT);
    const touched = ownPaymentsTouched(unapplied, voterId, page);
    const loaded = await Promise.all(touched.map((paymentId) => this.runner.load(paymentDecider, paymentStream(tenantId, paymentId))));
    const fresh = loaded.flatMap(({ state }, n) => (state.exists && state.amount && state.voterId === voterId ? [paymentViewOf(touched[n], { ...state, amount: state.amount })] : []));
    return withOwnUnprojectedPayments(page, fresh, limit, (view) => encodeCursor(view.createdAt ?? '', view.paymentId));
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
