import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerfileSource } from '../../src/dockerfile/source.js';
import { optimizeText } from '../../src/optimize/index.js';
import { dirContext } from '../../src/cli/commands/optimize.js';
import { df } from '../helpers/df.js';
import { findings, run } from './helpers.js';

const only = { only: ['multi-stage' as const] };

describe('multi-stage', () => {
  it('puts a static Go binary on scratch, with the CA bundle, and keeps the runtime configuration', async () => {
    const r = await run(
      df`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y golang-go ca-certificates
        WORKDIR /src
        COPY . .
        ENV CGO_ENABLED=0
        RUN go build -o /usr/local/bin/api ./cmd/api
        EXPOSE 8080
        CMD ["api"]
      `,
      only,
    );
    expect(r.output).toBe(df`
      FROM debian:bookworm AS build
      RUN apt-get update && apt-get install -y golang-go ca-certificates
      WORKDIR /src
      COPY . .
      ENV CGO_ENABLED=0
      RUN go build -o /usr/local/bin/api ./cmd/api

      FROM scratch
      ENV CGO_ENABLED=0
      WORKDIR /src
      COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
      COPY --from=build /usr/local/bin/api /usr/local/bin/api
      EXPOSE 8080
      CMD ["api"]
    `);
    expect(r.rewrites[0].applicability).toBe('unsafe');
    expect(r.rewrites[0].explanation).toMatch(/Runtime base scratch: CGO_ENABLED=0/);
  });

  it('uses the slim variant of the same Debian release for a dynamic binary (Rust, binary name from Cargo.toml)', async () => {
    const r = await run(
      df`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y rustc cargo
        WORKDIR /app
        COPY . .
        RUN cargo build --release
        CMD ["./target/release/wc"]
      `,
      only,
      { 'Cargo.toml': '[package]\nname = "wc"\nversion = "0.1.0"\n' },
    );
    expect(r.output).toContain('FROM debian:bookworm-slim\nWORKDIR /app\nCOPY --from=build /app/target/release/wc /app/target/release/wc\nCMD ["./target/release/wc"]');
  });

  it('Node: runtime keeps nodejs (not npm), production dependencies and the build output', async () => {
    const r = await run(
      df`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y nodejs npm
        WORKDIR /app
        COPY . .
        RUN npm ci
        RUN npm run build
        CMD ["node", "dist/server.js"]
      `,
      only,
      { 'package.json': '{}', src: '' },
    );
    expect(r.output).toBe(df`
      FROM debian:bookworm AS build
      RUN apt-get update && apt-get install -y nodejs npm
      WORKDIR /app
      COPY . .
      RUN npm ci
      RUN npm run build
      RUN npm prune --omit=dev

      FROM debian:bookworm-slim
      RUN apt-get update && apt-get install -y --no-install-recommends nodejs && rm -rf /var/lib/apt/lists/*
      WORKDIR /app
      COPY --from=build /app/package.json /app/package.json
      COPY --from=build /app/node_modules /app/node_modules
      COPY --from=build /app/dist /app/dist
      CMD ["node", "dist/server.js"]
    `);
  });

  it('Java: the JDK becomes the JRE of the same flavour, the jar is carried over', async () => {
    const r = await run(
      df`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y default-jdk-headless
        WORKDIR /app
        COPY . .
        RUN javac -d out src/*.java && jar cfe app.jar Main -C out .
        CMD ["java", "-jar", "app.jar"]
      `,
      only,
    );
    expect(r.output).toContain('RUN mkdir -p /usr/share/man/man1 && apt-get update && apt-get install -y --no-install-recommends default-jre-headless');
    expect(r.output).toContain('COPY --from=build /app/app.jar /app/app.jar');
  });

  it('a static site: the files copied out of the work tree after the build, nginx kept, the generator dropped', async () => {
    const r = await run(
      df`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y nginx make python3 python3-markdown
        WORKDIR /site
        COPY . .
        RUN make && cp -r public/. /var/www/html/
        CMD ["nginx", "-g", "daemon off;"]
      `,
      only,
    );
    expect(r.output).toContain('apt-get install -y --no-install-recommends nginx &&');
    expect(r.output).toContain('COPY --from=build /var/www/html /var/www/html');
    expect(r.rewrites[0].explanation).toMatch(/left in the build stage: make, python3, python3-markdown/);
  });

  it('Python: the virtualenv and the application directory, python3 kept, pip and compilers dropped', async () => {
    const r = await run(
      df`
        FROM debian:bookworm
        RUN apt-get update && apt-get install -y build-essential python3 python3-dev python3-venv
        WORKDIR /app
        COPY . .
        RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install .
        CMD ["/opt/venv/bin/python", "-m", "app"]
      `,
      only,
    );
    expect(r.output).toContain('apt-get install -y --no-install-recommends python3 &&');
    expect(r.output).toContain('COPY --from=build /opt/venv /opt/venv\nCOPY --from=build /app /app');
  });

  it('make install: the install prefix', async () => {
    const r = await run('FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /src\nRUN cd /src && make && make install\nCMD ["tool"]\n', only);
    expect(r.output).toContain('COPY --from=build /usr/local /usr/local');
  });

  it('is display-only with a TODO when the runtime base of an unknown image cannot be decided', async () => {
    const r = await run('FROM registry.example.com/builder:1\nRUN apt-get update && apt-get install -y gcc\nCOPY . /src\nRUN make -C /src\nCMD ["/src/tool"]\n', only);
    expect(r.rewrites[0].applicability).toBe('display-only');
    expect(r.rewrites[0].after).toMatch(/# TODO: choose a runtime image/);
    expect(r.output).toBe('FROM registry.example.com/builder:1\nRUN apt-get update && apt-get install -y gcc\nCOPY . /src\nRUN make -C /src\nCMD ["/src/tool"]\n');
  });

  it('--runtime-base decides it', async () => {
    const r = await run('FROM registry.example.com/builder:1\nRUN apt-get update && apt-get install -y gcc\nCOPY . /src\nRUN make -C /src\nCMD ["/src/tool"]\n', { ...only, runtimeBase: 'registry.example.com/runtime:1' });
    expect(r.rewrites[0].applicability).toBe('unsafe');
    expect(r.output).toContain('FROM registry.example.com/runtime:1\nCOPY --from=build /src/tool /src/tool');
  });

  it('--artifact replaces detection', async () => {
    const r = await run('FROM debian:bookworm\nRUN apt-get update && apt-get install -y golang-go\nWORKDIR /src\nCOPY . .\nRUN go build .\nCMD ["/src/app"]\n', { ...only, artifacts: ['/src/app:/usr/local/bin/app'] });
    expect(r.rewrites[0].applicability).toBe('unsafe');
    expect(r.output).toContain('COPY --from=build /src/app /usr/local/bin/app');
  });

  it('asks for the binary when go build has no -o', async () => {
    const r = await run('FROM debian:bookworm\nRUN apt-get update && apt-get install -y golang-go\nWORKDIR /src\nCOPY . .\nRUN go build .\nCMD ["/src/app"]\n', only);
    expect(r.rewrites[0].applicability).toBe('display-only');
    expect(r.rewrites[0].after).toMatch(/TODO: `go build` without `-o`/);
  });

  it('does not split a file that is already multi-stage, or has no build', async () => {
    expect((await run('FROM golang:1.22 AS b\nRUN go build -o /x .\nFROM scratch\nCOPY --from=b /x /x\n', only)).rewrites).toEqual([]);
    expect((await run('FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nCMD ["curl"]\n', only)).rewrites).toEqual([]);
  });
});

describe('every fixture', () => {
  const root = join(import.meta.dirname, '..', '..', 'fixtures', 'dockerfiles');
  const apps = readdirSync(root).filter((d) => d !== 'example' && existsSync(join(root, d, 'Dockerfile')));

  it('has at least 8 applications', () => {
    expect(apps.length).toBeGreaterThanOrEqual(8);
  });

  for (const app of apps) {
    it(`${app}: split applied, parses, lints with fewer findings, idempotent, no # syntax=`, async () => {
      const dir = join(root, app);
      const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      const ctx = dirContext(dir, 'Dockerfile');
      const r = await optimizeText(join(dir, 'Dockerfile'), text, {}, ctx);
      expect(r.rewrites.find((w) => w.id === 'multi-stage')?.applicability).toBe('unsafe');
      expect(r.rewrites.every((w) => w.applicability !== 'display-only')).toBe(true);
      const parsed = DockerfileSource.parse('Dockerfile', r.output);
      expect(parsed.problems).toEqual([]);
      expect(parsed.stages.length).toBe(2);
      expect(r.output).not.toMatch(/^#\s*syntax=/m);
      expect(await findings(r.output, { 'package.json': '{}' })).toBeLessThan(await findings(text, { 'package.json': '{}' }));
      const withIgnore = { ...ctx, exists: (p: string) => p === '.dockerignore' || ctx.exists(p) };
      const again = await optimizeText(join(dir, 'Dockerfile'), r.output, {}, withIgnore);
      expect(again.rewrites.map((w) => w.id)).toEqual([]);
    });
  }
});
