import rule from '../../../src/rules/dockerfile/no-apt.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN command -v apt\n',
    'FROM debian\nRUN apt-get install -y curl\n',
    'FROM debian\nRUN apt-cache policy curl\n',
    'FROM debian\nRUN apt-get install -y apt\n',
    'FROM debian\nRUN echo apt\n',
  ],
  invalid: [
    {
      name: 'behind sudo',
      code: 'FROM debian\nRUN sudo apt install -y curl\n',
      errors: [{ text: 'apt' }],
    },
    {
      code: 'FROM ubuntu\nRUN apt install -y python3\n',
      errors: [{ messageId: 'apt', line: 2, column: 5, text: 'apt', aliases: ['DL3027'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM ubuntu\nRUN apt-get install -y python3\n',
    },
    {
      name: 'apt show maps to apt-cache',
      code: 'FROM ubuntu\nRUN apt update && apt show curl\n',
      errors: [{ column: 5 }, { column: 19 }],
      unsafeOutput: 'FROM ubuntu\nRUN apt-get update && apt-cache show curl\n',
    },
    {
      name: 'apt list has no stable equivalent: no fix',
      code: 'FROM ubuntu\nRUN apt list --installed\n',
      errors: 1,
      fix: null,
    },
    {
      name: 'ONBUILD, multi-line, CRLF',
      code: 'FROM ubuntu\r\nONBUILD RUN apt-get update \\\r\n  && apt install -y curl\r\n',
      errors: [{ line: 3, column: 6 }],
      unsafeOutput: 'FROM ubuntu\r\nONBUILD RUN apt-get update \\\r\n  && apt-get install -y curl\r\n',
    },
    {
      name: 'heredoc',
      code: 'FROM ubuntu\nRUN <<EOF\napt install -y curl\nEOF\n',
      errors: [{ line: 3, column: 1 }],
      unsafeOutput: 'FROM ubuntu\nRUN <<EOF\napt-get install -y curl\nEOF\n',
    },
  ],
});
