import rule from '../../../src/rules/dockerfile/yum-pin-versions.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM centos:7\nRUN yum install -y tomcat-9.2 && yum clean all\n',
    'FROM centos:7\nRUN yum install -y openssl-1:1.1.1k rpm-sign-4.16.1.3 gcc-c++-1.1.1\n',
    'FROM centos:7\nRUN yum install -y httpd-2.4.6-97.el7.x86_64\n',
    'FROM centos:7\nRUN yum install -y /tmp/app.rpm https://example.com/x.rpm local.rpm\n',
    'FROM centos:7\nRUN yum module install -y tomcat:9\n',
    'FROM centos:7\nRUN yum group install -y "Development Tools"\n',
    'FROM centos:7\nRUN yum install -y @development\n',
    'FROM centos:7\nRUN yum update -y\n',
    'FROM centos:7\nENV version=2.51.0-2.fc42\nRUN yum -y install git-core-${version}\n',
    'FROM centos:7\nARG version=2.51.0-2.fc42\nRUN yum -y install "git-core-$version"\n',
    'FROM centos:7 AS build\nENV version=2.51.0-2.fc42\nFROM build\nRUN yum -y install git-core-${version}\n',
    { name: 'a list in an ARG', code: 'FROM centos:7\nARG PKGS="tomcat-9.2 httpd-2.4.6"\nRUN yum install -y $PKGS\n' },
    { name: 'unknown variable: cannot tell', code: 'FROM centos:7\nRUN yum install -y $PACKAGES\n' },
    { name: 'set by the RUN itself', code: 'FROM centos:7\nRUN V=2.4.6 && yum install -y httpd-$V\n' },
  ],
  invalid: [
    {
      code: 'FROM centos:7\nRUN yum install -y tomcat && yum clean all\n',
      errors: [{ messageId: 'unpinned', line: 2, column: 20, text: 'tomcat', aliases: ['DL3033'] }],
    },
    {
      name: 'one finding per package',
      code: 'FROM centos:7\nRUN yum install -y rpm-sign java-17-openjdk tomcat-9.2\n',
      errors: [{ text: 'rpm-sign' }, { text: 'java-17-openjdk' }],
    },
    {
      name: 'module without a stream',
      code: 'FROM centos:7\nRUN yum module install -y tomcat\n',
      errors: [{ messageId: 'unpinnedModule', text: 'tomcat' }],
    },
    {
      name: 'the variable belongs to another stage',
      code: 'FROM fedora:40 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:40\nRUN yum -y install git-core-${version}\n',
      errors: [{ line: 4, text: 'git-core-${version}' }],
    },
    {
      name: 'multi-line, sudo, ONBUILD',
      code: df`
        FROM centos:7
        ONBUILD RUN sudo yum install -y \\
              httpd-2.4.6 \\
              vim
      `,
      errors: [{ line: 4, column: 7, text: 'vim' }],
    },
  ],
});
