import rule from '../../../src/rules/dockerfile/apt-get-yes.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN apt-get install -y curl\n',
    'FROM debian\nRUN apt-get -y install curl\n',
    'FROM debian\nRUN apt-get install -yq curl\n',
    'FROM debian\nRUN apt-get install --yes curl\n',
    'FROM debian\nRUN apt-get --assume-yes install curl\n',
    'FROM debian\nRUN apt-get install -qq curl\n',
    'FROM debian\nRUN apt-get install -q -q curl\n',
    'FROM debian\nRUN apt-get install -q=2 curl\n',
    'FROM debian\nRUN apt-get install --quiet --quiet curl\n',
    'FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n',
    'FROM debian\nRUN apt-get update\n',
    'FROM debian\nRUN apt-cache show curl\n',
    'FROM debian\nRUN echo apt-get install curl\n',
  ],
  invalid: [
    {
      name: 'behind sudo and env',
      code: 'FROM debian\nRUN sudo env DEBIAN_FRONTEND=noninteractive apt-get install curl\n',
      errors: [{ text: 'sudo env DEBIAN_FRONTEND=noninteractive apt-get install curl' }],
      output: 'FROM debian\nRUN sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y curl\n',
    },
    {
      code: 'FROM debian\nRUN apt-get install curl\n',
      errors: [{ messageId: 'noYes', line: 2, column: 5, text: 'apt-get install curl', aliases: ['DL3014'] }],
      fix: 'safe',
      output: 'FROM debian\nRUN apt-get install -y curl\n',
    },
    {
      name: 'one quiet level is not enough',
      code: 'FROM debian\nRUN apt-get install -q curl\n',
      errors: 1,
      output: 'FROM debian\nRUN apt-get install -y -q curl\n',
    },
    {
      name: 'apt install too',
      code: 'FROM debian\nRUN apt install curl\n',
      errors: [{ text: 'apt install curl' }],
      output: 'FROM debian\nRUN apt install -y curl\n',
    },
    {
      name: 'the install command inside a multi-line RUN',
      code: df`
        FROM debian
        RUN apt-get update \\
         && apt-get install --no-install-recommends \\
              curl \\
         && rm -rf /var/lib/apt/lists/*
      `,
      errors: [{ line: 3, column: 5, endLine: 4, text: 'apt-get install --no-install-recommends \\\n      curl' }],
      output: df`
        FROM debian
        RUN apt-get update \\
         && apt-get install -y --no-install-recommends \\
              curl \\
         && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'heredoc',
      code: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install curl\nEOF\n',
      errors: [{ line: 4, column: 1 }],
      output: 'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM debian\nONBUILD RUN apt-get install curl\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM debian\nONBUILD RUN apt-get install -y curl\n',
    },
    {
      name: 'CRLF',
      code: 'FROM debian\r\nRUN apt-get update \\\r\n && apt-get install curl\r\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM debian\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n',
    },
    {
      name: 'Assume-Yes set to false does not count',
      code: 'FROM debian\nRUN apt-get -o APT::Get::Assume-Yes=false install curl\n',
      errors: 1,
    },
  ],
});
