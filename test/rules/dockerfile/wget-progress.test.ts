import rule from '../../../src/rules/dockerfile/wget-progress.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    'FROM debian\nRUN wget -q https://example.com/a.tgz\n',
    'FROM debian\nRUN wget -qO- https://example.com/install.sh\n',
    'FROM debian\nRUN wget --quiet https://example.com/a.tgz\n',
    'FROM debian\nRUN wget -nv https://example.com/a.tgz\n',
    'FROM debian\nRUN wget --no-verbose https://example.com/a.tgz\n',
    'FROM debian\nRUN wget -o /tmp/log https://example.com/a.tgz\n',
    'FROM debian\nRUN wget --output-file=/tmp/log https://example.com/a.tgz\n',
    'FROM debian\nRUN wget -a /tmp/log https://example.com/a.tgz\n',
    'FROM debian\nRUN wget --append-output=/tmp/log https://example.com/a.tgz\n',
    'FROM debian\nRUN apt-get install -y wget\n',
  ],
  invalid: [
    {
      name: 'behind sudo',
      code: 'FROM debian\nRUN sudo wget https://example.com/x\n',
      errors: [{ text: 'sudo wget https://example.com/x' }],
    },
    {
      code: 'FROM debian\nRUN wget https://example.com/a.tgz\n',
      errors: [{ messageId: 'progress', line: 2, column: 5, text: 'wget https://example.com/a.tgz', aliases: ['DL3047'] }],
      fix: 'safe',
      output: 'FROM debian\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    },
    {
      name: '-O is not -o',
      code: 'FROM debian\nRUN wget -O /tmp/a.tgz https://example.com/a.tgz\n',
      errors: 1,
      output: 'FROM debian\nRUN wget --progress=dot:giga -O /tmp/a.tgz https://example.com/a.tgz\n',
    },
    {
      name: 'BusyBox wget (Alpine) rejects --progress: the fix is unsafe there',
      code: 'FROM alpine:3.19\nRUN wget https://example.com/a.tgz\n',
      errors: 1,
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM alpine:3.19\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    },
    {
      name: 'multi-line RUN, CRLF',
      code: 'FROM debian\r\nRUN set -e \\\r\n && wget https://example.com/a.tgz \\\r\n && tar xzf a.tgz\r\n',
      errors: [{ line: 3, column: 5, text: 'wget https://example.com/a.tgz' }],
      output: 'FROM debian\r\nRUN set -e \\\r\n && wget --progress=dot:giga https://example.com/a.tgz \\\r\n && tar xzf a.tgz\r\n',
    },
    {
      name: 'ONBUILD trigger and heredoc',
      code: 'FROM debian\nONBUILD RUN <<EOF\nwget https://example.com/a.tgz\nEOF\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM debian\nONBUILD RUN <<EOF\nwget --progress=dot:giga https://example.com/a.tgz\nEOF\n',
    },
  ],
});
