import { describe, expect, it } from 'vitest';
import rule, { isValidImageReference } from '../../../src/rules/dockerfile/invalid-default-arg-in-from.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'ARG TAG=3.20\nFROM alpine:${TAG}\n',
    'ARG TAG\nFROM alpine:${TAG:-latest}\n',
    'ARG REG=ghcr.io/acme\nFROM ${REG}/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n',
    'ARG BASE=build\nFROM alpine AS build\nFROM ${BASE}\n',
    'FROM alpine\n',
  ],
  invalid: [
    {
      code: 'ARG TAG\nFROM busybox:${TAG}\n',
      errors: [{ messageId: 'invalid', line: 2, column: 6, text: 'busybox:${TAG}', aliases: ['InvalidDefaultArgInFrom'] }],
    },
    {
      code: 'ARG BASE_IMAGE\nFROM $BASE_IMAGE AS app\n',
      errors: [{ messageId: 'empty', text: '$BASE_IMAGE' }],
    },
    {
      name: 'uppercase repository',
      code: 'ARG NAME=MyImage\nFROM ${NAME}\n',
      errors: [{ messageId: 'invalid' }],
    },
    {
      name: 'required value',
      code: 'ARG TAG\nFROM alpine:${TAG:?set TAG}\n',
      errors: [{ messageId: 'error' }],
    },
  ],
});

describe('isValidImageReference', () => {
  it('accepts and rejects', () => {
    for (const ok of ['alpine', 'alpine:3.20', 'localhost:5000/a/b:c', 'docker.io/library/node:20-slim', 'a_b__c/d-e'])
      expect(isValidImageReference(ok), ok).toBe(true);
    for (const bad of ['', 'alpine:', ':tag', 'Alpine', 'a//b', 'a:b:c', 'a@sha256:xyz'])
      expect(isValidImageReference(bad), bad).toBe(false);
  });
});
