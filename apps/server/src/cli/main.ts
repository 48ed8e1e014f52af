import { CommanderError } from 'commander';
import { buildProgram } from './commands.js';
import { describeFailure, EXIT_USAGE } from './errors.js';
import { addWarningCommands } from './warning-commands.js';

// buildProgram sets exitOverride, so commander throws here instead of exiting.
const program = buildProgram((line) => process.stdout.write(`${line}\n`));
addWarningCommands(program, (line) => process.stdout.write(`${line}\n`));

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed its own one-line message; help and version exit 0.
    process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
  }
  const { line, code } = describeFailure(err);
  process.stderr.write(`civdef: ${line.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(code);
}
