import rule from '../../../src/rules/dockerfile/no-latest-tag.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:jessie\n',
    'FROM hub.docker.io/debian@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n',
    'FROM hub.docker.io/debian:latest@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb\n',
    'FROM debian:jessie AS builder\n',
    { name: 'untagged is require-image-tag', code: 'FROM debian\n' },
    { name: 'unknown ARG', code: 'ARG TAG\nFROM debian:${TAG}\n' },
    'FROM localhost:5000/latest:1.0\n',
  ],
  invalid: [
    { code: 'FROM debian:latest\n', errors: [{ messageId: 'latest', line: 1, column: 12, text: ':latest', aliases: ['DL3007'] }] },
    { code: 'FROM debian:latest AS builder\n', errors: [{ text: ':latest' }] },
    { code: 'FROM --platform=linux/amd64 ghcr.io/org/app:latest\n', errors: [{ text: ':latest' }] },
    { name: 'ARG default', code: 'ARG TAG=latest\nFROM debian:${TAG}\n', errors: [{ messageId: 'latestArg', line: 2, text: 'debian:${TAG}' }] },
  ],
});
