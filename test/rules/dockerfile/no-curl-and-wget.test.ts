import rule from '../../../src/rules/dockerfile/no-curl-and-wget.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM node\nRUN wget my.xyz\n',
    'FROM node AS a\nRUN wget my.xyz\nFROM scratch\nRUN curl localhost\n',
    'FROM debian\nRUN apt-get install -y curl wget\n',
    'FROM debian\nRUN command -v wget && curl -fsSL https://example.com\n',
    { name: 'ONBUILD triggers run in another image', code: 'FROM debian\nRUN curl -fsSL https://example.com\nONBUILD RUN wget https://example.com\n' },
  ],
  invalid: [
    {
      code: 'FROM node\nRUN wget my.xyz\nRUN curl localhost\n',
      errors: [{ messageId: 'both', line: 3, column: 5, text: 'curl localhost', aliases: ['DL4001'] }],
      fix: null,
    },
    {
      name: 'in one RUN',
      code: 'FROM node\nRUN wget my.xyz && curl localhost\n',
      errors: [{ text: 'curl localhost' }],
    },
    {
      name: 'every later RUN using either tool',
      code: 'FROM node\nRUN wget my.xyz\nRUN curl my.xyz\nRUN echo hello\nRUN sudo wget foo.com\n',
      errors: [{ line: 3 }, { line: 5, text: 'sudo wget foo.com' }],
    },
    {
      name: 'stages are separate',
      code: 'FROM node AS a\nRUN wget my.xyz\nRUN curl localhost\nFROM scratch\nRUN curl localhost\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'multi-line RUN',
      code: 'FROM node\nRUN curl -o a https://a \\\n && wget https://b\n',
      errors: [{ line: 3, column: 5, text: 'wget https://b' }],
    },
  ],
});
