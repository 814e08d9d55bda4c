import rule from '../../../src/rules/dockerfile/apt-no-install-recommends.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN apt-get install -y --no-install-recommends curl\n',
    'FROM debian\nRUN apt-get --no-install-recommends -y install curl\n',
    'FROM debian\nRUN apt-get -o APT::Install-Recommends=false install -y curl\n',
    'FROM debian\nRUN apt-get -o APT::Install-Recommends=0 install -y curl\n',
    'FROM debian\nRUN apt-get update && apt-get upgrade -y\n',
  ],
  invalid: [
    {
      name: 'behind sudo',
      code: 'FROM debian\nRUN sudo apt-get install -y curl\n',
      errors: [{ text: 'sudo apt-get install -y curl' }],
    },
    {
      code: 'FROM debian\nRUN apt-get install -y curl\n',
      errors: [{ messageId: 'recommends', line: 2, column: 5, text: 'apt-get install -y curl', aliases: ['DL3015'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM debian\nRUN apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'Install-Recommends=true does not count',
      code: 'FROM debian\nRUN apt-get -o APT::Install-Recommends=true install -y curl\n',
      errors: 1,
    },
    {
      name: 'second command of a multi-line RUN',
      code: 'FROM debian\nRUN apt-get update \\\n    && apt-get -y install curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 3, column: 8, text: 'apt-get -y install curl' }],
      unsafeOutput: 'FROM debian\nRUN apt-get update \\\n    && apt-get -y install --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM debian\nONBUILD RUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 13 }],
    },
    {
      name: 'CRLF heredoc',
      code: 'FROM debian\r\nRUN <<EOF\r\napt-get install -y curl\r\nEOF\r\n',
      errors: [{ line: 3, column: 1 }],
      unsafeOutput: 'FROM debian\r\nRUN <<EOF\r\napt-get install --no-install-recommends -y curl\r\nEOF\r\n',
    },
  ],
});
