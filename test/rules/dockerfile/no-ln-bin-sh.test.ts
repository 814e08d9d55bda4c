import rule from '../../../src/rules/dockerfile/no-ln-bin-sh.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN ln -sf /bin/true /sbin/initctl\n',
    'FROM debian\nRUN ln -s foo bar && unrelated && something_with /bin/sh\n',
    'FROM debian\nRUN ln -s /bin/sh /usr/local/bin/mysh\n',
    'FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN echo hi\n',
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN ln -sfv /bin/bash /bin/sh\n',
      errors: [{ messageId: 'lnSh', line: 2, column: 23, text: '/bin/sh', aliases: ['DL4005'] }],
      fix: null,
    },
    {
      name: '/usr/bin/sh, sudo, multi-line',
      code: 'FROM debian\nRUN apt-get update \\\n && sudo ln -sf bash /usr/bin/sh\n',
      errors: [{ line: 3, column: 22, text: '/usr/bin/sh' }],
    },
    {
      name: 'ln -t /bin',
      code: 'FROM debian\nRUN ln -sf -t /bin /usr/local/bin/sh\n',
      errors: [{ text: '/usr/local/bin/sh' }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN ln -sf /bin/bash /bin/sh\n',
      errors: [{ line: 2, column: 30 }],
    },
  ],
});
