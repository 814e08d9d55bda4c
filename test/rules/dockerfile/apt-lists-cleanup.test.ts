import rule from '../../../src/rules/dockerfile/apt-lists-cleanup.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists\n',
    'FROM debian\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl\n',
    'FROM debian\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y curl\n',
    'FROM debian\nRUN --mount=type=tmpfs,target=/var/lib/apt/lists apt-get update\n',
    {
      name: 'a stage that does not reach the final image',
      code: 'FROM debian AS tools\nRUN apt-get update && apt-get install -y curl\nFROM scratch\nCOPY app /app\n',
    },
    'FROM debian\nRUN apt-get install -y ./local.deb\n',
    'FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
  ],
  invalid: [
    {
      name: 'behind sudo',
      code: 'FROM debian\nRUN sudo apt-get update && sudo apt-get install -y curl\n',
      errors: [{ text: 'sudo apt-get update' }],
    },
    {
      code: 'FROM debian\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ messageId: 'lists', line: 2, column: 5, text: 'apt-get update', aliases: ['DL3009'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM debian\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'removal in a later RUN is too late',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: 1,
    },
    {
      name: 'a cache mount on /var/cache/apt only does not cover the lists',
      code: 'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl\n',
      errors: [{ column: 46 }],
    },
    {
      name: 'an intermediate stage the final stage builds on',
      code: 'FROM debian AS base\nRUN apt-get update && apt-get install -y curl\nFROM base\nCMD ["curl"]\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'apt and aptitude',
      code: 'FROM debian\nRUN apt update && apt install -y curl\nRUN aptitude update\n',
      errors: [{ line: 2, text: 'apt update' }, { line: 3, text: 'aptitude update' }],
    },
    {
      name: 'multi-line RUN with leading &&',
      code: df`
        FROM debian
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends \\
                 curl \\
            && echo done
      `,
      errors: [{ line: 2, column: 5, text: 'apt-get update' }],
      unsafeOutput: df`
        FROM debian
        RUN apt-get update \\
            && apt-get install -y --no-install-recommends \\
                 curl \\
            && echo done \\
            && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'multi-line RUN with trailing &&, CRLF',
      code: 'FROM debian\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\n',
      errors: 1,
      unsafeOutput: 'FROM debian\r\nRUN apt-get update && \\\r\n    apt-get install -y curl && \\\r\n    rm -rf /var/lib/apt/lists/*\r\n',
    },
    {
      name: 'trailing semicolon',
      code: 'FROM debian\nRUN apt-get update; apt-get install -y curl;\n',
      errors: 1,
      unsafeOutput: 'FROM debian\nRUN apt-get update; apt-get install -y curl; rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'a trailing comment: no mechanical fix',
      code: 'FROM debian\nRUN apt-get update && apt-get install -y curl # tools\n',
      errors: 1,
      fix: null,
    },
    {
      name: 'heredoc script gets one more line',
      code: 'FROM debian\nRUN <<EOF\n  apt-get update\n  apt-get install -y curl\nEOF\n',
      errors: [{ line: 3, column: 3, text: 'apt-get update' }],
      unsafeOutput: 'FROM debian\nRUN <<EOF\n  apt-get update\n  apt-get install -y curl\n  rm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'exec form: reported without a fix',
      code: 'FROM debian\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl"]\n',
      errors: 1,
      fix: null,
    },
    {
      name: 'ONBUILD triggers run in the downstream image, whatever the stage',
      code: 'FROM debian AS tools\nONBUILD RUN apt-get update\nFROM scratch\n',
      errors: [{ line: 2, column: 13 }],
      unsafeOutput: 'FROM debian AS tools\nONBUILD RUN apt-get update && rm -rf /var/lib/apt/lists/*\nFROM scratch\n',
    },
    {
      name: 'RUN flags before the script',
      code: 'FROM debian\nRUN --network=host apt-get update\n',
      errors: [{ column: 20 }],
      unsafeOutput: 'FROM debian\nRUN --network=host apt-get update && rm -rf /var/lib/apt/lists/*\n',
    },
  ],
});
