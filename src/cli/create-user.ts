import { parseArgs } from 'node:util';

/*
 * `npm run create-user`: the options are read here, before the service's modules load, so --help
 * and usage errors answer at once; the work is in create-user.run.ts.
 */
const USAGE = `usage: npm run create-user -- --username NAME --roles admin[,officer...] [--jurisdiction CODE,...] [--full-name "..."]
The password is read from NEW_USER_PASSWORD, or asked for when it is unset and this is a terminal.`;

function options(): { username: string; roles: string; jurisdiction?: string; 'full-name'?: string } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        username: { type: 'string' },
        roles: { type: 'string' },
        jurisdiction: { type: 'string' },
        'full-name': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`create-user: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (values.help || !values.username || !values.roles) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(values.help ? 0 : 2);
  }
  return { username: values.username, roles: values.roles, jurisdiction: values.jurisdiction, 'full-name': values['full-name'] };
}

const given = options();
import('./create-user.run.js').then(
  ({ runCreateUser }) => runCreateUser(given),
  (error: unknown) => {
    process.stderr.write(`create-user: could not load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
