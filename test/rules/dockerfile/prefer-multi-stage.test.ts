import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../../src/core/fixer.js';
import rule from '../../../src/rules/dockerfile/prefer-multi-stage.js';
import { df } from '../../helpers/df.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    df`
      FROM golang:1.22 AS build
      WORKDIR /src
      COPY . .
      RUN CGO_ENABLED=0 go build -o /out/app .
      FROM gcr.io/distroless/static-debian12
      COPY --from=build /out/app /app
      ENTRYPOINT ["/app"]
    `,
    { name: 'toolchain removed in the RUN that installs it', code: 'FROM python:3.12-alpine\nRUN apk add --virtual .build-deps gcc musl-dev && pip install --no-cache-dir uwsgi && apk del .build-deps\n' },
    { name: 'golang image without a build (a dev shell)', code: 'FROM golang:1.22\nCMD ["bash"]\n' },
    { name: 'full node image without a build step', code: 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n' },
    { name: 'headers alone are not a compiler', code: 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y libpq-dev make\n' },
    { name: 'slim node with a build', code: 'FROM node:20-slim\nRUN npm run build\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/app ./cmd/app\nEXPOSE 8080\nCMD app\n',
      errors: [{ messageId: 'shipsToolchain', line: 1, column: 6, text: 'golang:1.22' }],
      fix: 'display-only',
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'compilers installed in a slim python image',
      code: 'FROM python:3.12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends gcc libpq-dev\nRUN pip install psycopg2\n',
      errors: [{ messageId: 'shipsCompilers', line: 3, column: 48, text: 'gcc' }],
    },
    {
      name: 'a final stage built FROM a toolchain stage: reported, no rewrite',
      code: 'FROM rust:1.79 AS base\nRUN cargo install ripgrep\nFROM base\nCMD ["rg"]\n',
      errors: [{ line: 1, text: 'rust:1.79' }],
      fix: null,
    },
  ],
});

async function fixed(code: string): Promise<string | undefined> {
  const [f] = await runRule(rule, { code });
  expect(f, 'a finding').toBeDefined();
  return f.fix ? applyEdits(code, f.fix.edits) : undefined;
}

describe('prefer-multi-stage display-only rewrite', () => {
  it('Go: static binary on distroless, runtime instructions moved', async () => {
    expect(await fixed('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /usr/local/bin/app ./cmd/app\nEXPOSE 8080\nCMD ["app"]\n')).toBe(df`
      FROM golang:1.22 AS build
      WORKDIR /src
      COPY . .
      RUN CGO_ENABLED=0 go build -o /usr/local/bin/app ./cmd/app

      FROM gcr.io/distroless/static-debian12
      WORKDIR /src
      # TODO: copy any other files the application reads at runtime
      COPY --from=build /usr/local/bin/app /usr/local/bin/app
      EXPOSE 8080
      CMD ["app"]
    `);
  });

  it('Node: slim runtime, ENV and USER repeated, TODO for the artifacts', async () => {
    const code = 'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nENV NODE_ENV=production\nUSER node\nCMD ["node", "dist/server.js"]\n';
    expect(await fixed(code)).toBe(df`
      FROM node:20 AS build
      WORKDIR /app
      COPY . .
      RUN npm ci && npm run build
      ENV NODE_ENV=production
      USER node

      FROM node:20-slim
      WORKDIR /app
      ENV NODE_ENV=production
      # TODO: copy any other files the application reads at runtime
      # TODO: copy only the build output (e.g. dist/) and production dependencies (\`npm ci --omit=dev\`)
      COPY --from=build /app /app
      USER node
      CMD ["node", "dist/server.js"]
    `);
  });

  it('Maven: JRE of the same version; no trailing newline; CRLF; existing stage name kept', async () => {
    const code = 'FROM maven:3.9-eclipse-temurin-21 AS app\r\nWORKDIR /app\r\nCOPY . .\r\nRUN mvn -B package -DskipTests\r\nCMD ["java", "-jar", "target/app.jar"]';
    expect(await fixed(code)).toBe(
      'FROM maven:3.9-eclipse-temurin-21 AS app\r\nWORKDIR /app\r\nCOPY . .\r\nRUN mvn -B package -DskipTests\r\n\r\nFROM eclipse-temurin:21-jre\r\nWORKDIR /app\r\n# TODO: copy any other files the application reads at runtime\r\nCOPY --from=app /app/target/*.jar /app/target/\r\nCMD ["java", "-jar", "target/app.jar"]\r\n',
    );
  });

  it('compilers on a Debian base with make install: same base, TODOs where it guesses', async () => {
    const code = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\nCOPY . /src\nRUN make -C /src && make -C /src install\nUSER app\nCMD app-server\n';
    expect(await fixed(code)).toBe(df`
      FROM debian:bookworm AS build
      RUN apt-get update && apt-get install -y build-essential
      COPY . /src
      RUN make -C /src && make -C /src install
      USER app

      # TODO: pick a runtime image without the compilers (a -slim variant or distroless)
      FROM debian:bookworm
      # TODO: copy any other files the application reads at runtime
      # TODO: copy only what \`make install\` installed
      COPY --from=build /usr/local /usr/local
      USER app
      CMD app-server
    `);
  });

  it('flags a user created in the build stage and shell-form CMD on distroless', async () => {
    const code = 'FROM rust:1.79\nWORKDIR /w\nCOPY . .\nRUN cargo build --release --bin srv\nRUN useradd srv\nUSER srv\nCMD srv --port 80\n';
    const out = await fixed(code);
    expect(out).toContain('FROM gcr.io/distroless/cc-debian12\n');
    expect(out).toContain('COPY --from=build /w/target/release/srv /usr/local/bin/srv\n');
    expect(out).toContain('# TODO: user srv was created in the build stage: create it here too (or use a numeric uid)\nUSER srv\n');
    expect(out).toContain('# TODO: gcr.io/distroless/cc-debian12 has no shell: use the exec form\nCMD srv --port 80\n');
  });
});
