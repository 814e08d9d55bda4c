import rule from '../../../src/rules/dockerfile/require-image-tag.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM ruby@sha256:f1dbca0f5dbc9\n',
    'FROM ruby:2\n',
    'FROM ${VALUE}\n',
    'FROM scratch\n',
    'FROM localhost:5000/app:1.2\n',
    'FROM golang:1.22-alpine AS build\nRUN foo\nFROM build AS unit-test\nRUN bar\n',
    { name: 'tag from an ARG default', code: 'ARG TAG=1.2\nFROM debian:${TAG}\n' },
    { name: 'ARG without default: unknown', code: 'ARG IMG\nFROM ${IMG}\n' },
    { name: 'ARG naming an earlier stage', code: 'FROM alpine:3.20 AS base\nARG B=base\nFROM base\n' },
  ],
  invalid: [
    { code: 'FROM debian\n', errors: [{ messageId: 'untagged', line: 1, column: 6, text: 'debian', aliases: ['DL3006'] }] },
    { code: 'FROM debian AS builder\n', errors: [{ text: 'debian' }] },
    { name: 'registry port is not a tag', code: 'FROM localhost:5000/app\n', errors: [{ text: 'localhost:5000/app' }] },
    { name: 'ARG default without tag', code: 'ARG IMG=debian\nFROM ${IMG}\n', errors: [{ messageId: 'untaggedArg', line: 2, text: '${IMG}' }] },
    {
      name: 'a stage name used before it is defined is an image',
      code: 'FROM node AS unit-test\nRUN bar\nFROM alpine:3.7\n',
      errors: [{ line: 1, text: 'node' }],
    },
    { name: 'platform flag', code: 'FROM --platform=$BUILDPLATFORM golang AS build\n', errors: [{ text: 'golang' }] },
  ],
});
