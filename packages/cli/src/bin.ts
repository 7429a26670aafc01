#!/usr/bin/env node
import { installStopHandlers } from '@pattern-press/engine';
import { main } from './main.js';

// pnpm runs root scripts in the repository root; INIT_CWD is where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();
// serve and dev run until stopped and close themselves on a signal; every other command undoes its work first.
const command = process.argv.slice(2).find((argument) => !argument.startsWith('-'));
installStopHandlers((text) => process.stderr.write(text), { signals: command !== 'serve' && command !== 'dev' });
try {
  process.exitCode = await main(process.argv.slice(2), {
    cwd,
    interactive: process.stdout.isTTY === true && process.stderr.isTTY === true,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
} catch (error) {
  // Content and usage problems never get here; this is a bug or the machine (disk full, out of memory).
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`press: internal error: ${message}\n${process.env.PRESS_DEBUG && error instanceof Error ? `${error.stack}\n` : 'run again with PRESS_DEBUG=1 for the details\n'}`);
  process.exitCode = 70;
}
