import rule from '../../../src/rules/dockerfile/no-multiple-instructions.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian:12 AS a\nCMD bash\nRUN foo\nFROM debian:12 AS b\nCMD another\n',
    'FROM busybox:1\nENTRYPOINT ["/bin/true"]\nCMD ["x"]\nHEALTHCHECK CMD /bin/check\n',
    { name: 'ONBUILD triggers do not count', code: 'FROM busybox:1\nONBUILD CMD ["a"]\nCMD ["b"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nCMD bash\nRUN foo\nCMD another\n',
      errors: [{ messageId: 'overridden', line: 2, column: 1, text: 'CMD bash', aliases: ['DL4003', 'MultipleInstructionsDisallowed'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM debian:12\nRUN foo\nCMD another\n',
    },
    {
      name: 'ENTRYPOINT, several stages',
      code: 'FROM debian:12 AS a\nENTRYPOINT bash\nRUN foo\nENTRYPOINT another\nFROM debian:12 AS b\nENTRYPOINT another\n',
      errors: [{ line: 2, text: 'ENTRYPOINT bash', aliases: ['DL4004'] }],
    },
    {
      name: 'HEALTHCHECK three times: the two ignored ones',
      code: 'FROM scratch\nHEALTHCHECK CMD /bin/a\nHEALTHCHECK NONE\nHEALTHCHECK CMD /bin/c\n',
      errors: [
        { line: 2, aliases: ['DL3012', 'MultipleInstructionsDisallowed'] },
        { line: 3, text: 'HEALTHCHECK NONE' },
      ],
    },
    {
      name: 'multi-line CMD removed with its continuation lines; comment kept; CRLF',
      code: 'FROM debian:12\r\n# the old one\r\nCMD ["a", \\\r\n     "b"]\r\nCMD ["c"]\r\n',
      errors: [{ line: 3, endLine: 4 }],
      unsafeOutput: 'FROM debian:12\r\n# the old one\r\nCMD ["c"]\r\n',
    },
    {
      name: 'snippet without FROM',
      code: df`
        CMD a
        CMD b
      `,
      errors: [{ line: 1 }],
    },
  ],
});
