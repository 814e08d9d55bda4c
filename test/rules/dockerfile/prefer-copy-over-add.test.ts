import rule from '../../../src/rules/dockerfile/prefer-copy-over-add.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM alpine:3.20\nADD file.tar /usr/src/app/\n',
    'FROM alpine:3.20\nADD file.gz /usr/src/app/\n',
    'FROM alpine:3.20\nADD file.tar.xz /usr/src/app/\n',
    'FROM alpine:3.20\nADD http://file.com /usr/src/app/\n',
    'FROM alpine:3.20\nADD "file.tgz" /usr/src/app/\n',
    'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src\n',
    'FROM alpine:3.20\nADD --checksum=sha256:abc https://x.org/a.bin /a.bin\n',
    'FROM alpine:3.20\nADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.10.1 /buildkit\n',
    { name: 'source from an ARG without default could be a URL', code: 'FROM alpine:3.20\nARG SRC\nADD $SRC /x\n' },
    { name: 'URL from an ARG default', code: 'FROM alpine:3.20\nARG URL=https://x.org/a\nADD $URL /x\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nADD app.py /usr/src/app/\n',
      errors: [{ messageId: 'useCopy', line: 2, column: 1, text: 'ADD', aliases: ['DL3020'] }],
      fix: 'safe',
      output: 'FROM alpine:3.20\nCOPY app.py /usr/src/app/\n',
    },
    { name: 'zip is not unpacked', code: 'FROM alpine:3.20\nADD "file.zip" /usr/src/app/\n', errors: 1, output: 'FROM alpine:3.20\nCOPY "file.zip" /usr/src/app/\n' },
    {
      name: 'extensionless file might be a tarball: unsafe',
      code: 'FROM alpine:3.20\nADD file /usr/src/app/\n',
      errors: 1,
      fix: 'unsafe',
      output: null,
      unsafeOutput: 'FROM alpine:3.20\nCOPY file /usr/src/app/\n',
    },
    {
      name: 'a directory of the build context is safe; flags kept; lower case; CRLF',
      code: 'FROM alpine:3.20\r\nadd --chown=app:app --link src /app/src\r\n',
      files: { 'src/main.py': 'print(1)\n' },
      errors: [{ text: 'add' }],
      output: 'FROM alpine:3.20\r\ncopy --chown=app:app --link src /app/src\r\n',
    },
    {
      name: 'dot and globs with a plain extension are safe',
      code: 'FROM alpine:3.20\nADD . \\\n    *.json /app/\n',
      errors: 1,
      output: 'FROM alpine:3.20\nCOPY . \\\n    *.json /app/\n',
    },
    {
      name: 'heredoc',
      code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF\n',
      errors: 1,
      output: 'FROM alpine:3.20\nCOPY <<EOF /etc/motd\nhello\nEOF\n',
    },
  ],
});
