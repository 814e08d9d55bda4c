/**
 * Entry point of the GitHub Action (bundled into action/dist/index.js by action/build.mjs). The only
 * module of the action that touches `process`.
 */
import { runAction } from './run.js';

runAction({
  env: process.env,
  cwd: process.cwd(),
  write: (text) => void process.stdout.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stdout.write(`::error::ballast: ${String((e as Error)?.message ?? e).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
    process.exitCode = 1;
  },
);
