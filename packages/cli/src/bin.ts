#!/usr/bin/env node
import { main } from './main.js';

// pnpm runs root scripts in the repository root; INIT_CWD is where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();
const code = await main(process.argv.slice(2), {
  cwd,
  interactive: process.stdout.isTTY === true && process.stderr.isTTY === true,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;
