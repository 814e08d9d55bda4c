import rule from '../../../src/rules/dockerfile/no-insecure-run-flags.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN make\n',
    'FROM debian\nRUN --network=none make\n',
    'FROM debian\nRUN --security=sandbox make\n',
    'FROM debian\nRUN --mount=type=cache,target=/root/.cache make\n',
    'FROM debian\nRUN echo --network=host\n',
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN --security=insecure make\n',
      errors: [{ messageId: 'insecure', line: 2, column: 5, text: '--security=insecure' }],
    },
    {
      code: 'FROM debian\nRUN --mount=type=cache,target=/x --network=host \\\n    make\n',
      errors: [{ messageId: 'hostNetwork', line: 2, column: 34, text: '--network=host' }],
    },
    {
      name: 'both, upper-case value',
      code: 'FROM debian\nRUN --network=HOST --security=insecure make\n',
      errors: [{ messageId: 'hostNetwork' }, { messageId: 'insecure' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN --network=host make\n',
      errors: [{ line: 2, column: 13, text: '--network=host' }],
    },
  ],
});
