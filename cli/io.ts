/** What a command writes to and where it runs; injected so commands can be tested without a process. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

export type Command = (args: string[], io: CommandIO) => Promise<number>;

export const processIO: CommandIO = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  cwd: process.cwd(),
};

/** Thrown for wrong command-line use; the dispatcher prints the message and the command's usage. */
export class UsageError extends Error {}
