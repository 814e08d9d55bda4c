import rule from '../../../src/rules/dockerfile/no-weakened-verification.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nRUN curl -fsSL https://example.com/x -o x\n',
    'FROM debian\nRUN apt-get install -y --no-install-recommends curl\n',
    'FROM debian\nRUN pip install --index-url https://pypi.example.com/simple x\n',
    'FROM debian\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 GIT_SSL_NO_VERIFY=false PYTHONHTTPSVERIFY=1\n',
    'FROM debian\nRUN npm config set strict-ssl true\n',
    'FROM debian\nRUN git -c http.sslVerify=true clone https://x\n',
    'FROM debian\nRUN echo "deb [signed-by=/etc/apt/keyrings/x.gpg] https://x/ ./" > /etc/apt/sources.list.d/x.list\n',
    'FROM debian\nRUN yum install -y x && rpm -i --nodeps x.rpm\n',
    'FROM debian\nRUN apt-key list\n',
    'FROM golang\nENV GOSUMDB=sum.golang.org\n',
    { name: 'local packages built in the build', code: 'FROM alpine\nRUN apk add --allow-untrusted /tmp/packages/*.apk\n' },
    { name: 'a local apt repository', code: 'FROM debian\nRUN echo "deb [ trusted=yes ] file://$tempDir ./" > /etc/apt/sources.list.d/temp.list\n' },
  ],
  invalid: [
    {
      code: 'FROM debian\nRUN curl -k https://example.com/x -o x\n',
      errors: [{ line: 2, column: 10, text: '-k', aliases: ['CKV2_DOCKER_2'] }],
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM debian\nRUN curl https://example.com/x -o x\n',
    },
    {
      name: 'combined short flags',
      code: 'FROM debian\nRUN curl -fsSLk https://example.com/x -o x\n',
      errors: [{ text: '-fsSLk' }],
      unsafeOutput: 'FROM debian\nRUN curl -fsSL https://example.com/x -o x\n',
    },
    {
      name: 'wget, apt-get, apk, yum, rpm in one multi-line RUN',
      code: df`
        FROM debian
        RUN wget --no-check-certificate https://x/a \\
         && apt-get install -y --allow-unauthenticated --force-yes a \\
         && apk add --allow-untrusted curl \\
         && yum install -y --nogpgcheck c \\
         && rpm -i --nosignature d.rpm
      `,
      errors: [
        { line: 2, text: '--no-check-certificate', aliases: ['CKV2_DOCKER_3'] },
        { line: 3, text: '--allow-unauthenticated', aliases: ['CKV2_DOCKER_8'] },
        { line: 3, text: '--force-yes', aliases: ['CKV2_DOCKER_11'] },
        { line: 4, text: '--allow-untrusted', aliases: ['CKV2_DOCKER_7'] },
        { line: 5, text: '--nogpgcheck', aliases: ['CKV2_DOCKER_9'] },
        { line: 6, text: '--nosignature', aliases: ['CKV2_DOCKER_10'] },
      ],
    },
    {
      name: 'pip --trusted-host (no fix) and PIP_TRUSTED_HOST',
      code: 'FROM python\nENV PIP_TRUSTED_HOST=pypi.internal\nRUN pip install --trusted-host pypi.internal x\n',
      errors: [
        { line: 2, column: 5, text: 'PIP_TRUSTED_HOST=pypi.internal', aliases: ['CKV2_DOCKER_16'] },
        { line: 3, column: 17, text: '--trusted-host', aliases: ['CKV2_DOCKER_4'] },
      ],
      fix: null,
    },
    {
      name: 'environment variables in ENV, ARG, inline and export',
      code: df`
        FROM node
        ENV NODE_TLS_REJECT_UNAUTHORIZED=0
        ARG PYTHONHTTPSVERIFY=0
        RUN GIT_SSL_NO_VERIFY=1 git clone https://x && export NPM_CONFIG_STRICT_SSL=false
      `,
      errors: [
        { line: 2, aliases: ['CKV2_DOCKER_6'] },
        { line: 3, aliases: ['CKV2_DOCKER_5'] },
        { line: 4, column: 5, text: 'GIT_SSL_NO_VERIFY=1', aliases: ['CKV2_DOCKER_14'] },
        { line: 4, text: 'NPM_CONFIG_STRICT_SSL=false', aliases: ['CKV2_DOCKER_12'] },
      ],
    },
    {
      name: 'npm/yarn strict-ssl, git sslVerify, apt-key',
      code: 'FROM node\nRUN npm config set strict-ssl false && yarn config set strict-ssl false\nRUN git config --global http.sslVerify false && git -c http.sslverify=false clone x\nRUN curl -fsSL https://x/key | apt-key add -\n',
      errors: [
        { line: 2, aliases: ['CKV2_DOCKER_13'] },
        { line: 2, aliases: ['CKV2_DOCKER_13'] },
        { line: 3, text: 'git config --global http.sslVerify false' },
        { line: 3, text: '-c http.sslverify=false' },
        { line: 4, text: 'apt-key add -' },
      ],
    },
    {
      name: 'repository files and --setopt',
      code: 'FROM fedora\nRUN echo "gpgcheck=0" >> /etc/yum.repos.d/x.repo && dnf install -y --setopt=sslverify=false x\nRUN echo "deb [trusted=yes] http://x/ ./" > /etc/apt/sources.list.d/x.list\n',
      errors: [{ aliases: ['CKV2_DOCKER_9'] }, { text: '--setopt=sslverify=false', aliases: ['CKV2_DOCKER_15'] }, { line: 3 }],
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian\nONBUILD RUN curl --insecure https://x\n',
      errors: [{ line: 2, column: 18, text: '--insecure' }],
      unsafeOutput: 'FROM debian\nONBUILD RUN curl https://x\n',
    },
  ],
});
