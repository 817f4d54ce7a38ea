// Where the kit reads the one-time codes a server sends by SMS or e-mail: a command that prints
// the latest one, a person at the terminal, or the mock's inbox.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import type { MockControl } from './mock-control.ts';

/** The code the kit needs: which challenge, for whom. */
export interface CodeRequest {
  otpId: string;
  purpose: string;
  codeLength: number;
  /** `primary`, `other` or `renewal`: which of the kit's customers it was sent to. */
  role: string;
  /** The customer's ID number where the kit knows it (with --mock, or --id-number). */
  idNumber?: string;
}

export interface CodeSource {
  /** For the report: `mock inbox`, `command`, `prompt`. */
  readonly name: string;
  code(request: CodeRequest): Promise<string>;
}

/** No code could be had. */
export class CodeSourceProblem extends Error {}

const digits = /^[0-9]{4,8}$/;

/** The latest code of the customer in the mock's `/__mock/inbox`. */
export function mockInboxSource(control: MockControl): CodeSource {
  return {
    name: 'mock inbox',
    async code(request) {
      if (!request.idNumber) throw new CodeSourceProblem('the mock inbox needs the customer’s ID number');
      const items = await control.inbox(request.idNumber);
      const latest = items.at(-1);
      if (!latest || latest.purpose !== request.purpose) throw new CodeSourceProblem(`the mock inbox has no ${request.purpose} code for the customer`);
      return latest.code;
    },
  };
}

/**
 * Runs `command` in a shell for every code; it prints the latest code on standard output.
 * It sees CERT_CENTER_OTP_ID, CERT_CENTER_OTP_PURPOSE, CERT_CENTER_OTP_LENGTH,
 * CERT_CENTER_CUSTOMER (the role) and, where known, CERT_CENTER_ID_NUMBER.
 */
export function commandSource(command: string, timeoutMs: number): CodeSource {
  return {
    name: 'command',
    code: (request) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(command, {
          shell: true,
          stdio: ['ignore', 'pipe', 'inherit'],
          timeout: timeoutMs,
          env: {
            ...process.env,
            CERT_CENTER_OTP_ID: request.otpId,
            CERT_CENTER_OTP_PURPOSE: request.purpose,
            CERT_CENTER_OTP_LENGTH: String(request.codeLength),
            CERT_CENTER_CUSTOMER: request.role,
            ...(request.idNumber ? { CERT_CENTER_ID_NUMBER: request.idNumber } : {}),
          },
        });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
        });
        child.on('error', () => reject(new CodeSourceProblem('the --otp-command could not be started')));
        child.on('close', (status) => {
          const code = out.trim().split(/\s+/).at(-1) ?? '';
          if (status !== 0) reject(new CodeSourceProblem(`the --otp-command exited with ${status}`));
          else if (!digits.test(code)) reject(new CodeSourceProblem('the --otp-command printed no code of 4–8 digits'));
          else resolve(code);
        });
      }),
  };
}

/** Asks at the terminal (standard error), for a person who reads the SMS. */
export function promptSource(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): CodeSource {
  return {
    name: 'prompt',
    async code(request) {
      const rl = createInterface({ input, output, terminal: true });
      try {
        const answer = (await rl.question(`\nThe ${request.role} customer was sent a ${request.purpose} code (${request.codeLength} digits). Code: `)).trim();
        if (!digits.test(answer)) throw new CodeSourceProblem('what was typed is not a code of 4–8 digits');
        return answer;
      } finally {
        rl.close();
      }
    },
  };
}
