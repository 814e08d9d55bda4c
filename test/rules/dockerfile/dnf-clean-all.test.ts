import rule from '../../../src/rules/dockerfile/dnf-clean-all.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    'FROM fedora:40\nRUN dnf5 install -y httpd && dnf5 clean all\n',
    'FROM ubi9/ubi-minimal\nRUN microdnf install -y httpd && microdnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y httpd && rm -rf /var/cache/dnf\n',
    'FROM fedora:40\nRUN dnf install -y httpd && rm -rf /var/cache/libdnf5/*\n',
    'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd\n',
    'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf,sharing=locked dnf install -y httpd\n',
    'FROM fedora:40\nRUN dnf remove -y vim-minimal\n',
    'FROM fedora:40\nRUN notdnf install httpd\n',
    { name: 'yum is yum-clean-all territory', code: 'FROM centos:7\nRUN yum install -y httpd\n' },
    {
      name: 'builder stage whose layers do not ship',
      code: 'FROM fedora:40 AS build\nRUN dnf install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n',
    },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y httpd\n',
      errors: [{ messageId: 'noClean', line: 2, column: 5, text: 'dnf install -y httpd', aliases: ['DL3040'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    },
    {
      name: 'microdnf needs its own clean',
      code: 'FROM fedora:40\nRUN dnf install -y httpd && microdnf clean all\n',
      errors: [{ text: 'dnf install -y httpd' }],
    },
    {
      name: 'upgrade, and a removal before the install',
      code: 'FROM fedora:40\nRUN rm -rf /var/cache/libdnf5 && dnf -y upgrade\n',
      errors: [{ text: 'dnf -y upgrade' }],
      unsafeOutput: 'FROM fedora:40\nRUN rm -rf /var/cache/libdnf5 && dnf -y upgrade && dnf clean all\n',
    },
    {
      name: 'microdnf',
      code: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y httpd\n',
      errors: 1,
      unsafeOutput: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y httpd && microdnf clean all\n',
    },
    {
      name: 'trailing && continuation style',
      code: df`
        FROM fedora:40
        RUN dnf install -y \\
              gcc \\
              make && \\
            echo ok
      `,
      errors: [{ line: 2, column: 5 }],
      unsafeOutput: df`
        FROM fedora:40
        RUN dnf install -y \\
              gcc \\
              make && \\
            echo ok && \\
            dnf clean all
      `,
    },
    {
      name: 'ONBUILD, CRLF',
      code: 'FROM fedora:40\r\nONBUILD RUN dnf in -y httpd\r\n',
      errors: [{ line: 2, column: 13 }],
      unsafeOutput: 'FROM fedora:40\r\nONBUILD RUN dnf in -y httpd && dnf clean all\r\n',
    },
    {
      name: 'exec form sh -c',
      code: 'FROM fedora:40\nRUN ["sh", "-c", "dnf install -y httpd"]\n',
      errors: 1,
      unsafeOutput: 'FROM fedora:40\nRUN ["sh", "-c", "dnf install -y httpd && dnf clean all"]\n',
    },
  ],
});
