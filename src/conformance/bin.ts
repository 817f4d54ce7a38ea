// The `cert-center-conformance` command (package.json "bin"; built to dist/bin with a shebang).
import { main } from './cli.ts';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
