import rule from '../../../src/rules/dockerfile/yum-yes.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y httpd && yum clean all\n',
    'FROM centos:7\nRUN yum -y install httpd\n',
    'FROM centos:7\nRUN yum install --assumeyes httpd\n',
    'FROM centos:7\nRUN yum -qy install httpd\n',
    'FROM centos:7\nRUN yum --setopt=assumeyes=1 install httpd\n',
    'FROM centos:7\nRUN yes | yum install httpd\n',
    'FROM centos:7\nRUN yum clean all && yum makecache\n',
    'FROM centos:7\nRUN yum list installed\n',
    { name: 'dnf is dnf-yes territory', code: 'FROM fedora:40\nRUN dnf install httpd\n' },
    'FROM centos:7\nRUN bash -c `# not even a yum command`\n',
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install httpd-2.4.6 && yum clean all\n',
      errors: [{ messageId: 'noYes', line: 2, column: 5, text: 'yum install httpd-2.4.6', aliases: ['DL3030'] }],
      fix: 'safe',
      output: 'FROM centos:7\nRUN yum install -y httpd-2.4.6 && yum clean all\n',
    },
    {
      name: 'update and remove prompt too',
      code: 'FROM centos:7\nRUN yum update && yum remove vim-minimal\n',
      errors: [{ text: 'yum update' }, { text: 'yum remove vim-minimal' }],
      output: 'FROM centos:7\nRUN yum update -y && yum remove -y vim-minimal\n',
    },
    {
      name: 'group install: -y after the group subcommand',
      code: 'FROM centos:7\nRUN yum group install "Development Tools"\n',
      errors: 1,
      output: 'FROM centos:7\nRUN yum group install -y "Development Tools"\n',
    },
    {
      name: 'behind sudo, on the second line of a RUN',
      code: df`
        FROM centos:7
        RUN echo start \\
         && sudo yum install httpd
      `,
      errors: [{ line: 3, column: 5, text: 'sudo yum install httpd' }],
      output: df`
        FROM centos:7
        RUN echo start \\
         && sudo yum install -y httpd
      `,
    },
    {
      name: 'ONBUILD, CRLF',
      code: 'FROM centos:7\r\nONBUILD RUN yum install httpd\r\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM centos:7\r\nONBUILD RUN yum install -y httpd\r\n',
    },
    {
      name: 'heredoc',
      code: 'FROM centos:7\nRUN <<EOF\nyum install httpd\nEOF\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM centos:7\nRUN <<EOF\nyum install -y httpd\nEOF\n',
    },
  ],
});
