import rule from '../../../src/rules/dockerfile/yum-clean-all.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum/*\n',
    'FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/*\n',
    'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd\n',
    'FROM centos:7\nRUN --mount=type=tmpfs,target=/var/cache yum install -y httpd\n',
    'FROM centos:7\nRUN yum remove -y vim-minimal\n',
    {
      name: 'builder stage whose layers do not ship',
      code: 'FROM centos:7 AS build\nRUN yum install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n',
    },
    { name: 'dnf is dnf-clean-all territory', code: 'FROM fedora:40\nRUN dnf install -y httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install -y httpd\n',
      errors: [{ messageId: 'noClean', line: 2, column: 5, text: 'yum install -y httpd', aliases: ['DL3032'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    },
    {
      name: 'a clean before the install does not count',
      code: 'FROM centos:7\nRUN yum clean all && yum install -y httpd\n',
      errors: [{ text: 'yum install -y httpd' }],
      unsafeOutput: 'FROM centos:7\nRUN yum clean all && yum install -y httpd && yum clean all\n',
    },
    {
      name: 'a cache mount elsewhere does not exempt',
      code: 'FROM centos:7\nRUN --mount=type=cache,target=/root/.cache yum update -y\n',
      errors: 1,
    },
    {
      name: 'multi-line RUN with leading &&, CRLF',
      code: 'FROM centos:7\r\nRUN yum install -y httpd \\\r\n && echo ok\r\n',
      errors: [{ line: 2, column: 5 }],
      unsafeOutput: 'FROM centos:7\r\nRUN yum install -y httpd \\\r\n && echo ok \\\r\n && yum clean all\r\n',
    },
    {
      name: 'ONBUILD in a builder stage is still reported',
      code: 'FROM centos:7 AS base\nONBUILD RUN yum install -y httpd\nFROM scratch\n',
      errors: [{ line: 2, column: 13 }],
      unsafeOutput: 'FROM centos:7 AS base\nONBUILD RUN yum install -y httpd && yum clean all\nFROM scratch\n',
    },
    {
      name: 'heredoc',
      code: df`
        FROM centos:7
        RUN <<EOF
        set -e
        sudo yum install -y httpd
        EOF
      `,
      errors: [{ line: 4, column: 1, text: 'sudo yum install -y httpd' }],
      unsafeOutput: df`
        FROM centos:7
        RUN <<EOF
        set -e
        sudo yum install -y httpd
        yum clean all
        EOF
      `,
    },
  ],
});
