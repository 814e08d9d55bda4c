import rule from '../../../src/rules/dockerfile/apt-pin-versions.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN apt-get install -y curl=7.88.1-10\n',
    'FROM debian\nRUN apt-get install -y "curl=7.88.*" git=1:2.39.2-1\n',
    'FROM debian\nRUN apt-get install -y ./wkhtmltox_0.12.5-1.bionic_amd64.deb\n',
    'FROM debian\nRUN apt-get install -y /tmp/pkg.deb\n',
    'FROM debian\nRUN apt-get install -y -t bookworm-backports curl=7.88.1-10\n',
    'FROM debian\nRUN apt-get install -y -o Dpkg::Options::=--force-confold curl=7.88.1-10\n',
    'FROM debian\nRUN apt-get install -y $PACKAGES\n',
    'FROM debian\nARG V=1\nRUN apt-get install -y curl=${V}\n',
    'FROM debian\nRUN apt-get update\n',
  ],
  invalid: [
    {
      name: 'behind sudo',
      code: 'FROM debian\nRUN sudo -E apt-get install -y curl\n',
      errors: [{ text: 'curl' }],
    },
    {
      code: 'FROM debian\nRUN apt-get install -y curl\n',
      errors: [{ messageId: 'unpinned', line: 2, column: 24, text: 'curl', aliases: ['DL3008'] }],
      fix: null,
    },
    {
      name: 'one finding per unpinned package',
      code: 'FROM debian\nRUN apt-get update \\\n && apt-get install -y \\\n      curl=7.88.1-10 \\\n      git \\\n      ca-certificates\n',
      errors: [
        { line: 5, column: 7, text: 'git' },
        { line: 6, column: 7, text: 'ca-certificates' },
      ],
    },
    {
      name: 'apt install too',
      code: 'FROM debian\nRUN apt install -y curl\n',
      errors: [{ text: 'curl' }],
    },
    {
      name: 'ONBUILD trigger',
      code: 'FROM debian\nONBUILD RUN apt-get install -y curl\n',
      errors: [{ line: 2, column: 32 }],
    },
    {
      name: 'heredoc',
      code: 'FROM debian\nRUN <<EOF\napt-get install -y curl\nEOF\n',
      errors: [{ line: 3, column: 20 }],
    },
  ],
});
