// `npm run mock-server`: the mock CA on loopback for a browser page, curl, Postman or the
// conformance kit. Prints where it listens and the customers' tokens, then one line per request
// and per code "sent"; stops cleanly on SIGINT / SIGTERM.
import { parseArgs } from 'node:util';
import { createMockBackend } from '../backend.ts';
import { scenarioNames, type ScenarioName } from '../types.ts';
import { startMockHttpServer } from './http-server.ts';

const usage = `Usage: npm run mock-server -- [options]

  --port <n>            port on 127.0.0.1 (default 8787; 0 picks a free one)
  --host <address>      a loopback address (default 127.0.0.1)
  --scenario <name>     seeded state of the first customer (default new-customer):
                        ${scenarioNames.join(', ')}
  --now <time>          start a clock that stands still at this RFC 3339 time
                        (default: real time); POST /__mock/clock moves it
  --allow-origin <url>  a page origin CORS allows besides loopback ones (repeatable)
  --quiet               print only the start-up lines
  --help`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        scenario: { type: 'string', default: 'new-customer' },
        now: { type: 'string' },
        'allow-origin': { type: 'string', multiple: true },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, not ${values.port}`);
  const scenario = values.scenario as ScenarioName;
  if (!scenarioNames.includes(scenario)) fail(`--scenario must be one of ${scenarioNames.join(', ')}`);
  let now: Date | undefined;
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) fail(`--now must be an RFC 3339 time, not ${values.now}`);
  }

  const backend = createMockBackend({ scenario, ...(now ? { now } : {}) });
  const quiet = values.quiet;
  let seen = 0;
  const log = (line: string) => {
    if (!quiet) process.stdout.write(`${line}\n`);
  };
  let served;
  try {
    served = await startMockHttpServer({
      backend,
      host: values.host,
      port,
      scenario,
      allowedOrigins: values['allow-origin'] ?? [],
      onRequest: ({ method, path, status }) => {
        log(`${new Date().toISOString()} ${method} ${path} → ${status}`);
        // The SMS and e-mail a real backend would send, for whoever drives the mock by hand.
        const inbox = backend.inbox.all();
        for (const message of inbox.slice(seen)) log(`  code ${message.code} for ${message.idNumber} (${message.purpose})`);
        seen = inbox.length;
      },
    });
  } catch (error) {
    process.stderr.write(`The mock server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const clock = backend.clock.fixed ? `${backend.clock.now().toISOString()}, standing still` : 'real time';
  process.stdout.write(
    [
      `Mock Certificate Center on ${served.origin}`,
      `  contract  ${served.baseUrl}  (the document: ${served.baseUrl}/openapi.json)`,
      `  control   ${served.origin}/__mock/  (customers, inbox, clock, faults, reset)`,
      `  scenario  ${scenario}; clock ${clock}`,
      'Customers (Authorization: Bearer <token>, or the cookie cert_center_session=<token>):',
      ...backend.customers.map((c) => `  ${c.idNumber}  ${c.name}  ${c.token}`),
      'Ctrl+C stops.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    served.close().then(() => {
      process.stdout.write(`Stopped (${signal}).\n`);
      process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

await main(process.argv.slice(2));
