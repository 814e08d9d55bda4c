import rule from '../../../src/rules/dockerfile/zypper-pin-versions.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM opensuse/leap\nRUN zypper install -y tomcat=9.0.39 && zypper clean\n',
    'FROM opensuse/leap\nRUN zypper install -y tomcat\\>=9.0 "httpd<2.5" \'vim>9\' git\\<=2.40\n',
    'FROM opensuse/leap\nRUN zypper install -y tomcat-9.0.39-1.rpm /tmp/x.rpm\n',
    'FROM opensuse/leap\nRUN zypper install -y -t pattern devel_basis\n',
    'FROM opensuse/leap\nRUN zypper install -y pattern:devel_basis\n',
    'FROM opensuse/leap\nRUN zypper -n remove vim\n',
    'FROM opensuse/leap\nARG V=9.0.39\nRUN zypper install -y tomcat=$V\n',
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap\nRUN zypper install -y tomcat && zypper clean\n',
      errors: [{ messageId: 'unpinned', line: 2, column: 23, text: 'tomcat', aliases: ['DL3037'] }],
    },
    {
      name: 'repository option values are not packages',
      code: 'FROM opensuse/leap\nRUN zypper -n in --from extra -r extra2 tomcat=9 vim\n',
      errors: [{ text: 'vim' }],
    },
    {
      name: 'multi-line, ONBUILD',
      code: df`
        FROM opensuse/leap
        ONBUILD RUN zypper -n install \\
              tomcat=9.0.39 \\
              httpd
      `,
      errors: [{ line: 4, column: 7, text: 'httpd' }],
    },
  ],
});
