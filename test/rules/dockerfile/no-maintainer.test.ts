import rule from '../../../src/rules/dockerfile/no-maintainer.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: ['FROM debian:12\n', 'FROM debian:12\nLABEL org.opencontainers.image.authors="hudu@mail.com"\n'],
  invalid: [
    {
      code: 'FROM busybox:1\nMAINTAINER hudu@mail.com\n',
      errors: [{ messageId: 'deprecated', line: 2, column: 1, text: 'MAINTAINER', aliases: ['DL4000', 'MaintainerDeprecated'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM busybox:1\nLABEL org.opencontainers.image.authors="hudu@mail.com"\n',
    },
    {
      name: 'quotes and dollars are escaped; lower-case keyword kept; CRLF',
      code: 'FROM debian:12\r\nmaintainer Jane "JD" Doe <$jane@x.org>\r\nRUN true\r\n',
      errors: 1,
      unsafeOutput: 'FROM debian:12\r\nlabel org.opencontainers.image.authors="Jane \\"JD\\" Doe <\\$jane@x.org>"\r\nRUN true\r\n',
    },
    {
      name: 'the stage already has the label: remove MAINTAINER',
      code: 'FROM debian:12\nLABEL org.opencontainers.image.authors="a@b.c"\n# who\nMAINTAINER a@b.c\nRUN true\n',
      errors: 1,
      unsafeOutput: 'FROM debian:12\nLABEL org.opencontainers.image.authors="a@b.c"\n# who\nRUN true\n',
    },
    { name: 'before FROM: no fix', code: 'MAINTAINER Lukas\nFROM debian:12\n', errors: [{ line: 1 }], fix: null },
  ],
});
