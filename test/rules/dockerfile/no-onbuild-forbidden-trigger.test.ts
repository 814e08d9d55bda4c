import { expect, it } from 'vitest';
import rule from '../../../src/rules/dockerfile/no-onbuild-forbidden-trigger.js';
import { DockerfileSource } from '../../../src/dockerfile/source.js';
import { ruleTester } from '../../helpers/rule-tester.js';

it('the parser leaves forbidden triggers to this rule (one finding per problem)', () => {
  expect(DockerfileSource.parse('Dockerfile', 'FROM alpine:3.20\nONBUILD ONBUILD RUN x\n').problems).toEqual([]);
});

ruleTester(rule, {
  valid: ['FROM alpine:3.20\nONBUILD RUN make\n', 'FROM alpine:3.20\nONBUILD COPY . /app\n', 'FROM debian:12\nMAINTAINER someone\n'],
  invalid: [
    { code: 'FROM alpine:3.20\nONBUILD ONBUILD RUN anything\n', errors: [{ messageId: 'onbuild', line: 2, column: 9, text: 'ONBUILD', aliases: ['DL3043'] }] },
    { code: 'FROM alpine:3.20\nONBUILD FROM debian:12\n', errors: [{ messageId: 'from', text: 'FROM' }] },
    { code: 'FROM alpine:3.20\nonbuild maintainer "BoJack Horseman"\n', errors: [{ messageId: 'maintainer', text: 'maintainer' }] },
  ],
});
