import type { Config } from './config.js';
import { countUsers, createUser } from './services/accounts.js';
import { SYSTEM_ACTOR, type AppContext } from './services/context.js';
import { seedDemo, type DemoSummary } from './seed/demo.js';

export interface InitResult {
  /** Set only on the run that created the admin: the one time the password is shown. */
  admin?: { name: string; password: string };
  demo: DemoSummary;
}

/** First-run set-up: an admin account when there is none, and the demo organisation when asked. Idempotent. */
export async function initialise(ctx: AppContext, config: Pick<Config, 'seedDemo'>): Promise<InitResult> {
  const result: InitResult = { demo: { centres: 0, teams: 0, units: 0, volunteers: 0 } };
  if ((await countUsers(ctx)) === 0) {
    const { password } = await createUser(ctx, SYSTEM_ACTOR, { name: 'admin', role: 'admin' });
    result.admin = { name: 'admin', password };
  }
  if (config.seedDemo) result.demo = await seedDemo(ctx, SYSTEM_ACTOR);
  return result;
}
