import rule from '../../../src/rules/dockerfile/no-cd.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nWORKDIR /opt\nRUN make\n',
    'FROM debian\nRUN echo cd /opt\n',
    'FROM debian\nONBUILD RUN cd /opt && make\n',
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN cd /opt\n',
      errors: [{ messageId: 'cd', line: 2, column: 5, text: 'cd /opt', aliases: ['DL3003'] }],
      fix: null,
    },
    {
      name: 'inside a chain spanning lines',
      code: 'FROM debian\nRUN git clone https://example.com/r.git \\\n && cd r \\\n && make\n',
      errors: [{ line: 3, column: 5, text: 'cd r' }],
    },
    {
      name: 'heredoc',
      code: 'FROM debian\nRUN <<EOF\ncd /src\nmake\nEOF\n',
      errors: [{ line: 3, column: 1, text: 'cd /src' }],
    },
  ],
});
