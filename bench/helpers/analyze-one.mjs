// Runs one analysis with the bundled library and prints a one-line JSON summary.
// Usage: node bench/helpers/analyze-one.mjs BUNDLE REF
const [bundle, ref] = process.argv.slice(2);
const { analyzeImage } = await import(bundle);
const t = performance.now();
const a = await analyzeImage(ref);
process.stdout.write(
  JSON.stringify({
    ms: Math.round(performance.now() - t),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    layers: a.layers.length,
    diffIds: a.layers.map((l) => l.digest),
    totalBytes: a.totalBytes,
    finalBytes: a.finalBytes,
    finalFileCount: a.finalFileCount,
    wastedBytes: a.wastedBytes,
    efficiency: a.efficiency,
  }) + '\n',
);
