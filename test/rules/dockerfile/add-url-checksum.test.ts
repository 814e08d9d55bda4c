import rule from '../../../src/rules/dockerfile/add-url-checksum.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    'FROM debian\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tgz /x/\n',
    'FROM debian\nADD app.tgz /x/\n',
    'FROM debian\nCOPY https-notes.txt /x/\n',
    'FROM debian\nADD https://github.com/moby/buildkit.git#v0.14.1 /src\n',
    'FROM debian\nADD git@github.com:moby/buildkit.git /src\n',
    'FROM debian\nADD https://github.com/go-delve/delve.git?ref=v1.23.0&keep-git-dir=1 /src\n',
  ],
  invalid: [
    {
      code: 'FROM debian\nADD https://example.com/tool.tgz /opt/\n',
      errors: [{ messageId: 'noChecksum', line: 2, column: 5, text: 'https://example.com/tool.tgz' }],
      fix: 'display-only',
      output: null,
    },
    {
      name: 'exec form and ONBUILD',
      code: 'FROM debian\nONBUILD ADD ["http://example.com/a b.tgz", "/opt/"]\n',
      errors: [{ line: 2, column: 14 }],
    },
    {
      name: 'other flags, continuation',
      code: 'FROM debian\nADD --chown=app \\\n    https://example.com/tool.tgz /opt/\n',
      errors: [{ line: 3, column: 5, text: 'https://example.com/tool.tgz' }],
    },
  ],
});
