import rule from '../../../src/rules/dockerfile/prefer-add-for-local-archive.js';
import { df } from '../../helpers/df.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nCOPY packaged-app.tar /usr/src/app\n',
    'FROM debian\nCOPY package.json /usr/src/app\n',
    'FROM debian\nCOPY --from=builder /usr/local/share/some.tar /opt/some.tar\nRUN tar -xf /opt/some.tar\n',
    'FROM debian\nCOPY packaged-app.tar /usr/src/app\nFROM debian:12 AS newstage\nRUN tar -xf /usr/src/app/packaged-app.tar\n',
    'FROM debian\nADD packaged-app.tar /usr/src/app\n',
    { name: 'zip is not unpacked by ADD', code: 'FROM debian\nCOPY app.zip /tmp/\nRUN unzip /tmp/app.zip\n' },
    { name: 'partial extraction', code: 'FROM debian\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz --strip-components=1 -C /opt\n' },
    { name: 'only some members', code: 'FROM debian\nCOPY app.tar /tmp/\nRUN tar -xf /tmp/app.tar bin/app\n' },
    { name: 'listing is not extracting', code: 'FROM debian\nCOPY app.tar /tmp/\nRUN tar -tf /tmp/app.tar\n' },
  ],
  invalid: [
    {
      code: 'FROM debian\nCOPY packaged-app.tar /usr/src/app\nRUN tar -xf /usr/src/app/packaged-app.tar\n',
      errors: [{ messageId: 'useAdd', line: 2, column: 6, text: 'packaged-app.tar', aliases: ['DL3010'] }],
      fix: null,
    },
    {
      name: 'relative path after WORKDIR, old-style key, later in a multi-line RUN',
      code: df`
        FROM debian
        COPY --chown=app app.tgz /usr/src/app/
        WORKDIR /usr/src/app
        RUN echo something \\
         && tar xzf app.tgz
      `,
      errors: [{ line: 2, column: 18, text: 'app.tgz' }],
    },
    {
      name: 'copied under another name',
      code: 'FROM debian\nCOPY foo/bar/packaged-app.tar /foo.tar\nRUN tar --extract --file=/foo.tar\n',
      errors: [{ text: 'foo/bar/packaged-app.tar' }],
    },
    {
      name: 'Windows paths',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY build\\foo\\bar.tar.gz "C:\\Program Files\\Foo"\nRUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"\n',
      errors: [{ line: 2, column: 6 }],
    },
  ],
});
