import rule from '../../../src/rules/dockerfile/dnf-yes.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    'FROM fedora:40\nRUN dnf -y install httpd\n',
    'FROM fedora:40\nRUN dnf5 install --assumeyes httpd\n',
    'FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y httpd\n',
    'FROM fedora:40\nRUN dnf -y module install nodejs:20\n',
    'FROM fedora:40\nRUN dnf clean all\n',
    'FROM fedora:40\nRUN notdnf install httpd\n',
    { name: 'yum is yum-yes territory', code: 'FROM centos:7\nRUN yum install httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install httpd && dnf clean all\n',
      errors: [{ messageId: 'noYes', line: 2, column: 5, text: 'dnf install httpd', aliases: ['DL3038'] }],
      fix: 'safe',
      output: 'FROM fedora:40\nRUN dnf install -y httpd && dnf clean all\n',
    },
    {
      name: 'microdnf and tdnf',
      code: 'FROM x\nRUN microdnf install httpd && tdnf in curl\n',
      errors: [{ text: 'microdnf install httpd' }, { text: 'tdnf in curl' }],
      output: 'FROM x\nRUN microdnf install -y httpd && tdnf in -y curl\n',
    },
    {
      name: 'module install: -y after install',
      code: 'FROM fedora:40\nRUN dnf module install nodejs:20\n',
      errors: 1,
      output: 'FROM fedora:40\nRUN dnf module install -y nodejs:20\n',
    },
    {
      name: 'env wrapper, multi-line RUN',
      code: df`
        FROM fedora:40
        RUN set -e; \\
            env LANG=C dnf upgrade
      `,
      errors: [{ line: 3, column: 5, text: 'env LANG=C dnf upgrade' }],
      output: df`
        FROM fedora:40
        RUN set -e; \\
            env LANG=C dnf upgrade -y
      `,
    },
    {
      name: 'ONBUILD, CRLF',
      code: 'FROM fedora:40\r\nONBUILD RUN dnf install httpd\r\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM fedora:40\r\nONBUILD RUN dnf install -y httpd\r\n',
    },
  ],
});
