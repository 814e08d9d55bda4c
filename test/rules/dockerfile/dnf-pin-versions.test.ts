import rule from '../../../src/rules/dockerfile/dnf-pin-versions.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM fedora:40\nRUN dnf install -y tomcat-9.2 && dnf clean all\n',
    'FROM fedora:40\nRUN dnf install -y openssl-1:1.1.1k rpm-sign-4.16.1.3 gcc-c++-1.1.1\n',
    'FROM fedora:40\nRUN dnf install -y httpd-2.4.6-97.el7.x86_64\n',
    'FROM fedora:40\nRUN dnf install -y /tmp/app.rpm https://example.com/x.rpm local.rpm\n',
    'FROM fedora:40\nRUN dnf module install -y tomcat:9\n',
    'FROM fedora:40\nRUN dnf group install -y "Development Tools"\n',
    'FROM fedora:40\nRUN dnf install -y @development\n',
    'FROM fedora:40\nRUN dnf update -y\n',
    'FROM fedora:40\nENV version=2.51.0-2.fc42\nRUN dnf -y install git-core-${version}\n',
    'FROM fedora:40\nARG version=2.51.0-2.fc42\nRUN dnf -y install "git-core-$version"\n',
    'FROM fedora:40 AS build\nENV version=2.51.0-2.fc42\nFROM build\nRUN dnf -y install git-core-${version}\n',
    { name: 'a list in an ARG', code: 'FROM fedora:40\nARG PKGS="tomcat-9.2 httpd-2.4.6"\nRUN dnf install -y $PKGS\n' },
    { name: 'unknown variable: cannot tell', code: 'FROM fedora:40\nRUN dnf install -y $PACKAGES\n' },
    'FROM ubi9/ubi-minimal\nRUN microdnf install -y tomcat-9.0.1 && microdnf clean all\n',
    { name: 'yum is yum-pin-versions territory', code: 'FROM centos:7\nRUN yum install -y tomcat\n' },
    { name: 'set by the RUN itself', code: 'FROM fedora:40\nRUN V=2.4.6 && dnf install -y httpd-$V\n' },
  ],
  invalid: [
    {
      code: 'FROM fedora:40\nRUN dnf install -y tomcat && dnf clean all\n',
      errors: [{ messageId: 'unpinned', line: 2, column: 20, text: 'tomcat', aliases: ['DL3041'] }],
    },
    {
      name: 'one finding per package',
      code: 'FROM fedora:40\nRUN dnf install -y rpm-sign java-17-openjdk tomcat-9.2\n',
      errors: [{ text: 'rpm-sign' }, { text: 'java-17-openjdk' }],
    },
    {
      name: 'microdnf',
      code: 'FROM ubi9/ubi-minimal\nRUN microdnf install -y tomcat\n',
      errors: [{ text: 'tomcat' }],
    },
    {
      name: 'module without a stream',
      code: 'FROM fedora:40\nRUN dnf module install -y tomcat\n',
      errors: [{ messageId: 'unpinnedModule', text: 'tomcat' }],
    },
    {
      name: 'the variable belongs to another stage',
      code: 'FROM fedora:40 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:40\nRUN dnf -y install git-core-${version}\n',
      errors: [{ line: 4, text: 'git-core-${version}' }],
    },
    {
      name: 'multi-line, sudo, ONBUILD',
      code: df`
        FROM fedora:40
        ONBUILD RUN sudo dnf install -y \\
              httpd-2.4.6 \\
              vim
      `,
      errors: [{ line: 4, column: 7, text: 'vim' }],
    },
  ],
});
