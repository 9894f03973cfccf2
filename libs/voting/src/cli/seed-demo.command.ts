import { INestApplicationContext } from '@nestjs/common';
import { DEMO_TENANT_SLUG, TenantDirectory } from '@tally/tenancy';
import { DemoSeeder } from './demo-seeder';

/**
 * `seed:demo` for apps/cli (registered in its commands.ts). Shaped like the CLI's CliCommand
 * without importing the app, since libraries never depend on apps.
 */
export const seedDemoCommand = {
  name: 'seed:demo',
  arguments: '[tenant]',
  description: 'Seeds an open demo event with five contestants, 10 free votes per voter per day, and voters with credits (idempotent).',
  options: {
    voters: { type: 'string' as const, description: 'synthetic voters with credits who cast a few votes (default 20)' },
    credits: { type: 'string' as const, description: 'credits per voter (default 50)' },
    'grant-to': { type: 'string' as const, description: 'comma-separated user ids that also get the credits' },
  },
  async run({ app, args, options, io }: {
    app: INestApplicationContext;
    args: string[];
    options: Record<string, string | boolean | undefined>;
    io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream };
  }): Promise<number> {
    const slug = args[0] ?? DEMO_TENANT_SLUG;
    const directory = app.get(TenantDirectory);
    const tenant = (await directory.resolve(slug)) ?? (slug === DEMO_TENANT_SLUG ? await directory.ensureDemoTenant() : null);
    if (!tenant) {
      io.err.write(`Unknown tenant "${slug}".\n`);
      return 2;
    }
    const count = (name: string, fallback: number) => {
      const raw = options[name];
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
      return value;
    };
    const grantTo = typeof options['grant-to'] === 'string' ? options['grant-to'].split(',').map((id) => id.trim()).filter(Boolean) : [];
    const result = await app.get(DemoSeeder).seed(tenant.id, { voters: count('voters', 20), creditsPerVoter: count('credits', 50), grantTo });
    if (options.json) {
      io.out.write(`${JSON.stringify({ tenant: tenant.slug, ...result })}\n`);
      return 0;
    }
    io.out.write(
      [
        `${result.created ? 'Created' : 'Found'} demo event ${result.eventId} (${result.status}) in tenant ${tenant.slug}.`,
        'Contestants:',
        ...result.contestants.map((c) => `  ${c.contestantId}  ${c.slug}`),
        `${result.voters} demo voters with credits; ${result.votesCast} votes cast by them.`,
        ...(result.creditsGrantedTo.length ? [`Credits granted to: ${result.creditsGrantedTo.join(', ')}`] : []),
        '',
      ].join('\n'),
    );
    return 0;
  },
};
