import { Command, CommanderError, Option } from 'commander';
import { RuleError } from '../engine/lint-dockerfile.js';
import { UsageError, type Io } from './io.js';
import { TOOL_VERSION } from './version.js';

const collect = (v: string, prev: string[]) => prev.concat(v.split(',').map((s) => s.trim()).filter(Boolean));

/** Run the CLI with injected IO; resolves to the exit code. Never throws. */
export async function run(io: Io): Promise<number> {
  let code = 0;
  const program = new Command('ballast');
  program
    .description('Find the dead weight in container images and the Dockerfiles that make them.')
    .version(TOOL_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(run `ballast --help` for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.writeOut(s), writeErr: (s) => io.writeErr(s) });

  program
    .command('lint')
    .description('lint Dockerfiles (files, directories, globs, or - for stdin)')
    .argument('[paths...]', 'Dockerfiles, directories to search, or globs; - reads stdin', [])
    .addOption(new Option('-f, --format <format>', 'report format').choices(['tty', 'json', 'sarif', 'github', 'checkstyle', 'gitlab', 'junit']).default('tty'))
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info, warn, error, none')
    .option('--max-warnings <n>', 'also exit 1 when there are more than n warnings')
    .option('-c, --config <file>', 'configuration file (default: .ballast.yaml or .hadolint.yaml found upward)')
    .option('--preset <name>', 'rule preset: recommended, strict, all, none')
    .option('--enable <rule>', 'enable a rule (id, code or alias; repeatable, comma-separated)', collect, [])
    .option('--disable <rule>', 'disable a rule (repeatable, comma-separated)', collect, [])
    .option('--fix', 'apply safe fixes in place')
    .option('--unsafe-fixes', 'also apply unsafe fixes (with --fix or --diff)')
    .option('--diff', 'print the fixes as a unified diff; write nothing')
    .option('--stdin-filename <path>', 'path used for stdin in reports and for config and .dockerignore lookup')
    .option('-q, --quiet', 'report errors only')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours (also NO_COLOR=1)')
    .option('--print-config', 'print the configuration that applies to the first file and exit')
    .option('--cache', 'reuse the results of files that have not changed (nor their configuration or build context)')
    .option('--cache-location <path>', 'the cache file, or a directory for it (default: .ballastcache)')
    .action(async (paths: string[], opts) => {
      const { lintCommand } = await import('./commands/lint.js');
      code = await lintCommand(paths, opts, io);
    });

  program
    .command('analyze')
    .description('analyze an image: layer sizes, wasted bytes, caches, toolchains and the savings possible')
    .argument('<image>', 'docker:NAME, docker-archive:FILE, oci-archive:FILE, oci:DIR, registry:REF, a path, or a reference')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['tty', 'json', 'sarif', 'github', 'checkstyle', 'gitlab', 'junit']).default('tty'))
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option('--dockerfile <path>', 'the Dockerfile the image was built from: findings land on the instruction that made each layer')
    .option('--platform <os/arch[/variant]>', 'platform to read from a multi-platform image (default: this machine\'s)')
    .option('--ci', 'check the thresholds (lowestEfficiency, highestWastedBytes, highestUserWastedPercent) and exit 1 when one is crossed')
    .option('--ci-config <file>', 'dive CI rules file (default: .dive-ci, used when .ballast.yaml has no image thresholds)')
    .option('-c, --config <file>', 'configuration file (default: .ballast.yaml or .hadolint.yaml found upward)')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: info, warn, error, none (default none)')
    .option('--insecure-registry <host>', 'allow plain HTTP for this registry (repeatable)', collect, [])
    .option('--no-progress', 'no progress line on stderr')
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours (also NO_COLOR=1)')
    .action(async (image: string, opts) => {
      const { analyzeCommand } = await import('./commands/analyze.js');
      code = await analyzeCommand(image, opts, io);
    });

  program
    .command('explore')
    .description('explore an image interactively: layers, file trees, waste, leftovers and details (needs a terminal)')
    .argument('<image>', 'docker:NAME, docker-archive:FILE, oci-archive:FILE, oci:DIR, registry:REF, a path, or a reference')
    .option('--platform <os/arch[/variant]>', 'platform to read from a multi-platform image (default: this machine\'s)')
    .option('--sort <order>', 'initial file order: name or size')
    .option('--insecure-registry <host>', 'allow plain HTTP for this registry (repeatable)', collect, [])
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours (also NO_COLOR=1)')
    .action(async (image: string, opts) => {
      const { exploreCommand } = await import('./commands/explore.js');
      code = await exploreCommand(image, opts, io);
    });

  program
    .command('optimize')
    .description('rewrite a Dockerfile for size and cache reuse (multi-stage, cache mounts, manifests first...), explained; --verify builds both')
    .argument('<dockerfile>', 'the Dockerfile to optimize')
    .option('--write', 'apply the rewrites in place (atomically) and write the proposed .dockerignore')
    .option('--verify', 'build the original and the rewrite with the Docker engine; compare sizes, build times and the image contract')
    .option('--verify-cmd <cmd>', 'with --verify: a command run in a container of each image; the outputs must match')
    .option('--context <dir>', 'build context directory (default: the Dockerfile\'s directory)')
    .option('--runtime-base <image>', 'base image for the runtime stage of a multi-stage split')
    .option('--artifact <src[:dest]>', 'a path the runtime stage needs from the build stage (repeatable; replaces detection)', (v: string, p: string[]) => p.concat(v), [])
    .option('--network <mode>', 'with --verify: network mode for RUN instructions (e.g. host)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(['tty', 'json']).default('tty'))
    .option('--only <rewrite>', 'only these rewrites (repeatable, comma-separated)', collect, [])
    .option('--skip <rewrite>', 'skip these rewrites (repeatable, comma-separated)', collect, [])
    .option('--color', 'force colours')
    .option('--no-color', 'disable colours (also NO_COLOR=1)')
    .action(async (file: string, opts) => {
      const { optimizeCommand } = await import('./commands/optimize.js');
      code = await optimizeCommand(file, opts, io);
    });

  program
    .command('rules')
    .description('list the rules, or print one rule\'s documentation')
    .argument('[rule]', 'rule id, code or alias')
    .option('--format <format>', 'tty or json', 'tty')
    .action(async (id: string | undefined, opts) => {
      const { rulesCommand } = await import('./commands/rules.js');
      code = rulesCommand(id, opts, io);
    });

  try {
    const argv = [...io.argv];
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      io.writeErr(`ballast: ${e.message}\n`);
      return 2;
    }
    if (e instanceof RuleError) {
      io.writeErr(`ballast: internal error in ${e.message.split('\n')[0]}\nThis is a bug in ballast; please report it with the Dockerfile that triggers it.\n`);
      if (io.env.BALLAST_DEBUG) io.writeErr(`${e.stack}\n`);
      return 2;
    }
    const err = e as Error & { file?: string };
    if (err?.constructor?.name === 'ConfigError') {
      io.writeErr(`ballast: configuration error: ${err.message}\n`);
      return 2;
    }
    io.writeErr(`ballast: ${err?.message ?? String(e)}\n`);
    if (io.env.BALLAST_DEBUG) io.writeErr(`${err?.stack}\n`);
    return 2;
  }
}
