import { expect, it } from 'vitest';
import rule, { isTrusted, registryOf } from '../../../src/rules/dockerfile/trusted-registries.js';
import { ruleTester } from '../../helpers/rule-tester.js';

it('finds the registry of a reference', () => {
  expect(registryOf('ubuntu:22.04')).toBe('docker.io');
  expect(registryOf('zemanlx/ubuntu:18.04')).toBe('docker.io');
  expect(registryOf('index.docker.io/library/ubuntu')).toBe('docker.io');
  expect(registryOf('localhost:5000/app')).toBe('localhost:5000');
  expect(registryOf('ghcr.io/acme/app@sha256:abc')).toBe('ghcr.io');
  expect(isTrusted('foo.random.com', ['*.random.com'])).toBe(true);
  expect(isTrusted('random.com', ['*.random.com'])).toBe(false);
  expect(isTrusted('docker.io', ['registry-1.docker.io'])).toBe(true);
});

const settings = { trustedRegistries: ['ghcr.io', '*.corp.example'] };

ruleTester(rule, {
  valid: [
    { name: 'inactive without a list', code: 'FROM random.com/debian:12\n' },
    { code: 'FROM ghcr.io/acme/base:1\nFROM registry.corp.example/app:2\n', settings },
    { code: 'FROM scratch\n', settings },
    { code: 'FROM ghcr.io/acme/base:1 AS base\nFROM base\nCOPY --from=base /a /b\n', settings },
    { name: 'stage named through a global ARG', code: 'ARG B=base\nFROM ghcr.io/acme/base:1 AS base\nFROM ${B}\n', settings },
    { name: 'unknown ARG', code: 'ARG IMAGE\nFROM ${IMAGE}\n', settings },
    { code: 'FROM ghcr.io/a/b:1\nRUN --mount=type=bind,from=ghcr.io/x/y:1,target=/x true\n', settings },
  ],
  invalid: [
    {
      code: 'FROM ubuntu:22.04\n',
      settings,
      errors: [{ messageId: 'untrusted', line: 1, column: 6, text: 'ubuntu:22.04', aliases: ['DL3026'] }],
    },
    { code: 'FROM ghcr.io/a/b:1\nCOPY --from=quay.io/x/y:1 /a /b\n', settings, errors: [{ line: 2, column: 13, text: 'quay.io/x/y:1' }] },
    { code: 'FROM ghcr.io/a/b:1\nRUN --mount=type=cache,from=quay.io/x/y:1,target=/x true\n', settings, errors: [{ text: 'quay.io/x/y:1' }] },
    { name: 'resolved through a global ARG', code: 'ARG REG=docker.io\nFROM ${REG}/library/debian:12\n', settings, errors: [{ messageId: 'untrustedArg' }] },
    { name: 'each stage', code: 'FROM ubuntu:18.04 AS a\nFROM zemanlx/ubuntu:18.04 AS b\nFROM docker.io/zemanlx/ubuntu:18.04\n', settings, errors: 3 },
  ],
});
