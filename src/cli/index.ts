import { Command, CommanderError } from 'commander'
import { LecternError } from '../shared/errors'
import { addCommand } from './commands/add'
import { extractCommand } from './commands/extract'
import { deleteCommand } from './commands/delete'
import { listCommand } from './commands/list'
import { readCommand } from './commands/read'
import { reextractCommand } from './commands/reextract'
import { searchCommand } from './commands/search'
import { serveCommand } from './commands/serve'
import { UsageError } from './cli-support'

/**
 * The command line: commander parses (each command its own options, generated help, unknown options and
 * missing arguments refused); each command is contract calls through createLocalApi plus formatting.
 * Returns the process exit code: 0 done, 1 failed (one line on stderr), 2 wrong usage (one line on stderr).
 */
export async function main(argv: string[]): Promise<number> {
  let code = 0
  const run = async (action: () => Promise<number>): Promise<void> => {
    code = await action()
  }
  // Help asked for by mistake (no command) is collected to go to stdout with exit 2, as `lectern` always did.
  let helpForMissingCommand = ''
  let active = 'lectern'
  const program = new Command('lectern')
    .description('Lectern: save web articles and read them offline.')
    .option('--data-dir <dir>', 'the library folder (default: $LECTERN_DATA_DIR, else the app data folder)')
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      'after',
      '\nEach command has its own options: lectern <command> --help. Errors print one line on stderr and\nexit 1 (2 for wrong usage).'
    )
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => (helpForMissingCommand += text),
      outputError: () => undefined // said once, in one line, below
    })
    .exitOverride()
    .hook('preSubcommand', (_program, command) => {
      active = `lectern ${command.name()}`
    })
  for (const command of [
    addCommand(run),
    listCommand(run),
    readCommand(run),
    searchCommand(run),
    reextractCommand(run),
    deleteCommand(run),
    serveCommand(run),
    extractCommand(run)
  ]) {
    program.addCommand(command.copyInheritedSettings(program))
  }
  try {
    await program.parseAsync(argv, { from: 'user' })
    return code
  } catch (error) {
    if (error instanceof CommanderError) return usageFailure(error, active, helpForMissingCommand)
    if (error instanceof UsageError) {
      process.stderr.write(`lectern: ${error.message}\n`)
      return 2
    }
    const message =
      error instanceof LecternError ? error.message : `unexpected error: ${(error as Error).stack ?? error}`
    process.stderr.write(`lectern: ${message}\n`)
    return 1
  }
}

/** What commander refused: help asked for (0), no command (help on stdout, 2), else one line on stderr (2). */
function usageFailure(error: CommanderError, command: string, help: string): number {
  if (error.exitCode === 0) return 0 // --help, help <command>
  if (error.code === 'commander.help') {
    process.stdout.write(help)
    return 2
  }
  const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')
  process.stderr.write(`lectern: ${message} (see ${command} --help)\n`)
  return 2
}
