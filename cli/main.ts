/**
 * Dispatches `kanswijzer <command>` to `cli/commands/<command>.ts`: adding a command means adding a file
 * there (and a line to COMMANDS for the help text). A crash is a bug, but it still ends in a plain message,
 * never a stack trace (set KANSWIJZER_DEBUG=1 to see one).
 */
import { processIO, UsageError, type Command, type CommandIO } from './io.ts';

const COMMANDS: Record<string, string> = {
  validate: 'validate <file|dir>…            check JSON catalogs and Markdown content folders',
  build: 'build <content-dir> --out <dir>   write catalog.json, events.ics and catalog.schema.json',
  suggest: 'suggest --html <file> --url <url>  which items a page would bring up, and why',
  events: 'events <feed>… --from --to        every occurrence of the events in a date range',
};

export function usage(): string {
  return ['Usage: kanswijzer <command> [options]', '', 'Commands:', ...Object.values(COMMANDS).map((line) => `  ${line}`), '', 'Run "kanswijzer <command> --help" for the options of a command.'].join('\n');
}

export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-v') {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    io.stdout(pkg.version);
    return 0;
  }
  if (!Object.hasOwn(COMMANDS, name)) {
    io.stderr(`Unknown command "${name}".\n\n${usage()}`);
    return 1;
  }
  try {
    const module = (await import(`./commands/${name}.ts`)) as { default: Command };
    return await module.default(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\nUsage: kanswijzer ${COMMANDS[name]}`);
      return 1;
    }
    if (process.env.KANSWIJZER_DEBUG) io.stderr(error instanceof Error ? (error.stack ?? error.message) : String(error));
    io.stderr(`kanswijzer ${name} stopped: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
